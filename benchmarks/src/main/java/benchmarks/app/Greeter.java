package benchmarks.app;

import io.micrometer.observation.annotation.Observed;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * A bean whose one method does a trivial amount of work, so that what a benchmark measures is the
 * instrumentation around it. {@link Observed} only matters where an {@code ObservedAspect} exists.
 */
@Service
public class Greeter {

	@Observed(name = "greeter.greet")
	public int greet(int value) {
		return value * 31 + 7;
	}

	/** The same work as {@link #greet}, answered as a {@code Mono}: a traced call whose span ends with the result. */
	public Mono<Integer> greetLater(int value) {
		return Mono.just(value * 31 + 7);
	}

	/** Three arguments of the kinds argument capture writes: a string, a number and an enum. */
	public int quote(String sku, int quantity, java.time.DayOfWeek day) {
		return sku.length() * 31 + quantity + day.ordinal();
	}

}
