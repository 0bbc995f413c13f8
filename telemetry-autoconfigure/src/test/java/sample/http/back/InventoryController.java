package sample.http.back;

import java.util.concurrent.CompletableFuture;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class InventoryController {

	private final StockService stock;

	public InventoryController(StockService stock) {
		this.stock = stock;
	}

	@GetMapping("/stock/{item}")
	public String stock(@PathVariable String item) {
		return item + "=" + this.stock.count(item);
	}

	@GetMapping("/fail")
	public String fail() {
		throw new IllegalStateException("inventory is on fire");
	}

	@GetMapping("/later/{item}")
	public CompletableFuture<String> later(@PathVariable String item) {
		return CompletableFuture.completedFuture(item);
	}

}
