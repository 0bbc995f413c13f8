package dev.cloudtelemetry.metadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the metadata providers did during the last resolution, for the actuator endpoint and for logs.
 * Thread-safe; filled by the resolver thread, read by anyone.
 */
public final class MetadataDiagnostics {

	private final Map<String, ProviderReport> reports = new LinkedHashMap<>();

	private final List<String> kubernetesDenied = new ArrayList<>();

	private @Nullable ContainerSelection kubernetesContainer;

	public synchronized void record(ProviderReport report) {
		this.reports.put(report.name(), report);
	}

	public synchronized void kubernetesDenied(List<String> parts) {
		this.kubernetesDenied.clear();
		this.kubernetesDenied.addAll(parts);
	}

	public synchronized void kubernetesContainer(ContainerSelection selection) {
		this.kubernetesContainer = selection;
	}

	/**
	 * @return which container of the pod the Kubernetes API reader took for this application's, and why;
	 * {@code null} when the pod was not read in this run (outside Kubernetes, or the cache answered)
	 */
	public synchronized @Nullable ContainerSelection kubernetesContainer() {
		return this.kubernetesContainer;
	}

	/** @return the reports, in the order the providers first reported */
	public synchronized List<ProviderReport> reports() {
		return List.copyOf(this.reports.values());
	}

	/** @return the parts of the Kubernetes API that RBAC denied, for example {@code nodes} */
	public synchronized List<String> kubernetesDenied() {
		return Collections.unmodifiableList(new ArrayList<>(this.kubernetesDenied));
	}

}
