/**
 * The veterinarians page.
 */
@NullMarked
package benchmarks.petclinic.vet;

import org.jspecify.annotations.NullMarked;
