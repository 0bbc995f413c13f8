package dev.cloudtelemetry.demo.orders;

import java.util.NoSuchElementException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderController {

	private final OrderService orders;

	public OrderController(OrderService orders) {
		this.orders = orders;
	}

	@PostMapping("/orders")
	@ResponseStatus(HttpStatus.CREATED)
	public CustomerOrder place(@RequestBody OrderRequest request) {
		return this.orders.place(request.sku(), request.quantity(), request.email());
	}

	@GetMapping("/orders/{id}")
	public CustomerOrder get(@PathVariable long id) {
		return this.orders.find(id);
	}

	/** Always fails: shows how an error travels through the telemetry. */
	@GetMapping("/orders/fail")
	public CustomerOrder fail() {
		throw new IllegalStateException("Payment provider unavailable");
	}

	@ExceptionHandler(NoSuchElementException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	public String notFound(NoSuchElementException ex) {
		return ex.getMessage();
	}

	public record OrderRequest(String sku, int quantity, String email) {
	}

}
