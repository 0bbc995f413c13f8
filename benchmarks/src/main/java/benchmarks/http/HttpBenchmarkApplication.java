package benchmarks.http;

import java.net.http.HttpClient;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The application of {@code HttpClientBenchmark}: one {@link RestClient} built from Boot's
 * auto-configured {@link RestClient.Builder} on the JDK {@link HttpClient}, so that a context with
 * telemetry and one without differ only by the starter's interceptor. With
 * {@code bench.http.transport=in-memory} the client answers itself, without I/O. With
 * {@code bench.http.noop-interceptor=true} (and the starter off) the client has one interceptor that only
 * proceeds: the cost of Spring's interception itself. Outside {@code dev.cloudtelemetry}
 * on purpose: it is the application the starter instruments.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class HttpBenchmarkApplication {

	@Bean
	RestClient benchmarkRestClient(RestClient.Builder builder,
			@Value("${bench.http.transport:loopback}") String transport,
			@Value("${bench.http.noop-interceptor:false}") boolean noopInterceptor) {
		if (noopInterceptor) {
			// what Spring's interception machinery costs before any interceptor does anything
			builder.requestInterceptor((request, body, execution) -> execution.execute(request, body));
		}
		if ("in-memory".equals(transport)) {
			return builder.requestFactory(new InMemoryClientHttpRequestFactory()).build();
		}
		HttpClient httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		return builder.requestFactory(new JdkClientHttpRequestFactory(httpClient)).build();
	}

}
