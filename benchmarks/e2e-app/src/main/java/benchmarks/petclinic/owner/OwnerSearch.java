package benchmarks.petclinic.owner;

import org.jspecify.annotations.Nullable;

/**
 * The owner-search form: a last-name prefix and an optional pet type.
 */
public class OwnerSearch {

	private String lastName = "";

	private @Nullable PetType type;

	public String getLastName() {
		return this.lastName;
	}

	public void setLastName(@Nullable String lastName) {
		this.lastName = (lastName != null) ? lastName.strip() : "";
	}

	public @Nullable PetType getType() {
		return this.type;
	}

	public void setType(@Nullable PetType type) {
		this.type = type;
	}

}
