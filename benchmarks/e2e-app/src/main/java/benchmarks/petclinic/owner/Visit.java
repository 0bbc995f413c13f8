package benchmarks.petclinic.owner;

import java.time.LocalDate;

import benchmarks.petclinic.model.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A visit of a pet to the clinic.
 */
@Entity
@Table(name = "visits")
public class Visit extends BaseEntity {

	@Column(name = "visit_date")
	private @Nullable LocalDate date;

	@Column(name = "description")
	private String description = "";

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "pet_id")
	private @Nullable Pet pet;

	public @Nullable LocalDate getDate() {
		return this.date;
	}

	public String getDescription() {
		return this.description;
	}

	public @Nullable Pet getPet() {
		return this.pet;
	}

}
