package benchmarks.petclinic.owner;

import java.text.ParseException;
import java.util.Locale;

import org.springframework.format.Formatter;
import org.springframework.stereotype.Component;

/**
 * Binds the search form's {@code type} parameter (a type name) to a {@link PetType}. Spring Boot
 * registers every {@code Formatter} bean with MVC's conversion service.
 */
@Component
public class PetTypeFormatter implements Formatter<PetType> {

	private final PetTypeService petTypes;

	public PetTypeFormatter(PetTypeService petTypes) {
		this.petTypes = petTypes;
	}

	@Override
	public String print(PetType type, Locale locale) {
		return type.getName();
	}

	@Override
	public PetType parse(String text, Locale locale) throws ParseException {
		return this.petTypes.byName(text).orElseThrow(() -> new ParseException("unknown pet type: " + text, 0));
	}

}
