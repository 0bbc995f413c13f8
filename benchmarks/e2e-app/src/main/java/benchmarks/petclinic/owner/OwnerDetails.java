package benchmarks.petclinic.owner;

import java.util.List;

/**
 * An owner with every pet and visit.
 *
 * @param owner the owner
 * @param telephone formatted telephone number
 * @param pets the owner's pets, each with its visits
 */
public record OwnerDetails(Owner owner, String telephone, List<PetVisits> pets) {

	/**
	 * A pet and its visits, latest first.
	 *
	 * @param pet the pet
	 * @param visits its visits
	 */
	public record PetVisits(Pet pet, List<Visit> visits) {

	}

}
