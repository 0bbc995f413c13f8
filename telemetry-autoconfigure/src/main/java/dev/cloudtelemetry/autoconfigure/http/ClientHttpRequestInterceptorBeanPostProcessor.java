package dev.cloudtelemetry.autoconfigure.http;

import java.util.ArrayList;
import java.util.List;

import org.springframework.aop.scope.ScopedObject;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Traces {@link RestTemplate} beans (with the {@link TracingClientHttpRequestInterceptor}: an application
 * may set another request factory on a template at any time, and nothing would see it), and {@link RestClient}
 * beans and {@link RestClient.Builder} beans through {@link RestClientInstrumentation} (Spring Boot's builder
 * is a prototype: every injection point gets a traced builder), each only if it does not trace already.
 */
final class ClientHttpRequestInterceptorBeanPostProcessor implements BeanPostProcessor {

	private final TracingClientHttpRequestInterceptor interceptor;

	private final RestClientInstrumentation restClients;

	ClientHttpRequestInterceptorBeanPostProcessor(TracingClientHttpRequestInterceptor interceptor,
			RestClientInstrumentation restClients) {
		this.interceptor = interceptor;
		this.restClients = restClients;
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
			return this.restClients.traced(builder);
		}
		else if (bean instanceof RestClient restClient) {
			return this.restClients.instrument(restClient);
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

}
