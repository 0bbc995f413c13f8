package sample.traceview;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class CheckoutService {

	private final StockService stock;

	private final PricingService pricing;

	private final ShopOrderRepository orders;

	public CheckoutService(StockService stock, PricingService pricing, ShopOrderRepository orders) {
		this.stock = stock;
		this.pricing = pricing;
		this.orders = orders;
	}

	@Transactional
	public long checkout(String item, int quantity) {
		this.stock.reserve(item, quantity);
		long total = this.pricing.total(item, quantity);
		return this.orders.save(new ShopOrder(item, total)).getId();
	}

}
