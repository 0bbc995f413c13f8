package benchmarks.petclinic.owner;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owner search and owner details, each in one read-only transaction. A search page costs four
 * statements: the page of owners, their count, their pets with types, and the pets' visit summaries.
 */
@Service
@Transactional(readOnly = true)
public class OwnerService {

	/** Owners per result page. */
	public static final int PAGE_SIZE = 5;

	private static final Sort BY_NAME = Sort.by("lastName", "firstName", "id");

	private final OwnerRepository owners;

	private final PetRepository pets;

	private final VisitRepository visits;

	private final OwnerRowAssembler rows;

	private final TelephoneFormatter telephones;

	public OwnerService(OwnerRepository owners, PetRepository pets, VisitRepository visits, OwnerRowAssembler rows,
			TelephoneFormatter telephones) {
		this.owners = owners;
		this.pets = pets;
		this.visits = visits;
		this.rows = rows;
		this.telephones = telephones;
	}

	public OwnerSearchResult search(OwnerSearch search, int page) {
		Pageable pageable = PageRequest.of(Math.max(page, 1) - 1, PAGE_SIZE, BY_NAME);
		PetType type = search.getType();
		Page<Owner> found = (type != null)
				? this.owners.findByLastNameStartingWithAndPetType(search.getLastName(), type, pageable)
				: this.owners.findByLastNameStartingWith(search.getLastName(), pageable);
		List<Owner> pageOwners = found.getContent();
		List<Pet> ownerPets = pageOwners.isEmpty() ? List.of()
				: this.pets.findWithTypeByOwnerIds(pageOwners.stream().map(Owner::getId).toList());
		List<VisitSummary> summaries = ownerPets.isEmpty() ? List.of()
				: this.visits.summarizeByPetIds(ownerPets.stream().map(Pet::getId).toList());
		return new OwnerSearchResult(this.rows.toRows(pageOwners, ownerPets, summaries), found.getNumber() + 1,
				found.getTotalPages(), found.getTotalElements());
	}

	public OwnerDetails details(int ownerId) {
		Owner owner = this.owners.findById(ownerId).orElseThrow(() -> new OwnerNotFoundException(ownerId));
		List<Pet> ownerPets = this.pets.findWithTypeByOwnerIds(List.of(ownerId));
		Map<Integer, List<Visit>> visitsByPet = ownerPets.isEmpty() ? Map.of()
				: this.visits.findByPetIds(ownerPets.stream().map(Pet::getId).toList())
					.stream()
					.collect(Collectors.groupingBy((visit) -> Objects.requireNonNull(visit.getPet()).getId()));
		List<OwnerDetails.PetVisits> petVisits = ownerPets.stream()
			.map((pet) -> new OwnerDetails.PetVisits(pet, visitsByPet.getOrDefault(pet.getId(), List.of())))
			.toList();
		return new OwnerDetails(owner, this.telephones.format(owner.getTelephone()), petVisits);
	}

}
