/**
 * Welcome page and web configuration.
 */
@NullMarked
package benchmarks.petclinic.system;

import org.jspecify.annotations.NullMarked;
