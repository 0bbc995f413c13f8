package dev.cloudtelemetry.demo.orders;

import java.util.NoSuchElementException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.cloudtelemetry.demo.inventory.InventoryService;
import dev.cloudtelemetry.demo.inventory.Item;
import dev.cloudtelemetry.demo.notify.NotificationService;

@Service
public class OrderService {

	private final InventoryService inventory;

	private final PricingService pricing;

	private final OrderRepository orders;

	private final NotificationService notifications;

	public OrderService(InventoryService inventory, PricingService pricing, OrderRepository orders,
			NotificationService notifications) {
		this.inventory = inventory;
		this.pricing = pricing;
		this.orders = orders;
		this.notifications = notifications;
	}

	@Transactional
	public CustomerOrder place(String sku, int quantity, String customerEmail) {
		Item item = this.inventory.reserve(sku, quantity);
		CustomerOrder order = this.orders.save(new CustomerOrder(sku, quantity, this.pricing.total(item, quantity),
				customerEmail));
		this.notifications.orderPlaced(order.getId(), customerEmail);
		return order;
	}

	@Transactional(readOnly = true)
	public CustomerOrder find(long id) {
		return this.orders.findById(id).orElseThrow(() -> new NoSuchElementException("No order " + id));
	}

}
