package dev.cloudtelemetry.autoconfigure.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;

/**
 * The page and its two assets, read once from the starter's jar ({@code META-INF/telemetry-ui/}). Nothing
 * is loaded from anywhere else: the content security policy sent with them forbids it.
 *
 * @param paths where the page is and where the actuator is
 * @param html the page, with its paths filled in
 * @param script the page's script
 * @param stylesheet the page's style sheet
 */
record TraceViewPage(TraceViewPaths paths, byte[] html, byte[] script, byte[] stylesheet) {

	static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

	static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");

	static final String SCRIPT = "trace-view.js";

	static final String STYLESHEET = "trace-view.css";

	/** Only the page's own script, styles and requests; no inline script, nothing from another origin. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	/**
	 * @param name the part of the path after the page's path: empty for the page, or an asset's name
	 * @return the body and content type, or {@code null} when there is no such asset
	 */
	Asset asset(String name) {
		return switch (name) {
			case "" -> new Asset(this.html, MediaType.TEXT_HTML);
			case SCRIPT -> new Asset(this.script, JAVASCRIPT);
			case STYLESHEET -> new Asset(this.stylesheet, CSS);
			default -> null;
		};
	}

	/** The headers sent with the page and its assets. */
	static void headers(org.springframework.http.HttpHeaders headers) {
		headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		headers.set("X-Content-Type-Options", "nosniff");
		headers.setCacheControl(org.springframework.http.CacheControl.noCache());
	}

	record Asset(byte[] body, MediaType type) {

	}

	static TraceViewPage load(TraceViewPaths paths) {
		String lastSegment = paths.page().substring(paths.page().lastIndexOf('/') + 1);
		String html = read("index.html").replace("{{assets}}", lastSegment)
			.replace("{{page}}", paths.page())
			.replace("{{actuator}}", paths.actuator());
		return new TraceViewPage(paths, html.getBytes(StandardCharsets.UTF_8),
				read(SCRIPT).getBytes(StandardCharsets.UTF_8), read(STYLESHEET).getBytes(StandardCharsets.UTF_8));
	}

	private static String read(String name) {
		try (InputStream in = new ClassPathResource("META-INF/telemetry-ui/" + name,
				TraceViewPage.class.getClassLoader()).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The trace view's " + name + " is missing from the starter's jar", ex);
		}
	}

}
