package sample.servlet;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
public class GreetingController {

	private final GreetingService greetings;

	private final EchoClients echo;

	public GreetingController(GreetingService greetings, EchoClients echo) {
		this.greetings = greetings;
		this.echo = echo;
	}

	@GetMapping("/greet/{name}")
	public String greet(@PathVariable String name) {
		return this.greetings.greet(name);
	}

	@GetMapping("/fail")
	public String fail() {
		throw new IllegalStateException("greetings are on fire");
	}

	@GetMapping("/echo/{word}")
	public String echo(@PathVariable String word) {
		return word;
	}

	@GetMapping("/relay/{client}/{word}")
	public String relay(@PathVariable String client, @PathVariable String word) {
		return this.echo.echo(client, ServletUriComponentsBuilder.fromCurrentContextPath().toUriString(), word);
	}

}
