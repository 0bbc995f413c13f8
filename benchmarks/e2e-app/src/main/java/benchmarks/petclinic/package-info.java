/**
 * A PetClinic-like server-rendered application (Spring MVC, Thymeleaf, Spring Data JPA on H2) that the
 * end-to-end benchmark ({@code benchmarks/e2e/run.sh}) runs with and without the telemetry starter.
 */
@NullMarked
package benchmarks.petclinic;

import org.jspecify.annotations.NullMarked;
