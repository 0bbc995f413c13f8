package dev.cloudtelemetry.benchmarks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import dev.cloudtelemetry.metadata.aws.AwsKubernetes;
import dev.cloudtelemetry.autoconfigure.TelemetryProperties;
import dev.cloudtelemetry.autoconfigure.metadata.MetadataProperties;
import dev.cloudtelemetry.metadata.CloudMetadataResourceProvider;
import dev.cloudtelemetry.metadata.CloudProbe;
import dev.cloudtelemetry.metadata.MetadataDiagnostics;
import dev.cloudtelemetry.metadata.MetadataHttpClient;
import dev.cloudtelemetry.metadata.aws.AwsEnvironmentProbe;
import dev.cloudtelemetry.metadata.aws.Ec2MetadataProbe;
import dev.cloudtelemetry.metadata.aws.EcsMetadataProbe;
import dev.cloudtelemetry.metadata.aws.LambdaProbe;
import dev.cloudtelemetry.metadata.azure.AzureMetadataProbe;
import dev.cloudtelemetry.metadata.cache.FileMetadataStore;
import dev.cloudtelemetry.metadata.container.ContainerIdReader;
import dev.cloudtelemetry.metadata.gcp.GcpMetadataProbe;
import dev.cloudtelemetry.metadata.kubernetes.KubernetesResourceProvider;
import dev.cloudtelemetry.resource.HostResourceProvider;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.resource.ResourceBuilder;
import dev.cloudtelemetry.resource.ResourceProvider;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.resource.RuntimeResourceProvider;
import dev.cloudtelemetry.resource.ServiceResourceProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.databind.json.JsonMapper;

