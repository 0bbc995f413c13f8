package sample.reactive;

import java.time.Duration;
import java.util.concurrent.Flow;

import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
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

	/** Three quotes 20 ms apart, as a {@code java.util.concurrent.Flow.Publisher}: not a Reactor type. */
	public Flow.Publisher<String> quotes(String item) {
		return JdkFlowAdapter.publisherToFlowPublisher(
				Flux.range(1, 3).delayElements(Duration.ofMillis(20)).map((n) -> item + "=" + (n * 10) + ";"));
	}

}
