package benchmarks.petclinic.owner;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

/**
 * Pet types, for the search form's filter.
 */
public interface PetTypeRepository extends Repository<PetType, Integer> {

	List<PetType> findAllByOrderByNameAsc();

	Optional<PetType> findByName(String name);

}
