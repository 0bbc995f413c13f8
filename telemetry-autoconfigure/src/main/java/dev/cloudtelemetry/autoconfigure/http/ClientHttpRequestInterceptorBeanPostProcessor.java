package dev.cloudtelemetry.autoconfigure.http;

import java.util.ArrayList;
import java.util.List;

import org.springframework.aop.scope.ScopedObject;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Adds the {@link TracingClientHttpRequestInterceptor} to {@link RestTemplate} beans, {@link RestClient}
 * beans and {@link RestClient.Builder} beans (Spring Boot's builder is a prototype: every injection point
 * gets a traced builder), each only if it does not trace already.
 */
final class ClientHttpRequestInterceptorBeanPostProcessor implements BeanPostProcessor {

	private final TracingClientHttpRequestInterceptor interceptor;

	ClientHttpRequestInterceptorBeanPostProcessor(TracingClientHttpRequestInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ScopedObject) {
			return bean;
		}
		if (bean instanceof RestTemplate restTemplate) {
			addTo(restTemplate);
		}
		else if (bean instanceof RestClient.Builder builder) {
			builder.requestInterceptors(this::addIfAbsent);
		}
		else if (bean instanceof RestClient restClient) {
			return addTo(restClient);
		}
		return bean;
	}

	void addTo(RestTemplate restTemplate) {
		if (!TracingClientHttpRequestInterceptor.isPresent(restTemplate.getInterceptors())) {
			List<ClientHttpRequestInterceptor> interceptors = new ArrayList<>(restTemplate.getInterceptors());
			interceptors.add(this.interceptor);
			restTemplate.setInterceptors(interceptors);
		}
	}

	RestClient addTo(RestClient restClient) {
		RestClient.Builder builder = restClient.mutate();
		boolean[] present = new boolean[1];
		builder.requestInterceptors((interceptors) -> present[0] = TracingClientHttpRequestInterceptor
			.isPresent(interceptors));
		return present[0] ? restClient : builder.requestInterceptor(this.interceptor).build();
	}

	private void addIfAbsent(List<ClientHttpRequestInterceptor> interceptors) {
		if (!TracingClientHttpRequestInterceptor.isPresent(interceptors)) {
			interceptors.add(this.interceptor);
		}
	}

}
