package benchmarks.petclinic.owner;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The pet types the clinic treats.
 */
@Service
@Transactional(readOnly = true)
public class PetTypeService {

	private final PetTypeRepository petTypes;

	public PetTypeService(PetTypeRepository petTypes) {
		this.petTypes = petTypes;
	}

	public List<PetType> all() {
		return this.petTypes.findAllByOrderByNameAsc();
	}

	public Optional<PetType> byName(String name) {
		return this.petTypes.findByName(name);
	}

}
