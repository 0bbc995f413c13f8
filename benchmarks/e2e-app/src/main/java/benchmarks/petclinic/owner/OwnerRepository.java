package benchmarks.petclinic.owner;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Owners by last name, optionally only those with a pet of one type.
 */
public interface OwnerRepository extends Repository<Owner, Integer> {

	Page<Owner> findByLastNameStartingWith(String lastName, Pageable pageable);

	@Query(value = """
			select o from Owner o where o.lastName like concat(:lastName, '%')
			and exists (select p.id from Pet p where p.owner = o and p.type = :type)""",
			countQuery = """
					select count(o) from Owner o where o.lastName like concat(:lastName, '%')
					and exists (select p.id from Pet p where p.owner = o and p.type = :type)""")
	Page<Owner> findByLastNameStartingWithAndPetType(String lastName, PetType type, Pageable pageable);

	Optional<Owner> findById(Integer id);

}
