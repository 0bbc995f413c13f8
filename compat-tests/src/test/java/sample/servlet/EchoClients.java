package sample.servlet;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls {@code /echo} with a client built from each of Boot's builders; none of the clients is a bean, so
 * only what the starter does to the builders can trace them.
 */
@Component
public class EchoClients {

	private final EchoRestTemplate restTemplate;

	private final RestClient restClient;

	private final WebClient webClient;

	public EchoClients(EchoRestTemplate restTemplate, RestClient.Builder restClientBuilder,
			WebClient.Builder webClientBuilder) {
		this.restTemplate = restTemplate;
		this.restClient = restClientBuilder.build();
		this.webClient = webClientBuilder.build();
	}

	public String echo(String client, String baseUrl, String word) {
		String url = baseUrl + "/echo/{word}";
		return switch (client) {
			case "rest-template" -> this.restTemplate.get(url, word);
			case "rest-client" -> this.restClient.get().uri(url, word).retrieve().body(String.class);
			case "web-client" -> this.webClient.get().uri(url, word).retrieve().bodyToMono(String.class).block();
			default -> throw new IllegalArgumentException(client);
		};
	}

}
