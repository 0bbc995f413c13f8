package dev.cloudtelemetry.instrument.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import dev.cloudtelemetry.core.event.AttributeWriter;
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
	 * Reads the allowed headers of a message while it is there, for {@link #write} later.
	 * @param headers the values of a header by name, {@code null} or empty when absent
	 * @return the value to record for each allowed name ({@code null} where absent), or {@code null} when no
	 * header is recorded
	 */
	public String[] capture(Function<String, List<String>> headers) {
		if (this.names.isEmpty()) {
			return null;
		}
		String[] values = new String[this.names.size()];
		for (int i = 0; i < values.length; i++) {
			String name = this.names.get(i);
			List<String> found = headers.apply(name);
			if (found != null && !found.isEmpty()) {
				values[i] = value(name, found);
			}
		}
		return values;
	}

	/**
	 * Writes headers captured by {@link #capture}.
	 * @param attributes the event's attributes
	 * @param prefix {@code http.request.header.} or {@code http.response.header.}
	 * @param values what {@link #capture} returned, may be {@code null}
	 */
	public void write(AttributeWriter attributes, String prefix, String[] values) {
		if (values == null) {
			return;
		}
		for (int i = 0; i < values.length; i++) {
			if (values[i] != null) {
				attributes.put(prefix + this.names.get(i), values[i]);
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
