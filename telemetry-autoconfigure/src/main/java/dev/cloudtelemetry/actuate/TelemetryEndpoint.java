package dev.cloudtelemetry.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.cloudtelemetry.core.sampling.SamplingStats;
import dev.cloudtelemetry.metadata.ContainerSelection;
import dev.cloudtelemetry.metadata.MetadataDiagnostics;
import dev.cloudtelemetry.metadata.ProviderReport;
import dev.cloudtelemetry.output.WriterStats;
import dev.cloudtelemetry.output.recent.RecentTraces;
import dev.cloudtelemetry.output.recent.TraceDetail;
import dev.cloudtelemetry.output.recent.TraceDetail.SpanDetail;
import dev.cloudtelemetry.output.recent.TraceSummary;
import dev.cloudtelemetry.output.recent.TraceViews;
import dev.cloudtelemetry.resource.Resource;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.jspecify.annotations.Nullable;

/**
 * {@code /actuator/telemetry}: the metadata written with every event, block by block, what each metadata
 * provider did (applied or not, source, time, cache, error in plain words), the Kubernetes API parts RBAC
 * denied, which of the pod's containers is this application's and the rule that decided it, and the state
 * of the event writer. Identifying values (account ids, addresses, instance and pod
 * ids, annotations) are masked unless {@code telemetry.endpoint.show-values} allows them.
 * <p>
 * With the trace view on, {@code /actuator/telemetry/traces} lists the recent traces and
 * {@code /actuator/telemetry/traces/{traceId}} shows one, span by span; attribute values that identify a
 * person or a machine (client addresses) are masked by the same rule, and the application's
 * {@link SanitizingFunction}s apply to every attribute.
 */
@Endpoint(id = "telemetry")
public class TelemetryEndpoint {

	static final String MASK = "******";

	private static final Set<String> SENSITIVE = Set.of("account.id", "instance.id", "image.id", "name", "ip",
			"public_ip", "pod_ip", "host_ip", "pod.uid", "service_account_uid", "container.id", "pod_annotations",
			"ecs.task.arn", "ecs.container.arn", "ecs.cluster", "resource_group", "faas.instance");

	private final Supplier<Resource> resource;

	private final @Nullable MetadataDiagnostics diagnostics;

	private final Supplier<WriterStats> writer;

	private final Show showValues;

	private final Set<String> roles;

	/** Span attributes masked unless values are shown (besides the metadata keys above). */
	private static final Set<String> SENSITIVE_ATTRIBUTES = Set.of("client.address", "network.peer.address",
			"net.peer.ip", "net.sock.peer.addr", "user.id", "enduser.id", "host.ip", "k8s.pod.uid");

	private static final int DEFAULT_LIMIT = 100;

	private final List<SanitizingFunction> sanitizingFunctions;

	private final Supplier<TraceViews> traces;

	private final Supplier<List<Object>> exports;

	private Supplier<SamplingStats> sampling = () -> null;

	/**
	 * @param resource the resolved metadata, or {@code null} when there is none
	 * @param diagnostics what the metadata providers did, or {@code null}
	 * @param writer the event writer's statistics, or {@code null} when there is no writer
	 * @param showValues when to show identifying values unmasked
	 * @param roles the roles that may see them when {@link Show#WHEN_AUTHORIZED}
	 */
	public TelemetryEndpoint(Supplier<Resource> resource, @Nullable MetadataDiagnostics diagnostics,
			Supplier<WriterStats> writer, Show showValues, Set<String> roles) {
		this(resource, diagnostics, writer, showValues, roles, List.of());
	}

	/**
	 * @param resource the resolved metadata, or {@code null} when there is none
	 * @param diagnostics what the metadata providers did, or {@code null}
	 * @param writer the event writer's statistics, or {@code null} when there is no writer
	 * @param showValues when to show identifying values unmasked
	 * @param roles the roles that may see them when {@link Show#WHEN_AUTHORIZED}
	 * @param sanitizingFunctions the application's {@link SanitizingFunction}s, applied to shown values as
	 * Spring Boot's own endpoints do
	 */
	public TelemetryEndpoint(Supplier<Resource> resource, @Nullable MetadataDiagnostics diagnostics,
			Supplier<WriterStats> writer, Show showValues, Set<String> roles,
			List<SanitizingFunction> sanitizingFunctions) {
		this(resource, diagnostics, writer, showValues, roles, sanitizingFunctions, () -> null);
	}

	/**
	 * @param resource the resolved metadata, or {@code null} when there is none
	 * @param diagnostics what the metadata providers did, or {@code null}
	 * @param writer the event writer's statistics, or {@code null} when there is no writer
	 * @param showValues when to show identifying values unmasked
	 * @param roles the roles that may see them when {@link Show#WHEN_AUTHORIZED}
	 * @param sanitizingFunctions the application's {@link SanitizingFunction}s, applied to shown values as
	 * Spring Boot's own endpoints do
	 * @param traces the recent traces, or a supplier of {@code null} when the trace view is off
	 */
	public TelemetryEndpoint(Supplier<Resource> resource, @Nullable MetadataDiagnostics diagnostics,
			Supplier<WriterStats> writer, Show showValues, Set<String> roles,
			List<SanitizingFunction> sanitizingFunctions, Supplier<TraceViews> traces) {
		this(resource, diagnostics, writer, showValues, roles, sanitizingFunctions, traces, List::of);
	}

