package dev.cloudtelemetry.metadata.container;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds this container's id: in {@code /proc/self/cgroup} under cgroup v1 (the last path segment names the
 * container: {@code /docker/<id>}, {@code /kubepods/.../<id>}, {@code cri-containerd-<id>.scope}), and in
 * {@code /proc/self/mountinfo} under cgroup v2, where the runtime's bind mounts of {@code hostname} and
 * {@code resolv.conf} reveal it ({@code /var/lib/docker/containers/<id>/hostname}).
 * <p>
 * In a Kubernetes pod those bind mounts usually belong to the pod sandbox (the {@code pause} container),
 * not to this container, so an id from mountinfo is only a candidate: the Kubernetes API reader trusts it
 * only when it matches one of the pod's container statuses. containerd's {@code /sandboxes/} paths are
 * skipped outright.
 */
public final class ContainerIdReader {

	/** Default locations. */
	public static final Path CGROUP = Path.of("/proc/self/cgroup");

	/** Default locations. */
	public static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

	private static final Pattern V1 = Pattern.compile("(?:^|[-/])([0-9a-f]{64})(?:\\.scope)?$");

	private static final Pattern V2 = Pattern.compile("/(?:containers|overlay-containers)/([0-9a-f]{64})/");

	private static final int MAX_LINES = 2000;

	private final Path cgroup;

	private final Path mountinfo;

	public ContainerIdReader(Path cgroup, Path mountinfo) {
		this.cgroup = cgroup;
		this.mountinfo = mountinfo;
	}

	/**
	 * @return the 64-hex-digit container id, or {@code null} outside a container or when it cannot be told
	 */
	public String read() {
		List<String> ids = candidates();
		return ids.isEmpty() ? null : ids.get(0);
	}

	/**
	 * @return the container id the cgroup file names, or {@code null}; unlike mountinfo, never the pod
	 * sandbox's
	 */
	public String readFromCgroup() {
		List<String> ids = new ArrayList<>();
		scan(this.cgroup, V1, true, ids);
		return ids.isEmpty() ? null : ids.get(0);
	}

	/**
	 * @return every container id the cgroup and mountinfo files show, cgroup first, without repeats; the
	 * first is {@link #read()}'s answer, later ones may be this container's when the first is the sandbox's
	 */
	public List<String> candidates() {
		List<String> ids = new ArrayList<>();
		scan(this.cgroup, V1, true, ids);
		scan(this.mountinfo, V2, false, ids);
		return ids;
	}

	private static void scan(Path path, Pattern pattern, boolean lastSegment, List<String> ids) {
		if (!Files.isReadable(path)) {
			return;
		}
		try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
			String line;
			int count = 0;
			while ((line = reader.readLine()) != null && count++ < MAX_LINES) {
				if (line.contains("/sandboxes/")) {
					continue;
				}
				String subject = lastSegment ? line.substring(line.lastIndexOf(':') + 1).trim() : line;
				Matcher matcher = pattern.matcher(subject);
				if (matcher.find() && !ids.contains(matcher.group(1))) {
					ids.add(matcher.group(1));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not in a container we can read
		}
	}

}
