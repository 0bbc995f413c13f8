package sample.shop;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderController {

	private final OrderService orders;

	public OrderController(OrderService orders) {
		this.orders = orders;
	}

	@PostMapping("/orders")
	public PurchaseOrder create(@RequestParam String item, @RequestParam int quantity) {
		return this.orders.placeOrder(item, quantity);
	}

	@GetMapping("/orders/{id}")
	public PurchaseOrder get(@PathVariable long id) {
		return this.orders.find(id);
	}

}
