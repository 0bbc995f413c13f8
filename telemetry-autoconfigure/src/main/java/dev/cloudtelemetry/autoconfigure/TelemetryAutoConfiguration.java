package dev.cloudtelemetry.autoconfigure;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import dev.cloudtelemetry.autoconfigure.TelemetryProperties.OutputType;
import dev.cloudtelemetry.core.clock.NanoClock;
import dev.cloudtelemetry.metadata.aws.LambdaProbe;
import dev.cloudtelemetry.core.context.ExternalParent;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.encode.Limits;
import dev.cloudtelemetry.core.event.EventSink;
import dev.cloudtelemetry.core.sampling.Sampling;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.core.redact.SecretPatternRedactor;
import dev.cloudtelemetry.output.AsyncEventWriter;
import dev.cloudtelemetry.output.DiscardingExporter;
import dev.cloudtelemetry.output.EventExporter;
import dev.cloudtelemetry.output.FileExporter;
import dev.cloudtelemetry.output.RetentionGuard;
import dev.cloudtelemetry.output.Rotation;
import dev.cloudtelemetry.output.StdoutExporter;
import dev.cloudtelemetry.redact.TelemetryRedactor;
import dev.cloudtelemetry.resource.HostResourceProvider;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.ResourceProvider;
import dev.cloudtelemetry.resource.ResourceResolver;
import dev.cloudtelemetry.resource.RuntimeResourceProvider;
import dev.cloudtelemetry.resource.ServiceResourceProvider;

/**
 * The core of the starter: the resource, the encoder and the asynchronous writer. Instrumentations
 * (methods, HTTP, JDBC) feed the {@link EventSink} defined here.
 */
@AutoConfiguration
@ConditionalOnTelemetryEnabled
@EnableConfigurationProperties(TelemetryProperties.class)
public class TelemetryAutoConfiguration {

	private static final System.Logger logger = System.getLogger(TelemetryAutoConfiguration.class.getName());

	/** The longest an invocation waits for its events to be written when {@code flush-per-request} is on. */
	private static final long ROOT_FLUSH_TIMEOUT_MILLIS = 2000;

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static LazyInitializationExcludeFilter telemetryEagerBeans() {
		return new EagerTelemetryBeans();
	}

	@Bean
	@ConditionalOnMissingBean(NanoClock.class)
	NanoClock telemetryClock() {
		return NanoClock.system();
	}

	@Bean
	ClockSynchronization telemetryClockSynchronization(NanoClock telemetryClock) {
		return new ClockSynchronization(telemetryClock);
	}

	@Bean
	@ConditionalOnMissingBean(SpanFactory.class)
	SpanFactory telemetrySpanFactory(NanoClock telemetryClock, ObjectProvider<ExternalParent> externalParent,
			ObjectProvider<Sampling> sampling) {
		return new SpanFactory(telemetryClock, externalParent.getIfAvailable(() -> ExternalParent.NONE),
				sampling.getIfAvailable(() -> Sampling.ALWAYS));
	}

	@Bean
	@Order(0)
	@ConditionalOnMissingBean(ServiceResourceProvider.class)
	ServiceResourceProvider telemetryServiceResourceProvider(TelemetryProperties properties, Environment environment,
			ListableBeanFactory beanFactory, ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git) {
		ServiceIdentity identity = ServiceIdentity.resolve(properties, environment, beanFactory, build.getIfAvailable(),
				git.getIfAvailable());
		return new ServiceResourceProvider(identity.name(), identity.version(), properties.getEnvironment());
	}

	@Bean
	@Order(1)
	@ConditionalOnMissingBean(RuntimeResourceProvider.class)
	RuntimeResourceProvider telemetryRuntimeResourceProvider() {
		return new RuntimeResourceProvider();
	}

	@Bean
	@Order(2)
	@ConditionalOnMissingBean(HostResourceProvider.class)
	HostResourceProvider telemetryHostResourceProvider() {
		return new HostResourceProvider();
	}

	@Bean
	@Order(3)
	@ConditionalOnMissingBean(ProcessResourceProvider.class)
	ProcessResourceProvider telemetryProcessResourceProvider() {
		return new ProcessResourceProvider();
	}

	@Bean
	@ConditionalOnMissingBean(ResourceResolver.class)
	ResourceResolver telemetryResourceResolver(ObjectProvider<ResourceProvider> providers,
			TelemetryProperties properties) {
		List<ResourceProvider> local = new ArrayList<>();
		List<ResourceProvider> remote = new ArrayList<>();
		providers.orderedStream().forEach((provider) -> (provider.isRemote() ? remote : local).add(provider));
		if (!properties.isEnabled()) {
			// an AOT-processed application turned off at run time: no metadata service is asked
			remote.clear();
		}
		return new ResourceResolver(local, remote, properties.getOutput().getMetadataWait().toNanos()).start();
	}

