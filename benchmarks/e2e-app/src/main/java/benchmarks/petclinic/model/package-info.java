/**
 * Mapped superclasses shared by the entities of every feature.
 */
@NullMarked
package benchmarks.petclinic.model;

import org.jspecify.annotations.NullMarked;
