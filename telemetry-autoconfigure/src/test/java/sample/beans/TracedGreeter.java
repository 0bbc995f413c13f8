package sample.beans;

import dev.cloudtelemetry.annotation.Traced;

/**
 * Outside any auto-configuration package: traced only because of {@link Traced}.
 */
@Traced
public class TracedGreeter {

	public String greet(String name) {
		return "Hello " + name;
	}

}
