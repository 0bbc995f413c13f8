package benchmarks.petclinic.model;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * A person: owners and vets.
 */
@MappedSuperclass
public abstract class Person extends BaseEntity {

	@Column(name = "first_name")
	private String firstName = "";

	@Column(name = "last_name")
	private String lastName = "";

	public String getFirstName() {
		return this.firstName;
	}

	public String getLastName() {
		return this.lastName;
	}

	public String getFullName() {
		return this.firstName + " " + this.lastName;
	}

}
