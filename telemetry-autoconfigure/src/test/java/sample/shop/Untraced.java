package sample.shop;

import org.springframework.stereotype.Component;

import dev.cloudtelemetry.annotation.NotTraced;

@Component
@NotTraced
public class Untraced {

	public String quiet() {
		return "quiet";
	}

}
