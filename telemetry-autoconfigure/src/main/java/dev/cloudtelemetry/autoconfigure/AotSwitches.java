package dev.cloudtelemetry.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ByteArrayResource;

/**
 * The properties whose values decide which of the starter's beans exist. Spring AOT evaluates the conditions
 * once, when it processes the application, so an AOT-processed application keeps the beans those values chose
 * whatever it runs with. {@link Recorder} writes the values of the build into the generated resources;
 * {@link Check} compares them with the run's and logs a WARN for each that differs, naming the property.
 */
final class AotSwitches {

	/** The resource the build's values are written to. */
	static final String RESOURCE = "META-INF/telemetry/aot-switches.properties";

	/** Each switch and the value its conditions assume when it is not set. */
	static final Map<String, Boolean> SWITCHES = Map.ofEntries(Map.entry("telemetry.enabled", true),
			Map.entry("telemetry.methods.enabled", true), Map.entry("telemetry.jdbc.enabled", true),
			Map.entry("telemetry.jdbc.record-literals", false), Map.entry("telemetry.http.client.enabled", true),
			Map.entry("telemetry.http.server.enabled", true), Map.entry("telemetry.mdc.enabled", true),
			Map.entry("telemetry.external-tracers.enabled", true),
			Map.entry("telemetry.redaction.secret-patterns", true), Map.entry("telemetry.metadata.enabled", true),
			Map.entry("telemetry.metadata.aws.enabled", true), Map.entry("telemetry.metadata.gcp.enabled", true),
			Map.entry("telemetry.metadata.azure.enabled", true),
			Map.entry("telemetry.metadata.kubernetes.enabled", true),
			Map.entry("telemetry.metadata.kubernetes.api-enabled", true),
			Map.entry("telemetry.metadata.cache.enabled", true), Map.entry("telemetry.ui.enabled", false),
			Map.entry("telemetry.ui.traces-endpoint", false), Map.entry("telemetry.export.otlp.enabled", false),
			Map.entry("telemetry.export.otlp.durable", false));

	private AotSwitches() {
	}

	static Properties values(Environment environment) {
		Properties values = new Properties();
		SWITCHES.forEach((name, otherwise) -> values.setProperty(name,
				String.valueOf(environment.getProperty(name, Boolean.class, otherwise))));
		return values;
	}

	/**
	 * The switches whose value in this run differs from the build's, one sentence each. A run that turns the
	 * starter off is left to the writer, which stops writing and says so itself.
	 */
	static List<String> differences(Properties built, Environment environment) {
		List<String> differences = new ArrayList<>();
		Properties now = values(environment);
		SWITCHES.keySet().stream().sorted().forEach((name) -> {
			String then = built.getProperty(name);
			String current = now.getProperty(name);
			if (then == null || then.equals(current)
					|| (name.equals("telemetry.enabled") && current.equals("false"))) {
				return;
			}
			differences.add(name + " is " + current + " in this run but was " + then
					+ " when Spring AOT processed the application, which fixed the starter's beans then: "
					+ "process it again with the value it runs with");
		});
		return differences;
	}

	/** Writes the build's values among the resources Spring AOT generates. */
	static final class Recorder implements BeanFactoryInitializationAotProcessor {

		@Override
		public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
				ConfigurableListableBeanFactory beanFactory) {
			if (!beanFactory.containsBean("environment")) {
				return null;
			}
			Properties values = values(beanFactory.getBean("environment", Environment.class));
			ByteArrayOutputStream content = new ByteArrayOutputStream();
			try {
				values.store(content, "telemetry switches when Spring AOT processed the application");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return (generationContext, code) -> generationContext.getGeneratedFiles()
				.addResourceFile(RESOURCE, new ByteArrayResource(content.toByteArray()));
		}

	}

	/** In an AOT-processed application, logs each switch whose value differs from the build's. */
	static final class Check implements ApplicationListener<ApplicationStartedEvent> {

		private static final System.Logger logger = System.getLogger(AotSwitches.class.getName());

		@Override
		public void onApplicationEvent(ApplicationStartedEvent event) {
			if (!AotDetector.useGeneratedArtifacts()) {
				return;
			}
			ClassLoader loader = event.getSpringApplication().getClassLoader();
			Properties built = new Properties();
			try (InputStream in = (loader != null) ? loader.getResourceAsStream(RESOURCE) : null) {
				if (in == null) {
					return;
				}
				built.load(in);
			}
			catch (IOException ex) {
				logger.log(Level.DEBUG, "Cannot read " + RESOURCE, ex);
				return;
			}
			differences(built, event.getApplicationContext().getEnvironment())
				.forEach((difference) -> logger.log(Level.WARNING, difference));
		}

	}

}
