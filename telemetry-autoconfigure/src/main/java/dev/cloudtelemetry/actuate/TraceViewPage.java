package dev.cloudtelemetry.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.util.MimeType;

/**
 * The trace view page and its two assets, read once from the starter's jar ({@code META-INF/telemetry-ui/}).
 * Nothing is loaded from anywhere else: the content security policy in the page forbids it.
 *
 * @param html the page
 * @param script the page's script
 * @param stylesheet the page's style sheet
 */
record TraceViewPage(byte[] html, byte[] script, byte[] stylesheet) {

	/** The selector of the page: {@code /actuator/telemetry/view}, its assets below it. */
	static final String VIEW = "view";

	static final MimeType HTML = MimeType.valueOf("text/html;charset=UTF-8");

	static final MimeType JAVASCRIPT = MimeType.valueOf("text/javascript;charset=UTF-8");

	static final MimeType CSS = MimeType.valueOf("text/css;charset=UTF-8");

	static final String SCRIPT = "trace-view.js";

	static final String STYLESHEET = "trace-view.css";

	/**
	 * Only the page's own script, styles and requests; no inline script, nothing from another origin. Sent in
	 * the page's {@code <meta>} element, as an endpoint's answer carries no headers of its own.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

	/**
	 * @param name the part of the path after the page's path: empty for the page, or an asset's name
	 * @return the body and content type, or {@code null} when there is no such asset
	 */
	@Nullable Asset asset(String name) {
		return switch (name) {
			case "" -> new Asset(this.html, HTML);
			case SCRIPT -> new Asset(this.script, JAVASCRIPT);
			case STYLESHEET -> new Asset(this.stylesheet, CSS);
			default -> null;
		};
	}

	record Asset(byte[] body, MimeType type) {

	}

	static TraceViewPage load() {
		String html = read("index.html").replace("{{assets}}", VIEW)
			.replace("{{content-security-policy}}", CONTENT_SECURITY_POLICY);
		return new TraceViewPage(html.getBytes(StandardCharsets.UTF_8), read(SCRIPT).getBytes(StandardCharsets.UTF_8),
				read(STYLESHEET).getBytes(StandardCharsets.UTF_8));
	}

	private static String read(String name) {
		try (InputStream in = TraceViewPage.class.getClassLoader()
			.getResourceAsStream("META-INF/telemetry-ui/" + name)) {
			if (in == null) {
				throw new IOException("not found");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The trace view's " + name + " is missing from the starter's jar", ex);
		}
	}

}
