package dev.cloudtelemetry.metadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.cloudtelemetry.resource.ResourceBuilder;
import dev.cloudtelemetry.resource.ResourceProvider;

/**
 * Coordinates the network side of metadata: a warm cache first; then the probes that the environment
 * points at (Lambda, ECS); then the speculative metadata services (EC2, GCP, Azure) all at once, each on
 * a daemon thread, waiting no longer than the deadline; then the fallbacks (AWS region from the
 * environment); then the Kubernetes API. Never throws and never waits past its bounds.
 */
public final class CloudMetadataResourceProvider implements ResourceProvider {

	private final List<CloudProbe> directProbes;

	private final List<CloudProbe> parallelProbes;

	private final List<CloudProbe> fallbackProbes;

	private final ClusterMetadataReader clusterReader;

	private final MetadataStore store;

	private final Duration deadline;

	private final Duration collectTimeout;

	private final MetadataDiagnostics diagnostics;

	private final List<ManagedKubernetes> managedKubernetes;

	/**
	 * @param directProbes probes run first, one after the other (environment-driven: Lambda, ECS)
	 * @param parallelProbes speculative probes run at once (EC2, GCP, Azure), in order of priority
	 * @param fallbackProbes probes run when nothing else applied (AWS region from the environment)
	 * @param clusterReader the Kubernetes API reader, or {@code null} when disabled
	 * @param store the cache, or {@code null} when disabled
	 * @param deadline how long to wait for any parallel probe to detect its cloud
	 * @param collectTimeout how much longer to wait for a probe that detected its cloud to read the rest
	 * @param diagnostics where to report what happened
	 * @param managedKubernetes the clouds' managed Kubernetes, in order of preference, for an application in
	 * Kubernetes ({@code AwsKubernetes.EKS}, {@code GcpMetadataProbe.GKE}, {@code AzureMetadataProbe.AKS})
	 */
	public CloudMetadataResourceProvider(List<CloudProbe> directProbes, List<CloudProbe> parallelProbes,
			List<CloudProbe> fallbackProbes, ClusterMetadataReader clusterReader, MetadataStore store,
			Duration deadline, Duration collectTimeout, MetadataDiagnostics diagnostics,
			List<ManagedKubernetes> managedKubernetes) {
		this.managedKubernetes = List.copyOf(managedKubernetes);
		this.directProbes = List.copyOf(directProbes);
		this.parallelProbes = List.copyOf(parallelProbes);
		this.fallbackProbes = List.copyOf(fallbackProbes);
		this.clusterReader = clusterReader;
		this.store = store;
		this.deadline = deadline;
		this.collectTimeout = collectTimeout;
		this.diagnostics = diagnostics;
	}

	@Override
	public String name() {
		return "cloud";
	}

	@Override
	public boolean isRemote() {
		return true;
	}

	@Override
	public void contribute(ResourceBuilder builder) {
		try {
			MetadataSnapshot snapshot = fromCache();
			if (snapshot == null) {
				Uncertainty uncertainty = new Uncertainty();
				snapshot = resolve(builder.k8s(), uncertainty);
				if (this.store != null && !uncertainty.present) {
					this.store.save(snapshot);
				}
			}
			apply(snapshot, builder);
		}
		catch (RuntimeException | LinkageError ex) {
			this.diagnostics.record(new ProviderReport(name(), false, null, Duration.ZERO, false,
					"metadata resolution failed: " + Failures.describe(ex)));
		}
	}

	private MetadataSnapshot fromCache() {
		if (this.store == null) {
			return null;
		}
		long start = System.nanoTime();
		MetadataSnapshot cached = this.store.load();
		this.diagnostics.record(new ProviderReport("cache", cached != null, (cached != null) ? cached.source() : null,
				Duration.ofNanos(System.nanoTime() - start), cached != null, null));
		return cached;
	}

	/**
	 * Probes the clouds and the Kubernetes API, without the cache.
	 * @param localK8s the {@code k8s} block the local providers filled (empty outside Kubernetes)
	 * @param uncertainty told when a part of the answer may be missing for a passing reason (a probe cut
	 * off at the deadline, an API call that failed), so that such a result is not cached
	 * @return the snapshot
	 */
	private MetadataSnapshot resolve(Map<String, Object> localK8s, Uncertainty uncertainty) {
		CloudMetadata cloud = firstApplied(this.directProbes);
		if (cloud == null) {
			cloud = parallel(uncertainty);
		}
		if (cloud == null) {
			cloud = firstApplied(this.fallbackProbes);
		}
		Map<String, Object> cloudBlock = (cloud != null) ? new LinkedHashMap<>(cloud.cloud()) : new LinkedHashMap<>();
		Map<String, Object> host = (cloud != null) ? new LinkedHashMap<>(cloud.host()) : new LinkedHashMap<>();
		Map<String, Object> k8s = new LinkedHashMap<>();
		Object namespace = localK8s.get("namespace.name");
		if (namespace != null) {
			ClusterMetadata cluster = readCluster(namespace.toString(), (String) localK8s.get("pod.name"),
					uncertainty);
			if (cluster != null) {
				k8s.putAll(cluster.fields());
			}
			KubernetesPlatform.adjust(cloudBlock, cluster, this.managedKubernetes);
			if (localK8s.get("cluster.name") == null) {
				String clusterName = KubernetesPlatform.clusterName(cloud, cluster, this.managedKubernetes);
				if (clusterName != null) {
					k8s.put("cluster.name", clusterName);
				}
			}
		}
		return new MetadataSnapshot(cloudBlock, host, k8s);
	}

