package dev.cloudtelemetry.autoconfigure.ui;

import java.util.List;

import dev.cloudtelemetry.autoconfigure.ConditionalOnTelemetryEnabled;
import dev.cloudtelemetry.autoconfigure.InvalidTelemetryConfigurationException;
import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.output.AsyncEventWriter;
import dev.cloudtelemetry.output.recent.RecentTraces;
import dev.cloudtelemetry.output.recent.TraceViews;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The trace view: the recent traces kept in memory, fed by the event writer, when
 * {@code telemetry.ui.enabled} or {@code telemetry.ui.traces-endpoint} is set; and, when
 * {@code telemetry.ui.enabled} is set and the actuator shares the application's port, a redirect from
 * {@code telemetry.ui.path} to the page, which is part of the telemetry endpoint
 * ({@code /actuator/telemetry/view}).
 */
@AutoConfiguration(after = TelemetryAutoConfiguration.class)
@ConditionalOnTelemetryEnabled
@Conditional(TraceViewAutoConfiguration.RecentTracesWanted.class)
@EnableConfigurationProperties(TraceViewProperties.class)
public class TraceViewAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(RecentTraces.class)
	RecentTraces telemetryRecentTraces(TraceViewProperties properties) {
		if (properties.getRecentTraces() < 1) {
			throw new InvalidTelemetryConfigurationException("telemetry.ui.recent-traces",
					properties.getRecentTraces(), "must be at least 1");
		}
		if (properties.getRecentTracesMaxSize().toKilobytes() < 1) {
			throw new InvalidTelemetryConfigurationException("telemetry.ui.recent-traces-max-size",
					properties.getRecentTracesMaxSize(), "must be at least 1KB");
		}
		return new RecentTraces(properties.getRecentTraces(), properties.getRecentTracesMaxSize().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean(TraceViews.class)
	TraceViews telemetryTraceViews(RecentTraces telemetryRecentTraces, TraceViewProperties properties,
			Environment environment) {
		TraceViewPaths paths = TraceViewPaths.of(properties, environment);
		return new TraceViews(telemetryRecentTraces, List.of(paths.contextPath() + paths.page(),
				paths.contextPath() + paths.actuator() + "/telemetry"));
	}

	// the writer's only link to the store: it hands every encoded line to it, on its own thread
	@Bean
	SmartInitializingSingleton telemetryRecentTracesListener(ObjectProvider<AsyncEventWriter> writer,
			RecentTraces telemetryRecentTraces) {
		return () -> writer.ifAvailable((current) -> current.listener(telemetryRecentTraces));
	}

	// the page is the telemetry endpoint's (TelemetryEndpointWebExtension); telemetry.ui.path only leads to
	// it, and only when the actuator shares the application's port
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("telemetry.ui.enabled")
	@ConditionalOnClass(name = "org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort")
	static class RedirectConfiguration {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnManagementPort(ManagementPortType.SAME)
		@ConditionalOnWebApplication(type = Type.SERVLET)
		@ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
		static class ServletRedirectConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "telemetryTraceViewRoutes")
			org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> telemetryTraceViewRoutes(
					TraceViewProperties properties, Environment environment) {
				return ServletTraceViewRoutes.routes(TraceViewPaths.of(properties, environment));
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnManagementPort(ManagementPortType.SAME)
		@ConditionalOnWebApplication(type = Type.REACTIVE)
		@ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
		static class ReactiveRedirectConfiguration {

			@Bean
			@ConditionalOnMissingBean(name = "telemetryTraceViewRoutes")
			org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> telemetryTraceViewRoutes(
					TraceViewProperties properties, Environment environment) {
				return ReactiveTraceViewRoutes.routes(TraceViewPaths.of(properties, environment));
			}

		}

	}

	static class RecentTracesWanted extends AnyNestedCondition {

		RecentTracesWanted() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBooleanProperty("telemetry.ui.enabled")
		static class PageEnabled {

		}

		@ConditionalOnBooleanProperty("telemetry.ui.traces-endpoint")
		static class EndpointEnabled {

		}

	}

}
