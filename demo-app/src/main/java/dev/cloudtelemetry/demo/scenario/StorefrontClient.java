package dev.cloudtelemetry.demo.scenario;

import java.util.Map;

import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls this service's own API through RestClient, RestTemplate and WebClient, as another service would.
 */
@Component
public class StorefrontClient {

	private final RestClient restClient;

	private final RestTemplate restTemplate;

	private final WebClient webClient;

	private final Environment environment;

	public StorefrontClient(RestClient restClient, RestTemplate restTemplate, WebClient webClient,
			Environment environment) {
		this.restClient = restClient;
		this.restTemplate = restTemplate;
		this.webClient = webClient;
		this.environment = environment;
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.environment.getProperty("local.server.port", "8080");
	}

	/** POST /orders with RestClient; returns the new order's id, or -1 when the service refused it. */
	public long placeOrder(String sku, int quantity) {
		try {
			Map<?, ?> order = this.restClient.post()
				.uri(baseUrl() + "/orders")
				.body(Map.of("sku", sku, "quantity", quantity, "email", "ada@example.com"))
				.retrieve()
				.body(Map.class);
			return ((Number) order.get("id")).longValue();
		}
		catch (RestClientResponseException ex) {
			return -1;
		}
	}

	/** GET /orders/{id} with RestTemplate. */
	public int fetchOrder(long id) {
		ResponseEntity<String> response = this.restTemplate.getForEntity(baseUrl() + "/orders/{id}", String.class, id);
		return response.getStatusCode().value();
	}

	/** GET /inventory/{sku} with WebClient. */
	public String stockOf(String sku) {
		return this.webClient.get().uri(baseUrl() + "/inventory/{sku}", sku).retrieve().bodyToMono(String.class).block();
	}

	/** GET /orders/fail with RestTemplate; the server answers 500. */
	public int callFailingEndpoint() {
		try {
			return this.restTemplate.getForEntity(baseUrl() + "/orders/fail", String.class).getStatusCode().value();
		}
		catch (RestClientResponseException ex) {
			return ex.getStatusCode().value();
		}
	}

}
