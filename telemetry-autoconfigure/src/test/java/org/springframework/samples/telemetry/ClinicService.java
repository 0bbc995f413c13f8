package org.springframework.samples.telemetry;

import org.springframework.stereotype.Service;

@Service
public class ClinicService {

	private final OwnerRepository owners;

	public ClinicService(OwnerRepository owners) {
		this.owners = owners;
	}

	public int registerAndFind(String lastName) {
		Owner saved = this.owners.save(new Owner(lastName));
		this.owners.findById(saved.getId());
		return this.owners.findByLastName(lastName).size();
	}

}
