package sample.traceview;

import org.springframework.stereotype.Service;

@Service
public class StockService {

	private final ShopOrderRepository orders;

	public StockService(ShopOrderRepository orders) {
		this.orders = orders;
	}

	public void reserve(String item, int quantity) {
		if (quantity <= 0) {
			throw new IllegalArgumentException("quantity must be positive, was " + quantity);
		}
		this.orders.countByItem(item);
	}

}
