package benchmarks.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the traced-call benchmark starts. It lives outside {@code dev.cloudtelemetry} because
 * the starter never traces its own packages; its package is the auto-configuration package, so the
 * starter traces {@link Greeter} by default.
 */
@SpringBootApplication
public class BenchmarkApplication {

}
