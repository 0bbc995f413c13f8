package dev.cloudtelemetry.metadata.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.cloudtelemetry.resource.CommandLineSanitizer;

/**
 * Decides which pod annotations reach the {@code k8s} block (written into every line and the metadata cache)
 * and how: {@code kubectl.kubernetes.io/last-applied-configuration} (a whole manifest, environment values
 * included) and annotations whose name looks secret are never kept; with an allow-list only the listed keys
 * are; values lose secrets of known shapes and URL credentials and are cut to a maximum length, with a marker saying how much
 * was cut.
 */
public final class PodAnnotations {

	/** Annotations never written, whatever the allow-list says. */
	static final List<String> NEVER_WRITTEN = List.of("kubectl.kubernetes.io/last-applied-configuration");

	/** Keeps every annotation but the ones never written, with values up to 256 characters. */
	public static final PodAnnotations DEFAULT = new PodAnnotations(List.of(), 256);

	private final List<Pattern> include;

	private final int maxValueLength;

	/**
	 * @param include annotation keys to keep, {@code *} matching any characters; empty keeps every key
	 * @param maxValueLength the longest value written, in characters
	 */
	public PodAnnotations(List<String> include, int maxValueLength) {
		this.include = include.stream().map(PodAnnotations::glob).toList();
		this.maxValueLength = maxValueLength;
	}

	/**
	 * @param annotations the pod's annotations
	 * @return the annotations to write, sorted by key
	 */
	public Map<String, Object> filter(Map<String, Object> annotations) {
		Map<String, Object> result = new TreeMap<>();
		annotations.forEach((key, value) -> {
			if (isWritten(key) && value instanceof String text) {
				// also what goes into the metadata cache file, before the writer's redactors see it
				result.put(key, limit(CommandLineSanitizer.maskValue(text)));
			}
		});
		return result;
	}

	/**
	 * @param labels pod, namespace or node labels
	 * @return the labels to write: those named like secrets ({@code example.com/deploy-token}) are left out
	 * (public: {@link KubernetesApiReader} runs in the Kubernetes bundle's class loader, another runtime package)
	 */
	public static Map<String, Object> writtenLabels(Map<String, Object> labels) {
		Map<String, Object> result = new LinkedHashMap<>();
		labels.forEach((key, value) -> {
			if (!isSecretName(key)) {
				result.put(key, value);
			}
		});
		return result;
	}

	private static boolean isSecretName(String key) {
		return CommandLineSanitizer.isSecretName(key.substring(key.lastIndexOf('/') + 1));
	}

	private boolean isWritten(String key) {
		if (NEVER_WRITTEN.contains(key) || isSecretName(key)) {
			return false;
		}
		if (this.include.isEmpty()) {
			return true;
		}
		for (Pattern pattern : this.include) {
			if (pattern.matcher(key).matches()) {
				return true;
			}
		}
		return false;
	}

	private String limit(String value) {
		if (value.length() <= this.maxValueLength) {
			return value;
		}
		int cut = value.length() - this.maxValueLength;
		return value.substring(0, this.maxValueLength) + "...[" + cut + " chars cut]";
	}

	private static Pattern glob(String pattern) {
		StringBuilder regex = new StringBuilder();
		String[] parts = pattern.split("\\*", -1);
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				regex.append(".*");
			}
			regex.append(Pattern.quote(parts[i]));
		}
		return Pattern.compile(regex.toString());
	}

}
