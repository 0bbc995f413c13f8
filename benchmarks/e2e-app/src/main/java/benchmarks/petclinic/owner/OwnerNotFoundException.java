package benchmarks.petclinic.owner;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * No owner has the requested id: the details page answers 404.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class OwnerNotFoundException extends RuntimeException {

	public OwnerNotFoundException(int ownerId) {
		super("no owner with id " + ownerId);
	}

}
