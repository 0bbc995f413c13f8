package sample.shop;

import org.springframework.stereotype.Service;

@Service
public class PricingService {

	public long price(String item, int quantity) {
		if (quantity <= 0) {
			throw new IllegalArgumentException("quantity must be positive, was " + quantity);
		}
		return quantity * (long) (100 + item.length());
	}

}
