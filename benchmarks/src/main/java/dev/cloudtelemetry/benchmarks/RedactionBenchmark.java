package dev.cloudtelemetry.benchmarks;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.cloudtelemetry.core.encode.EventEncoder;
import dev.cloudtelemetry.core.encode.Limits;
import dev.cloudtelemetry.core.event.GenericEvent;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.core.json.JsonWriter;
import dev.cloudtelemetry.core.redact.Redactors;
import dev.cloudtelemetry.core.redact.SecretPatternRedactor;
import dev.cloudtelemetry.instrument.http.UrlRedactor;
import dev.cloudtelemetry.instrument.http.UrlSanitizer;
import dev.cloudtelemetry.instrument.jdbc.SqlErrorRedactor;
import dev.cloudtelemetry.resource.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What redaction costs the writer thread per event: encoding with no redactor ({@code none}) against the
 * built-in chain the starter configures by default ({@code built-in}: database errors, URLs in text,
 * secret patterns), for a method event pair, an HTTP server event with headers (the same one over and over,
 * and 4,096 that differ in their URL, message and thread) and an error event with a cause and a suppressed
 * error (stack traces on). The application's threads never run redactors.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RedactionBenchmark {

	@Param({ "none", "built-in" })
	public String redactors;

	@Param({ "method-pair", "http-server", "http-server-distinct", "error-with-causes" })
	public String event;

	private EventEncoder encoder;

	private TelemetryEvent[] events;

	private JsonWriter buffer;

	private int next;

	@Setup(Level.Trial)
	public void setUp() {
		Resource resource = BenchmarkEvents.resource();
		Redactors chain = this.redactors.equals("none") ? Redactors.NONE
				: Redactors.of(List.of(new SqlErrorRedactor(),
						new UrlRedactor(new UrlSanitizer(List.of("token", "access_token", "code", "state"))),
						new SecretPatternRedactor(false)));
		this.encoder = new EventEncoder(() -> resource, true,
				new Limits(8192, 4096, 16384, 8192, 16384, 256), chain);
		this.events = switch (this.event) {
			case "method-pair" -> BenchmarkEvents.methodEvents(2);
			case "http-server" -> new TelemetryEvent[] { httpEvent(42, 7) };
			case "http-server-distinct" -> distinctHttpEvents();
			case "error-with-causes" -> new TelemetryEvent[] { errorEvent() };
			default -> throw new IllegalArgumentException(this.event);
		};
		this.buffer = new JsonWriter(32 * 1024);
	}

	/**
	 * 4,096 requests that differ as real traffic does: the order id in the URL and message, the duration,
	 * the worker thread; no value repeats within 4,096 events but the thread name (one of 200).
	 */
	private static TelemetryEvent[] distinctHttpEvents() {
		TelemetryEvent[] events = new TelemetryEvent[4096];
		for (int i = 0; i < events.length; i++) {
			events[i] = httpEvent(10_000 + i, i % 200);
		}
		return events;
	}

	private static TelemetryEvent httpEvent(int order, int thread) {
		return GenericEvent.builder("http_request", 1_763_700_000_000_000_000L)
			.message("GET /api/orders/" + order + " 200 (" + (order % 1000) / 100.0 + "ms)")
			.attribute("http.method", "GET")
			.attribute("http.url", "https://shop.example.com/api/orders/" + order + "?expand=lines")
			.attribute("http.route", "/api/orders/{id}")
			.attribute("http.status_code", 200L)
			.attribute("server.address", "shop.example.com")
			.attribute("client.address", "10.0.12.7")
			.attribute("http.user_agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0")
			.attribute("http.request.header.x-request-id", "6f1c2e0a-7b2d-4d0e-9d6b-2b8f1c1f0a55")
			.attribute("http.request.header.accept", "application/json")
			.attribute("span.kind", "server")
			.attribute("thread.name", "http-nio-8080-exec-" + thread)
			.build();
	}

	private static TelemetryEvent errorEvent() {
		SQLException cause = new SQLException("Unique index or primary key violation: \"PUBLIC.CUSTOMER(EMAIL)\"; "
				+ "SQL statement: insert into customer (email) values ('ada@example.com')");
		IllegalStateException error = new IllegalStateException(
				"Could not create customer; see https://status.example.com/incidents?id=7", cause);
		error.addSuppressed(new IOException("close failed"));
		return GenericEvent.builder("function_exit", 1_763_700_000_000_000_000L)
			.severity(Severity.ERROR)
			.message("Function 'CustomerService.create' failed with IllegalStateException (1.20ms)")
			.attribute("code.namespace", "com.example.shop.CustomerService")
			.attribute("code.function", "create")
			.error(error)
			.build();
	}

	@Benchmark
	public int encode(ThreadCpu cpu) {
		TelemetryEvent current = this.events[this.next];
		this.next = (this.next + 1) % this.events.length;
		this.buffer.reset();
		this.encoder.encode(current, 1, this.buffer);
		cpu.operations++;
		return this.buffer.length();
	}

}
