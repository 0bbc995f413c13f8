package dev.cloudtelemetry.autoconfigure.http;

import java.util.List;

import org.springframework.aop.scope.ScopedObject;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adds the {@link TracingExchangeFilterFunction} to {@link WebClient} and {@link WebClient.Builder} beans,
 * each only if it does not trace already.
 */
final class ExchangeFilterFunctionBeanPostProcessor implements BeanPostProcessor {

	private final TracingExchangeFilterFunction filter;

	ExchangeFilterFunctionBeanPostProcessor(TracingExchangeFilterFunction filter) {
		this.filter = filter;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ScopedObject) {
			return bean;
		}
		if (bean instanceof WebClient.Builder builder) {
			builder.filters(this::addIfAbsent);
		}
		else if (bean instanceof WebClient webClient) {
			return addTo(webClient);
		}
		return bean;
	}

	WebClient addTo(WebClient webClient) {
		WebClient.Builder builder = webClient.mutate();
		boolean[] present = new boolean[1];
		builder.filters((filters) -> present[0] = TracingExchangeFilterFunction.isPresent(filters));
		return present[0] ? webClient : builder.filter(this.filter).build();
	}

	private void addIfAbsent(List<ExchangeFilterFunction> filters) {
		if (!TracingExchangeFilterFunction.isPresent(filters)) {
			filters.add(this.filter);
		}
	}

}
