package dev.cloudtelemetry.output.recent;

/**
 * Reads one top-level field of an encoded line without parsing the line: enough for the writer thread to
 * tell whether an event ends its span. The encoder writes {@code duration_ns} early in the line, so the
 * scan stops after a few hundred bytes.
 */
final class JsonLines {

	private static final byte[] DURATION = "duration_ns".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private JsonLines() {
	}

	/**
	 * @return whether the line's top-level {@code duration_ns} is present and not {@code null}
	 */
	static boolean hasDuration(byte[] line, int offset, int length) {
		int end = offset + length;
		int depth = 0;
		boolean expectKey = false;
		for (int i = offset; i < end; i++) {
			byte b = line[i];
			if (b == '"') {
				int close = skipString(line, i, end);
				if (depth == 1 && expectKey && close - i - 1 == DURATION.length
						&& java.util.Arrays.equals(line, i + 1, close, DURATION, 0, DURATION.length)) {
					int value = close + 1;
					while (value < end && (line[value] == ':' || line[value] == ' ')) {
						value++;
					}
					return value < end && line[value] != 'n';
				}
				expectKey = false;
				i = close;
			}
			else if (b == '{' || b == '[') {
				depth++;
				expectKey = b == '{' && depth == 1;
			}
			else if (b == '}' || b == ']') {
				depth--;
			}
			else if (b == ',' && depth == 1) {
				expectKey = true;
			}
		}
		return false;
	}

	private static int skipString(byte[] line, int quote, int end) {
		for (int i = quote + 1; i < end; i++) {
			if (line[i] == '\\') {
				i++;
			}
			else if (line[i] == '"') {
				return i;
			}
		}
		return end;
	}

}
