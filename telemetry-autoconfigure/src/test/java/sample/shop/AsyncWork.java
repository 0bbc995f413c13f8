package sample.shop;

import java.util.concurrent.CompletableFuture;

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

}
