package benchmarks.petclinic.owner;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Pets of a set of owners, with their type, in one query.
 */
public interface PetRepository extends Repository<Pet, Integer> {

	@Query("select p from Pet p join fetch p.type where p.owner.id in :ownerIds order by p.name")
	List<Pet> findWithTypeByOwnerIds(Collection<Integer> ownerIds);

}
