package sample.reactive;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.client.WebClient;

@Service
public class PriceService {

	private final WebClient webClient;

	public PriceService(WebClient.Builder builder) {
		this.webClient = builder.build();
	}

	public Mono<String> quote(String baseUrl, String item) {
		return this.webClient.get()
			.uri(baseUrl + "base/{item}", item)
			.retrieve()
			.bodyToMono(String.class)
			.map((base) -> item + "=" + base);
	}

}
