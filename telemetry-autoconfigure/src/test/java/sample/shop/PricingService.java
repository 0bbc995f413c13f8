package sample.shop;

import reactor.core.publisher.Flux;

import org.springframework.stereotype.Service;

@Service
public class PricingService {

	public long price(String item, int quantity) {
		if (quantity <= 0) {
			throw new IllegalArgumentException("quantity must be positive, was " + quantity);
		}
		return quantity * (long) (100 + item.length());
	}

	/** The prices of one to three of an item, as a stream. */
	public Flux<Long> prices(String item) {
		return Flux.range(1, 3).map((quantity) -> quantity * (long) (100 + item.length()));
	}

}
