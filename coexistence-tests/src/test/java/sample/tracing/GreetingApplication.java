package sample.tracing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small service of the coexistence tests: a controller, a service that logs, queries H2 and calls the
 * application's own echo endpoint with a {@code RestClient} built from Boot's builder. The Micrometer
 * Tracing test runs it in the test's JVM; the OpenTelemetry agent test runs it in a child JVM.
 */
@SpringBootApplication
public class GreetingApplication {

	public static void main(String[] args) {
		SpringApplication.run(GreetingApplication.class, args);
	}

}
