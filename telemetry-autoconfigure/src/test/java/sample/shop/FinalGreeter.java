package sample.shop;

import org.springframework.stereotype.Component;

/**
 * Final: cannot be proxied, so it must be skipped without failing start-up.
 */
@Component
public final class FinalGreeter {

	public String greet(String name) {
		return "Hello " + name;
	}

}
