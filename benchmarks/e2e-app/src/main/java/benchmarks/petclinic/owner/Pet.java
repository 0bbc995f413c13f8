package benchmarks.petclinic.owner;

import java.time.LocalDate;

import benchmarks.petclinic.model.NamedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A pet of one owner.
 */
@Entity
@Table(name = "pets")
public class Pet extends NamedEntity {

	@Column(name = "birth_date")
	private @Nullable LocalDate birthDate;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "type_id")
	private @Nullable PetType type;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "owner_id")
	private @Nullable Owner owner;

	public @Nullable LocalDate getBirthDate() {
		return this.birthDate;
	}

	public @Nullable PetType getType() {
		return this.type;
	}

	public @Nullable Owner getOwner() {
		return this.owner;
	}

}
