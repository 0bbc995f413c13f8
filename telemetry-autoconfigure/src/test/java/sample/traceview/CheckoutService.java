package sample.traceview;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class CheckoutService {

	private final StockService stock;

	private final PricingService pricing;

	private final ShopOrderRepository orders;

	private final ReceiptService receipts;

	public CheckoutService(StockService stock, PricingService pricing, ShopOrderRepository orders,
			ReceiptService receipts) {
		this.stock = stock;
		this.pricing = pricing;
		this.orders = orders;
		this.receipts = receipts;
	}

	@Transactional
	public String checkout(String item, int quantity) {
		this.stock.reserve(item, quantity);
		long total = this.pricing.total(item, quantity);
		long id = this.orders.save(new ShopOrder(item, total)).getId();
		return this.receipts.receipt(id, item);
	}

}
