package sample.http.back;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Asynchronous requests: the answer is computed on another thread and written on an async dispatch.
 */
@RestController
public class LaterController {

	private final StockService stock;

	public LaterController(StockService stock) {
		this.stock = stock;
	}

	@GetMapping("/callable/{item}")
	public Callable<String> callable(@PathVariable String item) {
		return () -> item + "=" + this.stock.count(item);
	}

	@GetMapping("/deferred/{item}")
	public DeferredResult<String> deferred(@PathVariable String item) {
		DeferredResult<String> result = new DeferredResult<>();
		// completed from a thread of the application's own, as a message listener would
		new Thread(() -> result.setResult(item + "=" + item.length()), "completer").start();
		return result;
	}

}
