package benchmarks.petclinic.owner;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Visits of a set of pets: summarized per pet for the search results, in full for owner details.
 */
public interface VisitRepository extends Repository<Visit, Integer> {

	@Query("""
			select new benchmarks.petclinic.owner.VisitSummary(v.pet.id, count(v), max(v.date))
			from Visit v where v.pet.id in :petIds group by v.pet.id""")
	List<VisitSummary> summarizeByPetIds(Collection<Integer> petIds);

	@Query("select v from Visit v where v.pet.id in :petIds order by v.date desc")
	List<Visit> findByPetIds(Collection<Integer> petIds);

}
