package benchmarks.petclinic.owner;

import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Rejects last-name prefixes that no owner can have: too long, or with digits or symbols.
 */
@Component
public class OwnerSearchValidator implements Validator {

	private static final int MAX_LENGTH = 30;

	private static final Pattern NAME = Pattern.compile("[\\p{L} '\\-]*");

	@Override
	public boolean supports(Class<?> type) {
		return OwnerSearch.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		String lastName = ((OwnerSearch) target).getLastName();
		if (lastName.length() > MAX_LENGTH) {
			errors.rejectValue("lastName", "tooLong", "at most " + MAX_LENGTH + " characters");
		}
		else if (!NAME.matcher(lastName).matches()) {
			errors.rejectValue("lastName", "invalid", "letters, spaces, apostrophes and hyphens only");
		}
	}

}
