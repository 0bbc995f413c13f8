package dev.cloudtelemetry.autoconfigure.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.InterceptingClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import dev.cloudtelemetry.autoconfigure.TelemetryAutoConfiguration;
import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code RestClient}s traced through their request factory, against a JDK HTTP server on 127.0.0.1: the
 * application's own factory still sends every request, each exchange is one client span whose
 * {@code traceparent} the server receives, and Spring's interception is not involved. Every line written is
 * validated against the schema.
 */
class RestClientRequestFactoryTracingTests {

	@TempDir
	Path tempDir;

	private HttpServer server;

	private final List<String> traceparents = new CopyOnWriteArrayList<>();

	private final List<String> marks = new CopyOnWriteArrayList<>();

	private URI uri;

	private Path output;

	private ApplicationContextRunner runner;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
		this.server.createContext("/hello", this::answer);
		this.server.start();
		this.uri = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/hello");
		this.output = this.tempDir.resolve("events.jsonl");
		this.runner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TelemetryAutoConfiguration.class, HttpClientTelemetryAutoConfiguration.class))
			.withPropertyValues("telemetry.metadata.enabled=false", "telemetry.output.path=" + this.output);
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void builderBeanTracesThroughTheApplicationsFactoryWithoutAnInterceptor() {
		CountingFactory factory = new CountingFactory();
		this.runner.withBean(CountingFactory.class, () -> factory)
			.withUserConfiguration(FactoryBuilderConfiguration.class)
			.run((context) -> {
				RestClient.Builder builder = context.getBean(RestClient.Builder.class);
				call(builder.build());
				call(builder.clone().build());
			});
		assertThat(factory.requests).hasValue(2);
		assertThat(factory.intercepted).hasValue(0);
		assertOneSpanPerExchange(2);
	}

	@Test
	void factorySetOnTheBuilderAfterwardsIsKeptAndTraced() {
		CountingFactory later = new CountingFactory();
		CountingFactory applied = new CountingFactory();
		this.runner.withUserConfiguration(DefaultBuilderConfiguration.class).run((context) -> {
			RestClient.Builder builder = context.getBean(RestClient.Builder.class);
			// Spring picks this builder's factory in build(): the interceptor traces until a factory is set
			assertThat(interceptors(builder.clone())).hasSize(1);
			call(builder.requestFactory(later).build());
			call(builder.apply((configured) -> configured.requestFactory(applied)).build());
		});
		assertThat(later.requests).hasValue(1);
		assertThat(applied.requests).hasValue(1);
		assertThat(later.intercepted).hasValue(0);
		assertThat(applied.intercepted).hasValue(0);
		assertOneSpanPerExchange(2);
	}

	@Test
	void clientBuiltFromATracedBuilderIsLeftAsItIs() {
		CountingFactory factory = new CountingFactory();
		this.runner.withBean(CountingFactory.class, () -> factory)
			.withUserConfiguration(FactoryBuilderConfiguration.class, ClientFromBuilderConfiguration.class)
			.run((context) -> {
				RestClient restClient = context.getBean(RestClient.class);
				assertThat(context.getBean(ClientHttpRequestInterceptorBeanPostProcessor.class)
					.postProcessAfterInitialization(restClient, "again")).isSameAs(restClient);
				call(restClient);
				call(restClient.mutate().build());
			});
		assertThat(factory.intercepted).hasValue(0);
		assertOneSpanPerExchange(2);
	}

	@Test
	void restClientBeanWithItsOwnFactoryIsRebuiltOnTheTracingFactory() {
		CountingFactory factory = new CountingFactory();
		this.runner.withBean(RestClient.class, () -> RestClient.builder().requestFactory(factory).build())
			.run((context) -> {
				call(context.getBean(RestClient.class));
			});
		assertThat(factory.requests).hasValue(1);
		assertThat(factory.intercepted).hasValue(0);
		assertOneSpanPerExchange(1);
	}

	@Test
	void applicationInterceptorsRunBeforeTheSpanAndItsHeadersAreSent() {
		CountingFactory factory = new CountingFactory();
		ClientHttpRequestInterceptor marking = (request, body, execution) -> {
			request.getHeaders().set("X-Mark", "marked");
			return execution.execute(request, body);
		};
		this.runner.withUserConfiguration(DefaultBuilderConfiguration.class).run((context) -> {
			RestClient.Builder builder = context.getBean(RestClient.Builder.class);
			call(builder.requestFactory(factory).requestInterceptor(marking).build());
		});
		assertThat(this.marks).containsExactly("marked");
		assertThat(factory.requests).hasValue(1);
		assertOneSpanPerExchange(1);
	}

	@Test
	void bufferingFactoriesAndBufferedContentAreTracedOnce() {
		CountingFactory factory = new CountingFactory();
		this.runner.withUserConfiguration(DefaultBuilderConfiguration.class).run((context) -> {
			RestClient.Builder builder = context.getBean(RestClient.Builder.class);
			call(builder.requestFactory(new BufferingClientHttpRequestFactory(factory)).build());
			RestClient.Builder buffered = context.getBean(RestClient.Builder.class).requestFactory(factory);
			call(buffered.bufferContent((uri, method) -> true).build());
			RestClient post = context.getBean(RestClient.Builder.class).requestFactory(factory).build();
			assertThat(post.post().uri(this.uri).body("a body").retrieve().body(String.class)).isEqualTo("ok");
		});
		assertThat(factory.requests).hasValue(3);
		assertThat(factory.intercepted).hasValue(0);
		assertOneSpanPerExchange(3);
	}

	@Test
	void restTemplateBeanTracesAfterTheApplicationSetsAnotherFactory() {
		CountingFactory factory = new CountingFactory();
		this.runner.withBean(RestTemplate.class, RestTemplate::new).run((context) -> {
			RestTemplate restTemplate = context.getBean(RestTemplate.class);
			restTemplate.setRequestFactory(factory);
			assertThat(restTemplate.getForObject(this.uri, String.class)).isEqualTo("ok");
		});
		assertThat(factory.requests).hasValue(1);
		assertOneSpanPerExchange(1);
	}

	private void call(RestClient restClient) {
		assertThat(restClient.get().uri(this.uri).retrieve().body(String.class)).isEqualTo("ok");
	}

	/** One client span per exchange, and the server received exactly that span's {@code traceparent}. */
	private void assertOneSpanPerExchange(int exchanges) {
		List<JsonNode> events = TelemetrySchema.readValidated(this.output);
		List<JsonNode> requests = client(events, "http_request");
		assertThat(requests).hasSize(exchanges);
		assertThat(client(events, "http_response")).hasSize(exchanges)
			.allSatisfy((response) -> assertThat(response.get("attributes").get("http.status_code").asInt())
				.isEqualTo(200));
		assertThat(this.traceparents).hasSize(exchanges);
		for (int i = 0; i < exchanges; i++) {
			JsonNode request = requests.get(i);
			assertThat(this.traceparents.get(i)).isEqualTo(
					"00-" + request.get("trace_id").asString() + "-" + request.get("span_id").asString() + "-01");
		}
	}

	private static List<JsonNode> client(List<JsonNode> events, String eventType) {
		return events.stream()
			.filter((event) -> eventType.equals(event.get("event_type").asString()))
			.filter((event) -> "client".equals(event.get("attributes").path("span.kind").asString()))
			.toList();
	}

	private static List<ClientHttpRequestInterceptor> interceptors(RestClient.Builder builder) {
		List<ClientHttpRequestInterceptor> copy = new ArrayList<>();
		builder.requestInterceptors(copy::addAll);
		return copy;
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			in.readAllBytes();
		}
		this.traceparents.addAll(exchange.getRequestHeaders().getOrDefault("traceparent", List.of()));
		this.marks.addAll(exchange.getRequestHeaders().getOrDefault("X-Mark", List.of()));
		byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
		exchange.getResponseHeaders().set("Content-Type", "text/plain");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/**
	 * The application's own request factory: the JDK client, counting the requests it creates, and those
	 * it creates inside Spring's interception (which creates the real request when it executes its own).
	 */
	static final class CountingFactory implements ClientHttpRequestFactory {

		final AtomicInteger requests = new AtomicInteger();

		final AtomicInteger intercepted = new AtomicInteger();

		private final JdkClientHttpRequestFactory delegate = new JdkClientHttpRequestFactory();

		@Override
		public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
			this.requests.incrementAndGet();
			String interception = InterceptingClientHttpRequestFactory.class.getPackageName()
					+ ".InterceptingClientHttpRequest";
			if (StackWalker.getInstance()
				.walk((frames) -> frames.anyMatch((frame) -> frame.getClassName().startsWith(interception)))) {
				this.intercepted.incrementAndGet();
			}
			return this.delegate.createRequest(uri, httpMethod);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FactoryBuilderConfiguration {

		@Bean
		@Scope("prototype")
		RestClient.Builder restClientBuilder(CountingFactory factory) {
			return RestClient.builder().requestFactory(factory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DefaultBuilderConfiguration {

		@Bean
		@Scope("prototype")
		RestClient.Builder restClientBuilder() {
			return RestClient.builder();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClientFromBuilderConfiguration {

		@Bean
		RestClient restClient(RestClient.Builder builder) {
			return builder.build();
		}

	}

}
