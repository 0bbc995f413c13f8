package sample.http.reactive;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

@RestController
public class CatalogController {

	private final WebClient webClient;

	private final PricingService pricing;

	public CatalogController(WebClient.Builder webClientBuilder, PricingService pricing,
			@Value("${backend.url:http://127.0.0.1:9}") String backendUrl) {
		this.pricing = pricing;
		this.webClient = webClientBuilder.baseUrl(backendUrl).build();
	}

	@GetMapping("/items/{id}")
	public Mono<String> item(@PathVariable String id) {
		return Mono.just("item-" + id);
	}

	@GetMapping("/items/{id}/stock")
	public Mono<String> stock(@PathVariable String id) {
		return this.webClient.get().uri("/stock/{item}", id).retrieve().bodyToMono(String.class);
	}

	@GetMapping("/items/{id}/price")
	public Mono<String> price(@PathVariable String id) {
		return Mono.just(id).publishOn(Schedulers.boundedElastic()).map(this.pricing::price);
	}

	@GetMapping("/boom")
	public Mono<String> boom() {
		return Mono.error(new IllegalStateException("catalog is on fire"));
	}

}
