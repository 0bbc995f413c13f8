package dev.cloudtelemetry.core.redact;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding for redactors: a secret in a URL's query ({@code ?note=password%3Dx}, {@code bearer+x})
 * is only recognizable decoded. Tolerant: malformed escapes are kept as they are.
 */
public final class PercentEncoding {

	private PercentEncoding() {
	}

	/**
	 * @param text any text
	 * @return whether it holds a {@code %XX} escape or a {@code +}, so that decoding may change it
	 */
	public static boolean mayBeEncoded(String text) {
		if (text.indexOf('+') >= 0) {
			return true;
		}
		for (int at = text.indexOf('%'); at >= 0 && at + 2 < text.length(); at = text.indexOf('%', at + 1)) {
			if (isHex(text.charAt(at + 1)) && isHex(text.charAt(at + 2))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @param text any text
	 * @return the text with {@code %XX} escapes decoded as UTF-8 and {@code +} as a space
	 */
	public static String decode(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
				bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
				i += 2;
				continue;
			}
			if (bytes.size() > 0) {
				out.append(bytes.toString(StandardCharsets.UTF_8));
				bytes.reset();
			}
			out.append((c == '+') ? ' ' : c);
		}
		if (bytes.size() > 0) {
			out.append(bytes.toString(StandardCharsets.UTF_8));
		}
		return out.toString();
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

}
