package benchmarks.petclinic.owner;

import org.springframework.stereotype.Component;

/**
 * Writes a stored telephone number (digits only) for people: {@code 6085551023} becomes
 * {@code (608) 555-1023}.
 */
@Component
public class TelephoneFormatter {

	public String format(String digits) {
		if (digits.length() != 10) {
			return digits;
		}
		return "(" + digits.substring(0, 3) + ") " + digits.substring(3, 6) + "-" + digits.substring(6);
	}

}
