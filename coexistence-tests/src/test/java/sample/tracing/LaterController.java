package sample.tracing;

import java.util.concurrent.Callable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /later/{name}} greets asynchronously: the service runs on Spring MVC's task executor, the answer is
 * written on the container's async dispatch (through {@link LaterBodyAdvice}).
 */
@RestController
public class LaterController {

	private final GreetingService service;

	public LaterController(GreetingService service) {
		this.service = service;
	}

	@GetMapping("/later/{name}")
	public Callable<String> later(@PathVariable String name) {
		return () -> this.service.greet(name);
	}

}