/**
 * Off-cloud metadata resolution as the starter runs it at start-up: the providers of
 * {@code TelemetryAutoConfiguration} and {@code MetadataAutoConfiguration} (same classes, same order,
 * the defaults of {@link MetadataProperties}) handed to a {@link ResourceResolver}, timed from
 * {@link ResourceResolver#start()} to the first {@link ResourceResolver#get()} returning the resource.
 * <p>
 * Every metadata endpoint points at 127.0.0.1: either a closed port (connection refused, the common
 * laptop case) or a local socket that accepts connections and never answers (a black-holed link-local
 * address). The environment the probes see holds nothing but {@code HOSTNAME}, so no variable of the
 * machine can send a probe anywhere else (ECS, Lambda, Kubernetes API). The cache is a temporary file:
 * {@code cold} deletes it before each resolution, {@code cached} keeps the one the first resolution wrote.
 * Each fork also prints how long its first resolution took, class loading included: with {@code -f 2} or
 * more, the {@code cached} forks after the first find the file of the previous one, as a restart would.
 * With {@code -Dbench.jackson-preloaded=true} (through {@code -jvmArgsAppend}) Jackson is used once before
 * that first resolution, as in an application whose own Jackson set-up ran first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MetadataResolutionBenchmark {

	private static final String REFUSED_ENDPOINT = "http://127.0.0.1:9";

	@Param({ "refused", "silent" })
	public String network;

	@Param({ "cold", "cached" })
	public String cache;

	private final List<Socket> held = new CopyOnWriteArrayList<>();

	private ServerSocket silentServer;

	private Path directory;

	private Path cacheFile;

	private String endpoint;

	private ResourceResolver resolver;

	@Setup(Level.Trial)
	public void startTrial() throws Exception {
		// the cached variant keeps its file across forks: the first resolution of a later fork then runs in a
		// fresh JVM with a warm cache, as a restart does
		this.directory = Files.createTempDirectory("metadata-bench");
		this.cacheFile = "cached".equals(this.cache)
				? Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "metadata-bench-cache",
						this.network))
					.resolve("telemetry_metadata.json")
				: this.directory.resolve("telemetry_metadata.json");
		boolean warmBefore = Files.isRegularFile(this.cacheFile);
		if ("silent".equals(this.network)) {
			this.silentServer = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
			Thread acceptor = new Thread(this::acceptAndHold, "silent-metadata-server");
			acceptor.setDaemon(true);
			acceptor.start();
			this.endpoint = "http://127.0.0.1:" + this.silentServer.getLocalPort();
		}
		else {
			assertRefused();
			this.endpoint = REFUSED_ENDPOINT;
		}
		if (Boolean.getBoolean("bench.jackson-preloaded")) {
			// as in an application whose Jackson auto-configuration ran before the resolver's first use
			JsonMapper mapper = JsonMapper.builder().build();
			mapper.readValue(mapper.writeValueAsString(Map.of("warm", List.of(1, "two"))), Object.class);
		}
		MetadataDiagnostics diagnostics = new MetadataDiagnostics();
		Map<String, Long> providerNanos = new ConcurrentHashMap<>();
		ResourceResolver firstResolver = newResolver(diagnostics, providerNanos);
		long start = System.nanoTime();
		Resource first = firstResolver.start().get();
		long took = System.nanoTime() - start;
		System.out.printf("%nfirst resolution in this JVM (%s, cache file %s): %.1f ms%n", this.network,
				warmBefore ? "present" : "absent", took / 1e6);
		providerNanos.forEach((name, nanos) -> System.out.printf("  provider %s: %.1f ms%n", name, nanos / 1e6));
		diagnostics.reports()
			.forEach((report) -> System.out.printf("  probe %s: %.1f ms, applied %s, %s%n", report.name(),
					report.duration().toNanos() / 1e6, report.applied(), report.error()));
		Object provider = first.cloud().get("provider");
		if (!"local".equals(provider)) {
			throw new IllegalStateException("Expected the local cloud block off cloud, got " + first.cloud());
		}
		if ("cached".equals(this.cache) && !Files.isRegularFile(this.cacheFile)) {
			throw new IllegalStateException("The first resolution wrote no cache file " + this.cacheFile);
		}
	}

	@Setup(Level.Invocation)
	public void prepareResolution() throws IOException {
		if ("cold".equals(this.cache)) {
			Files.deleteIfExists(this.cacheFile);
		}
		this.resolver = newResolver(new MetadataDiagnostics(), null);
	}

	@Benchmark
	public Resource resolve() {
		return this.resolver.start().get();
	}

	@TearDown(Level.Invocation)
	public void releaseConnections() {
		closeHeld();
	}

	@TearDown(Level.Trial)
	public void stopTrial() throws IOException {
		if (this.silentServer != null) {
			this.silentServer.close();
		}
		closeHeld();
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

	/**
	 * The providers as the auto-configurations build them, in their {@code @Order}, local ones first.
	 */
	private ResourceResolver newResolver(MetadataDiagnostics diagnostics, Map<String, Long> providerNanos) {
		MetadataProperties properties = new MetadataProperties();
		UnaryOperator<String> environment = (name) -> "HOSTNAME".equals(name) ? System.getenv(name) : null;
		ContainerIdReader containerIds = new ContainerIdReader(properties.getContainer().getCgroupPath(),
				properties.getContainer().getMountinfoPath());
		List<ResourceProvider> local = new ArrayList<>();
		local.add(new ServiceResourceProvider("metadata-bench", "1.0", "dev"));
		local.add(new RuntimeResourceProvider());
		local.add(new HostResourceProvider());
		local.add(new ProcessResourceProvider());
		local.add(new KubernetesResourceProvider(this.directory.resolve("no-service-account"), environment, null,
				containerIds));
		MetadataHttpClient http = new MetadataHttpClient(properties.getConnectTimeout(), properties.getReadTimeout(),
				(int) properties.getMaxResponseSize().toBytes());
		List<CloudProbe> direct = List.of(new LambdaProbe(environment), new EcsMetadataProbe(http, environment));
		List<CloudProbe> parallel = List.of(new Ec2MetadataProbe(http, this.endpoint),
				new GcpMetadataProbe(http, this.endpoint, environment), new AzureMetadataProbe(http, this.endpoint));
		List<CloudProbe> fallback = List.of(new AwsEnvironmentProbe(environment));
		FileMetadataStore store = new FileMetadataStore(this.cacheFile, properties.getCache().getTtl(),
				Clock.systemUTC(), () -> FileMetadataStore.hostName(environment),
				() -> FileMetadataStore.readBootId(properties.getCache().getBootIdPath()));
		CloudMetadataResourceProvider cloud = new CloudMetadataResourceProvider(direct, parallel, fallback, null,
				store, properties.getTimeout(), properties.getCollectTimeout(), diagnostics,
				List.of(AwsKubernetes.EKS, GcpMetadataProbe.GKE, AzureMetadataProbe.AKS));
		long maxWait = new TelemetryProperties().getOutput().getMetadataWait().toNanos();
		if (providerNanos == null) {
			return new ResourceResolver(local, List.of(cloud), maxWait);
		}
		return new ResourceResolver(local.stream().map((provider) -> timed(provider, providerNanos)).toList(),
				List.of(timed(cloud, providerNanos)), maxWait);
	}

	private static ResourceProvider timed(ResourceProvider provider, Map<String, Long> nanos) {
		return new ResourceProvider() {

			@Override
			public String name() {
				return provider.name();
			}

			@Override
			public boolean isRemote() {
				return provider.isRemote();
			}

			@Override
			public void contribute(ResourceBuilder builder) {
				long start = System.nanoTime();
				provider.contribute(builder);
				nanos.put(provider.name(), System.nanoTime() - start);
			}

		};
	}

	private void acceptAndHold() {
		while (!this.silentServer.isClosed()) {
			try {
				this.held.add(this.silentServer.accept());
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void closeHeld() {
		for (Socket socket : this.held) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// nothing to do
			}
		}
		this.held.clear();
	}

	private static void assertRefused() throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9), 500);
			throw new IllegalStateException("Something listens on 127.0.0.1:9; the refused case needs a closed port");
		}
		catch (ConnectException ex) {
			// refused, as wanted
		}
	}

}
