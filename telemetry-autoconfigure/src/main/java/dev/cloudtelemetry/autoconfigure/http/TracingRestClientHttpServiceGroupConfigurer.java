package dev.cloudtelemetry.autoconfigure.http;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Traces HTTP interface clients ({@code @ImportHttpServices}) backed by {@code RestClient}: the builders of
 * their groups are created by the HTTP service registry, not taken from the context, so no bean
 * post-processor sees them. Runs last, so that the interceptor is added only if no earlier configurer
 * added it.
 */
final class TracingRestClientHttpServiceGroupConfigurer implements RestClientHttpServiceGroupConfigurer {

	private final TracingClientHttpRequestInterceptor interceptor;

	TracingRestClientHttpServiceGroupConfigurer(TracingClientHttpRequestInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public void configureGroups(Groups<org.springframework.web.client.RestClient.Builder> groups) {
		groups.forEachClient((group, builder) -> builder.requestInterceptors(this::addIfAbsent));
	}

	private void addIfAbsent(List<ClientHttpRequestInterceptor> interceptors) {
		if (!TracingClientHttpRequestInterceptor.isPresent(interceptors)) {
			interceptors.add(this.interceptor);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
