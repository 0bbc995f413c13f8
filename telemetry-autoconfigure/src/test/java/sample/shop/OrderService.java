package sample.shop;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class OrderService {

	private final PricingService pricing;

	private final OrderRepository orders;

	public OrderService(PricingService pricing, OrderRepository orders) {
		this.pricing = pricing;
		this.orders = orders;
	}

	@Transactional
	public PurchaseOrder placeOrder(String item, int quantity) {
		long total = this.pricing.price(item, quantity);
		return this.orders.save(new PurchaseOrder(item, quantity, total));
	}

	public PurchaseOrder find(long id) {
		return this.orders.findById(id).orElseThrow();
	}

}
