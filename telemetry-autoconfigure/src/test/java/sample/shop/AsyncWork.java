package sample.shop;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

@Component
public class AsyncWork {

	private final PricingService pricing;

	public AsyncWork(PricingService pricing) {
		this.pricing = pricing;
	}

	public CompletableFuture<Long> later(CompletableFuture<Long> trigger) {
		return trigger.thenApply((value) -> value * 2);
	}

	public Mono<Long> reactive(String item) {
		return Mono.fromCallable(() -> this.pricing.price(item, 1));
	}

	public Mono<Long> reactiveFailure() {
		return Mono.error(new IllegalStateException("reactive failure"));
	}

	/** Three prices, 20 ms apart, as a {@code java.util.concurrent.Flow.Publisher}: not a Reactor type. */
	public Flow.Publisher<Long> prices(String item) {
		return JdkFlowAdapter.publisherToFlowPublisher(
				Flux.range(1, 3).delayElements(Duration.ofMillis(20)).map((quantity) -> this.pricing.price(item, quantity)));
	}

	/** The pricing service's stream of prices, returned as it is: a reactive call inside another. */
	public Flux<Long> relayedPrices(String item) {
		return this.pricing.prices(item);
	}

	public CustomStream custom(String name) {
		return new CustomStream(name);
	}

	public CustomStream.Other otherCustom(String name) {
		return new CustomStream.Other(name);
	}

}
