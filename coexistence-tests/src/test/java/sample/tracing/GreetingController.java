package sample.tracing;

import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /greet/{name}} greets through the service; {@code /echo} answers with every {@code traceparent}
 * value it received, one per line, so that the caller sees what left the process.
 */
@RestController
public class GreetingController {

	private final GreetingService service;

	public GreetingController(GreetingService service) {
		this.service = service;
	}

	@GetMapping("/greet/{name}")
	public String greet(@PathVariable String name) {
		return this.service.greet(name);
	}

	@GetMapping("/echo")
	public String echo(HttpServletRequest request) {
		List<String> traceparents = Collections.list(request.getHeaders("traceparent"));
		return String.join("\n", traceparents);
	}

}
