package benchmarks.petclinic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The end-to-end benchmark's application. Its package is the auto-configuration package, so with the
 * starter every public method of its controllers, services, validator, formatters and repositories is
 * traced at default settings, as in a user's application.
 */
@SpringBootApplication
public class PetClinicApplication {

	public static void main(String[] args) {
		SpringApplication.run(PetClinicApplication.class, args);
	}

}