	/**
	 * The output the properties describe (file or stdout). Declared by name so that an application's own
	 * {@link EventExporter} beans add destinations rather than replace it; a bean named
	 * {@code telemetryOutputExporter} replaces it. Its rotation keeps a rotated file while any
	 * {@link RetentionGuard} bean needs it (durable OTLP export, an application's own shipper).
	 */
	@Bean
	@ConditionalOnMissingBean(name = "telemetryOutputExporter")
	EventExporter telemetryOutputExporter(TelemetryProperties properties, ObjectProvider<RetentionGuard> retention) {
		TelemetryPropertiesValidator.validate(properties);
		TelemetryProperties.Output output = properties.getOutput();
		if (output.resolvedType() == OutputType.NONE) {
			return new DiscardingExporter();
		}
		if (output.resolvedType() != OutputType.FILE) {
			return new StdoutExporter();
		}
		TelemetryProperties.Rotation rotation = output.getRotation();
		Rotation policy = rotation.isEnabled() ? new Rotation(rotation.getMaxFileSize().toBytes(),
				rotation.getMaxHistory(), rotation.getMaxTotalSize().toBytes(), rotation.getInterval(),
				rotation.isCompress()) : Rotation.NONE;
		return new FileExporter(output.getPath(), policy, output.getSync() == TelemetryProperties.SyncMode.BATCH,
				RetentionGuard.allOf(retention.orderedStream().toList()));
	}

	/**
	 * Masks secrets of well-known shapes in every value; runs after the features' redactors (SQL
	 * literals, URLs) and before the application's. A bean of this name or type replaces it.
	 */
	@Bean
	@Order(TelemetryRedactors.SECRET_PATTERNS)
	@ConditionalOnMissingBean(name = "telemetrySecretPatternRedactor", value = SecretPatternRedactor.class)
	@ConditionalOnBooleanProperty(name = "telemetry.redaction.secret-patterns", matchIfMissing = true)
	SecretPatternRedactor telemetrySecretPatternRedactor(TelemetryProperties properties) {
		return new SecretPatternRedactor(properties.getRedaction().isEmails());
	}

	/**
	 * The chain every written string passes through: the {@link TelemetryRedactor} beans in {@code @Order},
	 * but for the statement redactor, which the JDBC instrumentation applies where statements are recorded.
	 */
	@Bean
	@ConditionalOnMissingBean(Redactors.class)
	Redactors telemetryRedactors(ObjectProvider<TelemetryRedactor> redactors,
			@Qualifier("telemetrySqlLiteralRedactor") ObjectProvider<TelemetryRedactor> telemetrySqlLiteralRedactor) {
		TelemetryRedactor statements = telemetrySqlLiteralRedactor.getIfAvailable();
		return Redactors.of(redactors.orderedStream().filter((redactor) -> redactor != statements).toList());
	}

	@Bean
	@ConditionalOnMissingBean(EventEncoder.class)
	EventEncoder telemetryEventEncoder(ResourceResolver resourceResolver, TelemetryProperties properties,
			Redactors telemetryRedactors, ObjectProvider<Sampling> sampling) {
		TelemetryPropertiesValidator.validate(properties);
		TelemetryProperties.Limits limits = properties.getLimits();
		return new EventEncoder(resourceResolver, properties.getErrors().isStacktrace(),
				new Limits(limits.getMessage(), limits.getAttributeValue(), limits.getStatement(),
						limits.getErrorMessage(), properties.getErrors().getMaxStacktraceLength(),
						limits.getMaxArgumentLength()),
				telemetryRedactors)
			.sampleRate(sampling.getIfAvailable(() -> Sampling.ALWAYS).settings().rate());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(EventSink.class)
	AsyncEventWriter telemetryEventWriter(EventExporter telemetryOutputExporter,
			ObjectProvider<EventExporter> exporters, EventEncoder telemetryEventEncoder, TelemetryProperties properties,
			NanoClock telemetryClock, Environment environment) {
		TelemetryPropertiesValidator.validate(properties);
		TelemetryProperties.Output output = properties.getOutput();
		List<EventExporter> all = new ArrayList<>();
		all.add(telemetryOutputExporter);
		if (properties.isEnabled()) {
			exporters.orderedStream().filter((exporter) -> exporter != telemetryOutputExporter).forEach(all::add);
		}
		else {
			// only an AOT-processed application, whose beans were chosen at build time, gets here
			logger.log(Level.WARNING, "telemetry.enabled=false at run time in an application that Spring AOT "
					+ "processed with telemetry on: its tracing beans stay (AOT fixes the beans at build time), but "
					+ "no trace is sampled, nothing is written or exported and no cloud metadata is requested. "
					+ "Set telemetry.enabled=false when processing the application ahead of time to remove them.");
		}
		return new AsyncEventWriter(all, telemetryEventEncoder, output.getQueueCapacity(), output.getOverflow(),
				telemetryClock)
			.shutdownTimeout(output.getShutdownTimeout().toMillis())
			.stallTimeout(output.getStallTimeout().toMillis())
			.retryBuffer((int) Math.min(Integer.MAX_VALUE - 8, output.getRetryBuffer().toBytes()))
			.sequence(AsyncEventWriter.processSequence())
			.flushWhenRootsEnd(flushPerRequest(output, environment) ? ROOT_FLUSH_TIMEOUT_MILLIS : 0)
			.start();
	}

	/**
	 * Whether the events of each local root are written before it returns: as configured, else on AWS Lambda,
	 * which freezes the process as soon as an invocation returns.
	 */
	private static boolean flushPerRequest(TelemetryProperties.Output output, Environment environment) {
		Boolean configured = output.getFlushPerRequest();
		return (configured != null) ? configured : LambdaProbe.runsOnLambda(environment::getProperty);
	}

}
