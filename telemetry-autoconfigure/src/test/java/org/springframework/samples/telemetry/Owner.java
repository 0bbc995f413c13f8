package org.springframework.samples.telemetry;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
public class Owner {

	@Id
	@GeneratedValue
	private Long id;

	private String lastName;

	protected Owner() {
	}

	public Owner(String lastName) {
		this.lastName = lastName;
	}

	public Long getId() {
		return this.id;
	}

	public String getLastName() {
		return this.lastName;
	}

}
