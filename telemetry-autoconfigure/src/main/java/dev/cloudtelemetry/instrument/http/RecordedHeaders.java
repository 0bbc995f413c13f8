package dev.cloudtelemetry.instrument.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import dev.cloudtelemetry.core.event.GenericEvent;

/**
 * The allow-list of headers whose values are recorded, as {@code http.request.header.<name>} and
 * {@code http.response.header.<name>} attributes. No header is recorded unless listed, and the values
 * of credentials ({@code Authorization}, {@code Cookie}, {@code Set-Cookie},
 * {@code Proxy-Authorization}) are masked even then.
 */
public final class RecordedHeaders {

	private static final Set<String> MASKED = Set.of("authorization", "cookie", "set-cookie", "proxy-authorization");

	private final List<String> names = new ArrayList<>();

	/**
	 * @param names the header names to record, case-insensitive
	 */
	public RecordedHeaders(Collection<String> names) {
		for (String name : names) {
			String normalized = name.strip().toLowerCase(Locale.ROOT);
			if (!normalized.isEmpty() && !this.names.contains(normalized)) {
				this.names.add(normalized);
			}
		}
	}

	/** Whether no header is recorded. */
	public boolean isEmpty() {
		return this.names.isEmpty();
	}

	/**
	 * Adds the allowed headers present in a message.
	 * @param event the event under construction
	 * @param prefix {@code http.request.header.} or {@code http.response.header.}
	 * @param headers the values of a header by name, {@code null} or empty when absent
	 */
	public void record(GenericEvent.Builder event, String prefix, Function<String, List<String>> headers) {
		for (String name : this.names) {
			List<String> values = headers.apply(name);
			if (values != null && !values.isEmpty()) {
				event.attribute(prefix + name, value(name, values));
			}
		}
	}

	/**
	 * @param name a header name
	 * @param values its values
	 * @return the values to record, joined with {@code ", "}, or the mask for credentials
	 */
	public static String value(String name, List<String> values) {
		if (MASKED.contains(name.toLowerCase(Locale.ROOT))) {
			return UrlSanitizer.MASK;
		}
		return String.join(", ", values);
	}

}
