package benchmarks.petclinic.owner;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One line of the owner-search result table.
 *
 * @param id owner id, for the details link
 * @param name full name
 * @param address street address
 * @param city city
 * @param telephone formatted telephone number
 * @param pets pet names and types, such as "Leo (cat), Max (dog)"
 * @param visits visits of all the owner's pets
 * @param lastVisit latest visit of any of the owner's pets
 */
public record OwnerRow(Integer id, String name, String address, String city, String telephone, String pets,
		long visits, @Nullable LocalDate lastVisit) {

}
