package dev.cloudtelemetry.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

public final class TestResources {

	private TestResources() {
	}

	public static String read(String name) {
		try (InputStream in = TestResources.class.getResourceAsStream("/metadata/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no test resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
