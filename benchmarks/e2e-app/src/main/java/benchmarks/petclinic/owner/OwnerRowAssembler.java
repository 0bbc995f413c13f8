package benchmarks.petclinic.owner;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Joins a page of owners with their pets and visit summaries into the rows of the result table.
 */
@Component
public class OwnerRowAssembler {

	private final TelephoneFormatter telephones;

	public OwnerRowAssembler(TelephoneFormatter telephones) {
		this.telephones = telephones;
	}

	public List<OwnerRow> toRows(List<Owner> owners, List<Pet> pets, List<VisitSummary> visits) {
		Map<Integer, List<Pet>> petsByOwner = new LinkedHashMap<>();
		for (Pet pet : pets) {
			Owner owner = Objects.requireNonNull(pet.getOwner());
			petsByOwner.computeIfAbsent(owner.getId(), (id) -> new ArrayList<>()).add(pet);
		}
		Map<Integer, VisitSummary> visitsByPet = visits.stream()
			.collect(Collectors.toMap(VisitSummary::petId, Function.identity()));
		List<OwnerRow> rows = new ArrayList<>(owners.size());
		for (Owner owner : owners) {
			List<Pet> ownerPets = petsByOwner.getOrDefault(owner.getId(), List.of());
			long visitCount = 0;
			LocalDate lastVisit = null;
			for (Pet pet : ownerPets) {
				VisitSummary summary = visitsByPet.get(pet.getId());
				if (summary != null) {
					visitCount += summary.visits();
					lastVisit = later(lastVisit, summary.lastVisit());
				}
			}
			rows.add(new OwnerRow(Objects.requireNonNull(owner.getId()), owner.getFullName(), owner.getAddress(),
					owner.getCity(), this.telephones.format(owner.getTelephone()), describe(ownerPets), visitCount,
					lastVisit));
		}
		return rows;
	}

	private static String describe(List<Pet> pets) {
		return pets.stream()
			.map((pet) -> pet.getName() + " (" + Objects.requireNonNull(pet.getType()).getName() + ")")
			.collect(Collectors.joining(", "));
	}

	private static @Nullable LocalDate later(@Nullable LocalDate a, LocalDate b) {
		return (a == null || b.isAfter(a)) ? b : a;
	}

}