	private ClusterMetadata readCluster(String namespace, String podName, Uncertainty uncertainty) {
		if (this.clusterReader == null || podName == null) {
			return null;
		}
		long start = System.nanoTime();
		try {
			ClusterMetadata cluster = this.clusterReader.read(namespace, podName);
			uncertainty.present |= !cluster.errors().isEmpty();
			this.diagnostics.kubernetesDenied(cluster.denied());
			this.diagnostics.kubernetesContainer(cluster.container());
			String error = cluster.errors().isEmpty() ? null : String.join("; ", cluster.errors());
			if (!cluster.denied().isEmpty()) {
				String denied = "RBAC denied: " + String.join(", ", cluster.denied());
				error = (error != null) ? denied + "; " + error : denied;
			}
			this.diagnostics.record(new ProviderReport("kubernetes", !cluster.fields().isEmpty(), "Kubernetes API",
					Duration.ofNanos(System.nanoTime() - start), false, error));
			return cluster;
		}
		catch (Exception | LinkageError ex) {
			uncertainty.present = true;
			this.diagnostics.record(new ProviderReport("kubernetes", false, null,
					Duration.ofNanos(System.nanoTime() - start), false, Failures.describe(ex)));
			return null;
		}
	}

	private CloudMetadata firstApplied(List<CloudProbe> probes) {
		for (CloudProbe probe : probes) {
			Outcome outcome = run(probe, () -> {
			});
			this.diagnostics.record(outcome.report());
			if (outcome.metadata() != null) {
				return outcome.metadata();
			}
		}
		return null;
	}

	private CloudMetadata parallel(Uncertainty uncertainty) {
		if (this.parallelProbes.isEmpty()) {
			return null;
		}
		long start = System.nanoTime();
		List<CompletableFuture<Outcome>> futures = new ArrayList<>();
		CompletableFuture<Object> anyApplied = new CompletableFuture<>();
		CompletableFuture<Object> anyDetected = new CompletableFuture<>();
		for (CloudProbe probe : this.parallelProbes) {
			CompletableFuture<Outcome> future = CompletableFuture
				.supplyAsync(() -> run(probe, () -> anyDetected.complete(probe)), (task) -> {
					Thread thread = new Thread(task, "telemetry-metadata-" + probe.name());
					thread.setDaemon(true);
					thread.start();
				});
			future.thenAccept((outcome) -> {
				if (outcome.metadata() != null) {
					anyApplied.complete(outcome);
				}
			});
			futures.add(future);
		}
		CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
		await(CompletableFuture.anyOf(anyApplied, anyDetected, all), this.deadline);
		if (anyDetected.isDone() && !anyApplied.isDone() && !all.isDone()) {
			await(CompletableFuture.anyOf(anyApplied, all), this.collectTimeout);
		}
		CloudMetadata found = null;
		for (int i = 0; i < futures.size(); i++) {
			Outcome outcome = futures.get(i).getNow(null);
			if (outcome == null) {
				uncertainty.present |= !anyApplied.isDone();
				String why = (anyApplied.isDone()) ? "not needed: another cloud answered first"
						: "no answer within " + this.deadline.toMillis() + " ms";
				this.diagnostics.record(new ProviderReport(this.parallelProbes.get(i).name(), false, null,
						Duration.ofNanos(System.nanoTime() - start), false, why));
				continue;
			}
			this.diagnostics.record(outcome.report());
			if (found == null && outcome.metadata() != null) {
				found = outcome.metadata();
			}
		}
		return found;
	}

	private static void await(CompletableFuture<?> future, Duration timeout) {
		try {
			future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			// reported per probe
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Outcome run(CloudProbe probe, Runnable detected) {
		long start = System.nanoTime();
		try {
			CloudMetadata metadata = probe.probe(detected);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			return new Outcome(metadata, new ProviderReport(probe.name(), metadata != null,
					(metadata != null) ? metadata.source() : null, took, false, null));
		}
		catch (Exception | LinkageError ex) {
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			return new Outcome(null, new ProviderReport(probe.name(), false, null, took, false, Failures.describe(ex)));
		}
	}

	private static void apply(MetadataSnapshot snapshot, ResourceBuilder builder) {
		if (!snapshot.cloud().isEmpty()) {
			builder.cloud().clear();
			builder.cloud().putAll(snapshot.cloud());
		}
		builder.host().putAll(snapshot.host());
		if (!builder.k8s().isEmpty()) {
			Map<String, Object> merged = new LinkedHashMap<>();
			Object clusterName = snapshot.k8s().get("cluster.name");
			if (clusterName != null && builder.k8s().get("cluster.name") == null) {
				merged.put("cluster.name", clusterName);
			}
			merged.putAll(builder.k8s());
			snapshot.k8s().forEach((key, value) -> {
				if (!merged.containsKey(key) || value != null) {
					merged.put(key, value);
				}
			});
			builder.k8s().clear();
			builder.k8s().putAll(merged);
		}
	}

	private static final class Uncertainty {

		private boolean present;

	}

	private record Outcome(CloudMetadata metadata, ProviderReport report) {
	}

}
