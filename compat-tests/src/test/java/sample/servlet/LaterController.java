package sample.servlet;

import java.util.concurrent.Callable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An asynchronous request: the answer is computed on Spring MVC's task executor and written on an async
 * dispatch.
 */
@RestController
public class LaterController {

	private final GreetingService greetings;

	public LaterController(GreetingService greetings) {
		this.greetings = greetings;
	}

	@GetMapping("/later/{name}")
	public Callable<String> later(@PathVariable String name) {
		return () -> this.greetings.greet(name);
	}

}
