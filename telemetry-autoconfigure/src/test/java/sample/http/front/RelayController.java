package sample.http.front;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls the back end through a {@code RestTemplate} built from Boot's {@code RestTemplateBuilder}, a
 * {@code RestClient} and a {@code WebClient} built from Boot's builders; none of the clients is a bean.
 */
@RestController
public class RelayController {

	private final RestTemplate restTemplate;

	private final RestClient restClient;

	private final WebClient webClient;

	private final StockClient stockClient;

	public RelayController(RestTemplateBuilder restTemplateBuilder, RestClient.Builder restClientBuilder,
			WebClient.Builder webClientBuilder, StockClient stockClient, @Value("${backend.url}") String backendUrl) {
		this.stockClient = stockClient;
		this.restTemplate = restTemplateBuilder.rootUri(backendUrl).build();
		this.restClient = restClientBuilder.baseUrl(backendUrl).build();
		this.webClient = webClientBuilder.baseUrl(backendUrl).build();
	}

	@GetMapping("/relay/{client}/{item}")
	public String relay(@PathVariable String client, @PathVariable String item) {
		return switch (client) {
			case "rest-template" -> this.restTemplate.getForObject("/stock/{item}", String.class, item);
			case "rest-client" -> this.restClient.get().uri("/stock/{item}", item).retrieve().body(String.class);
			case "web-client" -> this.webClient.get().uri("/stock/{item}", item).retrieve().bodyToMono(String.class)
				.block();
			case "http-interface" -> this.stockClient.stock(item);
			default -> throw new IllegalArgumentException(client);
		};
	}

}
