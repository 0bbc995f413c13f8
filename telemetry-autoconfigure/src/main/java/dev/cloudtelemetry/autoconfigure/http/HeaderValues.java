package dev.cloudtelemetry.autoconfigure.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.http.HttpHeaders;

/**
 * The values of a header by name, read from {@link HttpHeaders} through methods whose signatures are the
 * same in Spring Framework 6.2 and 7: {@code HttpHeaders.get(String)} exists only in 7 (in 6.2 the class
 * is a {@code Map} and the method is {@code get(Object)}), so calling it would fail on Spring Boot 3.5
 * with a {@link NoSuchMethodError} inside the application's request.
 */
final class HeaderValues {

	private HeaderValues() {
	}

	/**
	 * @param headers the headers of a request or response
	 * @return the raw values of a header, as sent, or {@code null} when it is absent
	 */
	static Function<String, List<String>> of(HttpHeaders headers) {
		return (name) -> {
			String first = headers.getFirst(name);
			if (first == null) {
				return null;
			}
			List<String> values = new ArrayList<>(1);
			headers.forEach((key, lines) -> {
				if (key.equalsIgnoreCase(name)) {
					values.addAll(lines);
				}
			});
			return values.isEmpty() ? List.of(first) : values;
		};
	}

}
