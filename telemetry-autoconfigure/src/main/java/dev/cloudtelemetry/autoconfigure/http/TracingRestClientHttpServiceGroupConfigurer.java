package dev.cloudtelemetry.autoconfigure.http;

import org.springframework.core.Ordered;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Traces HTTP interface clients ({@code @ImportHttpServices}) backed by {@code RestClient}: the builders of
 * their groups are created by the HTTP service registry, not taken from the context, so no bean
 * post-processor sees them. Runs last, so that it sees the request factory the other configurers chose
 * and instruments the builder only if none of them did.
 */
final class TracingRestClientHttpServiceGroupConfigurer implements RestClientHttpServiceGroupConfigurer {

	private final RestClientInstrumentation restClients;

	TracingRestClientHttpServiceGroupConfigurer(RestClientInstrumentation restClients) {
		this.restClients = restClients;
	}

	@Override
	public void configureGroups(Groups<org.springframework.web.client.RestClient.Builder> groups) {
		groups.forEachClient((group, builder) -> this.restClients.instrument(builder));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
