package dev.cloudtelemetry.autoconfigure.http;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * Traces HTTP interface clients ({@code @ImportHttpServices}) backed by {@code WebClient}, whose builders
 * the HTTP service registry creates itself.
 */
final class TracingWebClientHttpServiceGroupConfigurer implements WebClientHttpServiceGroupConfigurer {

	private final TracingExchangeFilterFunction filter;

	TracingWebClientHttpServiceGroupConfigurer(TracingExchangeFilterFunction filter) {
		this.filter = filter;
	}

	@Override
	public void configureGroups(Groups<WebClient.Builder> groups) {
		groups.forEachClient((group, builder) -> builder.filters(this::addIfAbsent));
	}

	private void addIfAbsent(List<ExchangeFilterFunction> filters) {
		if (!TracingExchangeFilterFunction.isPresent(filters)) {
			filters.add(this.filter);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
