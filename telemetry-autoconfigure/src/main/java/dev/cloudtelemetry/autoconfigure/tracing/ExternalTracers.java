package dev.cloudtelemetry.autoconfigure.tracing;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.cloudtelemetry.core.context.ExternalParent;
import dev.cloudtelemetry.core.context.RemoteContext;

/**
 * The tracers found beside the starter, asked in order: Micrometer Tracing, then OpenTelemetry's context
 * (the agent's, when the application runs Micrometer Tracing without a bridge and so a no-op tracer).
 */
final class ExternalTracers implements ExternalParent, SmartInitializingSingleton {

	private final @Nullable MicrometerTracingParent micrometer;

	private final @Nullable OpenTelemetryParent openTelemetry;

	private final BeanFactory beanFactory;

	/**
	 * @param micrometer Micrometer Tracing, when on the class path
	 * @param openTelemetry OpenTelemetry's API, when on the class path
	 * @param beanFactory where Micrometer's tracer is looked up
	 */
	ExternalTracers(@Nullable MicrometerTracingParent micrometer, @Nullable OpenTelemetryParent openTelemetry,
			BeanFactory beanFactory) {
		this.micrometer = micrometer;
		this.openTelemetry = openTelemetry;
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.micrometer != null) {
			this.micrometer.resolve(this.beanFactory);
		}
	}

	@Override
	public @Nullable RemoteContext current() {
		RemoteContext found = (this.micrometer != null) ? this.micrometer.current() : null;
		if (found == null && this.openTelemetry != null) {
			found = this.openTelemetry.current();
		}
		return found;
	}

}
