package dev.cloudtelemetry.demo.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.cloudtelemetry.output.WriterStatsProvider;
import dev.cloudtelemetry.output.WriterStats;
import dev.cloudtelemetry.output.FileExporter;
import dev.cloudtelemetry.output.EventExporter;

/**
 * Once the application is ready, drives every path once (switch off with {@code demo.scenario.enabled=false})
 * and prints what the starter wrote.
 */
@Component
public class DemoScenario implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger logger = LoggerFactory.getLogger(DemoScenario.class);

	private final StorefrontClient storefront;

	private final ObjectProvider<WriterStatsProvider> writer;

	private final ObjectProvider<EventExporter> target;

	private final Environment environment;

	private final CompletableFuture<TelemetrySummary> summary = new CompletableFuture<>();

	public DemoScenario(StorefrontClient storefront, ObjectProvider<WriterStatsProvider> writer,
			ObjectProvider<EventExporter> target, Environment environment) {
		this.storefront = storefront;
		this.writer = writer;
		this.target = target;
		this.environment = environment;
	}

	/** Completes with the summary once the scenario has run and its events are written. */
	public CompletableFuture<TelemetrySummary> summary() {
		return this.summary;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!this.environment.getProperty("demo.scenario.enabled", Boolean.class, true)) {
			this.summary.cancel(false);
			return;
		}
		Thread thread = new Thread(this::runScenario, "demo-scenario");
		thread.setDaemon(true);
		thread.start();
	}

	private void runScenario() {
		try {
			long id = this.storefront.placeOrder("BOOK-1", 2);
			this.storefront.fetchOrder(id);
			this.storefront.stockOf("MUG-7");
			this.storefront.placeOrder("MUG-7", 10);
			this.storefront.callFailingEndpoint();
			waitForScheduledAudit();
			waitUntilWritten();
			Path output = outputPath();
			TelemetrySummary result = (output != null) ? TelemetrySummary.read(output) : null;
			if (result != null) {
				System.out.println(result.render());
			}
			printTryIt();
			this.summary.complete(result);
		}
		catch (RuntimeException ex) {
			logger.error("Demo scenario failed", ex);
			this.summary.completeExceptionally(ex);
		}
	}

	private void waitForScheduledAudit() {
		Duration delay = this.environment.getProperty("demo.audit.initial-delay", Duration.class, Duration.ofSeconds(2));
		sleep(delay.toMillis() + 300);
	}

	private void waitUntilWritten() {
		WriterStatsProvider eventWriter = this.writer.getIfAvailable();
		if (eventWriter == null) {
			return;
		}
		long written = -1;
		for (int i = 0; i < 100; i++) {
			sleep(100);
			WriterStats stats = eventWriter.stats();
			long now = stats.written();
			// pending: queued, or encoded and not yet written (the writer writes about ten times a second)
			if (now == written && stats.pending() == 0) {
				return;
			}
			written = now;
		}
	}

	private Path outputPath() {
		return this.target.orderedStream()
			.filter(FileExporter.class::isInstance)
			.map((exporter) -> ((FileExporter) exporter).path())
			.findFirst()
			.orElse(null);
	}

	private void printTryIt() {
		String base = "http://localhost:" + this.environment.getProperty("local.server.port", "8080");
		System.out.println("""

				The demo keeps serving. Try:
				  curl -s -X POST %1$s/orders -H 'Content-Type: application/json' -d '{"sku":"PEN-2","quantity":1,"email":"ada@example.com"}'
				  curl -s %1$s/orders/1
				  curl -s %1$s/orders/fail
				  curl -s %1$s/actuator/telemetry
				  curl -s %1$s/actuator/telemetry/traces
				""".formatted(base));
		if (this.environment.getProperty("telemetry.ui.enabled", Boolean.class, false)) {
			// the page is part of the telemetry endpoint: on the management port when there is one
			String port = this.environment.getProperty("local.management.port",
					this.environment.getProperty("local.server.port", "8080"));
			System.out.println("Trace view (the waterfall of what just happened): http://localhost:" + port
					+ this.environment.getProperty("management.endpoints.web.base-path", "/actuator")
					+ "/telemetry/view\n");
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
