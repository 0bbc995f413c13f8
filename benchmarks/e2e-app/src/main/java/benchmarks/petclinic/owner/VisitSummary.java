package benchmarks.petclinic.owner;

import java.time.LocalDate;

/**
 * How many times a pet visited the clinic, and when last.
 *
 * @param petId the pet
 * @param visits number of visits
 * @param lastVisit date of the latest visit
 */
public record VisitSummary(Integer petId, long visits, LocalDate lastVisit) {

}
