package benchmarks.server;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application of {@code HttpServerFilterBenchmark}: a servlet or reactive web application context
 * without a server, so that the starter's own auto-configuration creates its server filter. Outside
 * {@code dev.cloudtelemetry} on purpose: it is the application the starter instruments.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ServerBenchmarkApplication {

}
