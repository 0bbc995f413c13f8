package sample.reactive;

import java.util.concurrent.Flow;

import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PriceController {

	private final PriceService prices;

	public PriceController(PriceService prices) {
		this.prices = prices;
	}

	@GetMapping("/prices/{item}")
	public Mono<String> price(@PathVariable String item, ServerHttpRequest request) {
		String baseUrl = request.getURI().resolve("/").toString();
		return this.prices.quote(baseUrl, item);
	}

	@GetMapping("/quotes/{item}")
	public Flow.Publisher<String> quotes(@PathVariable String item) {
		return this.prices.quotes(item);
	}

	@GetMapping("/closed/{item}")
	public Mono<String> closed(@PathVariable String item) {
		return Mono.error(new ClosedShopHandler.ClosedShopException("no " + item + " today"));
	}

	@GetMapping("/base/{item}")
	public Mono<String> base(@PathVariable String item) {
		return Mono.just(String.valueOf(item.length() * 10));
	}

}
