package benchmarks.petclinic.model;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * An entity with a name: pet types, specialties, pets.
 */
@MappedSuperclass
public abstract class NamedEntity extends BaseEntity {

	@Column(name = "name")
	private String name = "";

	public String getName() {
		return this.name;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
