/**
 * Owners, their pets and visits: the owner-search page the benchmark drives, and owner details.
 */
@NullMarked
package benchmarks.petclinic.owner;

import org.jspecify.annotations.NullMarked;
