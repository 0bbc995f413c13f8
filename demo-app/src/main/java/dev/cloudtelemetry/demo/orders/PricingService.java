package dev.cloudtelemetry.demo.orders;

import org.springframework.stereotype.Service;

import dev.cloudtelemetry.demo.inventory.Item;

@Service
public class PricingService {

	public long total(Item item, int quantity) {
		long subtotal = item.getPriceCents() * quantity;
		return (quantity >= 10) ? subtotal * 90 / 100 : subtotal;
	}

}
