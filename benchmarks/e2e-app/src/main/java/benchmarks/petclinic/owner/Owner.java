package benchmarks.petclinic.owner;

import benchmarks.petclinic.model.Person;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A pet owner. Pets are read with their own query ({@link PetRepository}), never lazily from a view.
 */
@Entity
@Table(name = "owners")
public class Owner extends Person {

	@Column(name = "address")
	private String address = "";

	@Column(name = "city")
	private String city = "";

	@Column(name = "telephone")
	private String telephone = "";

	public String getAddress() {
		return this.address;
	}

	public String getCity() {
		return this.city;
	}

	public String getTelephone() {
		return this.telephone;
	}

}
