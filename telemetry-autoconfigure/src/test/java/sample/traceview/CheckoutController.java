package sample.traceview;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CheckoutController {

	private final CheckoutService checkout;

	public CheckoutController(CheckoutService checkout) {
		this.checkout = checkout;
	}

	@GetMapping("/checkout/{item}")
	public String checkout(@PathVariable String item, @RequestParam int quantity) {
		return "order " + this.checkout.checkout(item, quantity);
	}

}
