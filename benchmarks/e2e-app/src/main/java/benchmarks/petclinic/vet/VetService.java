package benchmarks.petclinic.vet;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clinic's vets.
 */
@Service
@Transactional(readOnly = true)
public class VetService {

	private final VetRepository vets;

	public VetService(VetRepository vets) {
		this.vets = vets;
	}

	public List<Vet> all() {
		return this.vets.findAllWithSpecialties();
	}

}