	/**
	 * @param resource the resolved metadata, or {@code null} when there is none
	 * @param diagnostics what the metadata providers did, or {@code null}
	 * @param writer the event writer's statistics, or {@code null} when there is no writer
	 * @param showValues when to show identifying values unmasked
	 * @param roles the roles that may see them when {@link Show#WHEN_AUTHORIZED}
	 * @param sanitizingFunctions the application's {@link SanitizingFunction}s, applied to shown values as
	 * Spring Boot's own endpoints do
	 * @param traces the recent traces, or a supplier of {@code null} when the trace view is off
	 * @param exports the state of the exporters that report one (OTLP)
	 */
	public TelemetryEndpoint(Supplier<Resource> resource, @Nullable MetadataDiagnostics diagnostics,
			Supplier<WriterStats> writer, Show showValues, Set<String> roles,
			List<SanitizingFunction> sanitizingFunctions, Supplier<TraceViews> traces,
			Supplier<List<Object>> exports) {
		this.exports = exports;
		this.traces = traces;
		this.sanitizingFunctions = List.copyOf(sanitizingFunctions);
		this.resource = resource;
		this.diagnostics = diagnostics;
		this.writer = writer;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * Shows what sampling decided.
	 * @param stats the sampling counters, or a supplier of {@code null} without sampling
	 * @return this endpoint
	 */
	public TelemetryEndpoint sampling(Supplier<SamplingStats> stats) {
		this.sampling = stats;
		return this;
	}

	@ReadOperation
	public TelemetryDescriptor telemetry(SecurityContext securityContext) {
		boolean show = this.showValues.isShown(securityContext, this.roles);
		Map<String, Object> metadata = new LinkedHashMap<>();
		Resource current = (this.resource != null) ? this.resource.get() : null;
		if (current != null) {
			metadata.put("cloud", sanitize(current.cloud(), show));
			metadata.put("host", sanitize(current.host(), show));
			if (!current.k8s().isEmpty()) {
				metadata.put("k8s", sanitize(current.k8s(), show));
			}
		}
		List<ProviderDescriptor> providers = new ArrayList<>();
		List<String> denied = List.of();
		ContainerSelection container = null;
		if (this.diagnostics != null) {
			for (ProviderReport report : this.diagnostics.reports()) {
				providers.add(new ProviderDescriptor(report.name(), report.applied(), report.source(),
						report.duration().toMillis(), report.cacheHit(), report.error()));
			}
			denied = this.diagnostics.kubernetesDenied();
			container = this.diagnostics.kubernetesContainer();
		}
		WriterStats stats = (this.writer != null) ? this.writer.get() : null;
		WriterDescriptor writerDescriptor = (stats != null) ? new WriterDescriptor(stats.output(), stats.running(),
				stats.emitted(), stats.written(), stats.dropped(), stats.failed(), stats.pending(), stats.queueDepth(),
				stats.queueCapacity(), stats.losses(), stats.lastError(), stats.exporters()) : null;
		return new TelemetryDescriptor(metadata, providers, denied, container, writerDescriptor, this.exports.get(),
				this.sampling.get());
	}

	/**
	 * {@code GET /actuator/telemetry/traces}: the recent completed traces, newest first.
	 * @param section must be {@code traces}
	 * @param errorsOnly whether to list only traces with an error
	 * @param minDurationMs the shortest trace listed, in milliseconds
	 * @param nameContains text the root span's name contains, ignoring case
	 * @param limit the most traces listed (100 when not given)
	 * @return the summaries, or {@code null} (404) when the trace view is off or the section is unknown
	 */
	@ReadOperation
	public @Nullable TracesDescriptor traces(@Selector String section, @Nullable Boolean errorsOnly,
			@Nullable Long minDurationMs, @Nullable String nameContains, @Nullable Integer limit) {
		TraceViews views = this.traces.get();
		if (views == null || !"traces".equals(section)) {
			return null;
		}
		List<TraceSummary> summaries = views.summaries(Boolean.TRUE.equals(errorsOnly),
				(minDurationMs != null) ? minDurationMs * 1_000_000 : 0, nameContains,
				(limit != null && limit > 0) ? limit : DEFAULT_LIMIT);
		return new TracesDescriptor(summaries, views.store().stats());
	}

	/**
	 * {@code GET /actuator/telemetry/traces/{traceId}}: one trace, span by span, completed or in progress.
	 * @param securityContext who asks, for {@code telemetry.endpoint.show-values}
	 * @param section must be {@code traces}
	 * @param traceId the trace id, 32 hex digits
	 * @return the trace, or {@code null} (404) when it is not kept or the trace view is off
	 */
	@ReadOperation
	public @Nullable TraceDescriptor trace(SecurityContext securityContext, @Selector String section,
			@Selector String traceId) {
		TraceViews views = this.traces.get();
		TraceDetail trace = (views != null && "traces".equals(section)) ? views.trace(traceId) : null;
		if (trace == null) {
			return null;
		}
		boolean show = this.showValues.isShown(securityContext, this.roles);
		TraceDetail masked = trace
			.masked((key, value) -> (!show && isSensitiveAttribute(key)) ? MASK : applySanitizingFunctions(key, value));
		return new TraceDescriptor(masked.summary(), masked.spans());
	}

	// client addresses and the metadata endpoint's identifying keys, also as the last part of an attribute
	// name (host.ip); "name" alone is not, or db.name and service names would be masked
	private static boolean isSensitiveAttribute(String key) {
		String last = key.substring(key.lastIndexOf('.') + 1);
		return SENSITIVE_ATTRIBUTES.contains(key) || SENSITIVE.contains(key)
				|| (!last.equals("name") && SENSITIVE.contains(last));
	}

	private Map<String, Object> sanitize(Map<String, Object> block, boolean show) {
		Map<String, Object> result = new LinkedHashMap<>();
		block.forEach((key, value) -> {
			if (value == null) {
				result.put(key, null);
			}
			else if (!show && SENSITIVE.contains(key)) {
				result.put(key, MASK);
			}
			else {
				result.put(key, applySanitizingFunctions(key, value));
			}
		});
		return result;
	}

	private @Nullable Object applySanitizingFunctions(String key, Object value) {
		SanitizableData data = new SanitizableData(null, key, value);
		for (SanitizingFunction function : this.sanitizingFunctions) {
			SanitizableData sanitized = function.applyUnlessFiltered(data);
			if (!java.util.Objects.equals(sanitized.getValue(), value)) {
				return sanitized.getValue();
			}
		}
		return value;
	}

	/**
	 * The endpoint's answer.
	 * @param metadata the {@code cloud}, {@code host} and {@code k8s} blocks
	 * @param providers what each provider did
	 * @param kubernetesDenied the Kubernetes API parts RBAC denied
	 * @param kubernetesContainer which of the pod's containers is this application's and the rule that
	 * decided it ({@code selectedBy}: {@code env}, {@code container_id}, {@code default_container_annotation},
	 * {@code only_non_sidecar}), or why none was; {@code null} when the Kubernetes API was not read in this run
	 * @param writer the writer's state, or {@code null} without a writer
	 * @param exports the state of each exporter that reports one: for OTLP the endpoint, spans produced,
	 * exported and dropped by reason, the backlog, the last success and the last error in plain words
	 * @param sampling what sampling decided (kept, discarded, kept for an error or latency, over budget), or
	 * {@code null} without sampling
	 */
	public record TelemetryDescriptor(Map<String, Object> metadata, List<ProviderDescriptor> providers,
			List<String> kubernetesDenied, @Nullable ContainerSelection kubernetesContainer,
			@Nullable WriterDescriptor writer, List<Object> exports, @Nullable SamplingStats sampling)
			implements OperationResponseBody {

	}

	/**
	 * The recent traces.
	 * @param traces the traces that match, newest first
	 * @param store how many traces and bytes are kept, and what was let go
	 */
	public record TracesDescriptor(List<TraceSummary> traces, RecentTraces.Stats store)
			implements OperationResponseBody {

	}

	/**
	 * One trace.
	 * @param summary what the list shows of it
	 * @param spans every span, in start order
	 */
	public record TraceDescriptor(TraceSummary summary, List<SpanDetail> spans) implements OperationResponseBody {

	}

	/**
	 * One metadata provider.
	 * @param name the provider
	 * @param applied whether it recognised its environment
	 * @param source where its data came from
	 * @param durationMillis how long it took
	 * @param cacheHit whether the data came from the cache
	 * @param error what went wrong, in plain words
	 */
	public record ProviderDescriptor(String name, boolean applied, String source, long durationMillis,
			boolean cacheHit, String error) {

	}

	/**
	 * The event writer: {@code emitted = written + dropped + failed + pending}.
	 * @param output where events go
	 * @param running whether the writer thread runs
	 * @param emitted events the application emitted
	 * @param written events written
	 * @param dropped events dropped (queue full, after shutdown)
	 * @param failed events that could not be encoded or written
	 * @param pending events on their way: queued, being encoded or kept for a retry
	 * @param queueDepth events waiting
	 * @param queueCapacity queue size
	 * @param losses dropped and failed events by reason
	 * @param lastError the last write error
	 * @param exporters each exporter's counters
	 */
	public record WriterDescriptor(String output, boolean running, long emitted, long written, long dropped,
			long failed, long pending, int queueDepth, int queueCapacity, WriterStats.Losses losses, String lastError,
			List<WriterStats.ExporterStats> exporters) {

	}

}
