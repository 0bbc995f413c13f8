package dev.cloudtelemetry.autoconfigure.ui;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import sample.traceview.TraceViewShopApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opens the trace view in Debian's headless Chromium (packages {@code chromium} and {@code chromium-driver})
 * against a running application: controller → services → JPA on H2 → a RestClient call to a local rates
 * service. Checks the page against the application's JSONL, then loads JSONL files through the file input.
 * Screenshots and the 10,000-span render time are saved under {@code target/trace-view/}. Skipped, with the
 * reason printed, when the browser or its driver is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceViewBrowserTests {

	private static final Path CHROMIUM = Paths.get(System.getProperty("telemetry.test.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Paths
		.get(System.getProperty("telemetry.test.chromedriver", "/usr/bin/chromedriver"));

	private static final Path OUT = Paths.get("target", "trace-view");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private Path tempDir;

	private Path output;

	private HttpServer rates;

	private ConfigurableApplicationContext app;

	private ChromeDriver browser;

	private String base;

	@BeforeAll
	void start() throws Exception {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed) {
			System.out.println("SKIPPED TraceViewBrowserTests: " + CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing; install them with: apt-get install -y chromium chromium-driver");
		}
		assumeTrue(installed, "Chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)");
		Files.createDirectories(OUT);
		this.tempDir = Files.createTempDirectory("trace-view");
		this.output = this.tempDir.resolve("telemetry.jsonl");
		this.rates = startRatesService();
		this.app = new SpringApplicationBuilder(TraceViewShopApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "telemetry.output.path=" + this.output,
					"telemetry.ui.enabled=true", "management.endpoints.web.exposure.include=telemetry",
					"rates.url=http://127.0.0.1:" + this.rates.getAddress().getPort(),
					"spring.datasource.url=jdbc:h2:mem:traceview;DB_CLOSE_DELAY=-1")
			.run();
		this.base = "http://127.0.0.1:" + this.app.getEnvironment().getProperty("local.server.port");
		this.browser = startBrowser();
	}

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.app != null) {
			this.app.close();
		}
		if (this.rates != null) {
			this.rates.stop(0);
		}
	}

	@Test
	void pageShowsTheRecentTracesOfTheApplicationAndAnyJsonlFile() throws Exception {
		assertThat(get("/checkout/book?quantity=2").statusCode()).isEqualTo(200);
		assertThat(get("/checkout/lamp?quantity=1").statusCode()).isEqualTo(200);
		assertThat(get("/checkout/chair?quantity=0").statusCode()).isEqualTo(500);
		assertThat(get("/checkout/desk?quantity=3").statusCode()).isEqualTo(200);
		Map<String, List<JsonNode>> traces = awaitCheckoutTraces("/checkout/book", "/checkout/lamp", "/checkout/chair",
				"/checkout/desk");

		this.browser.get(this.base + "/telemetry");
		awaitReady();
		assertThat(this.browser.getCurrentUrl()).isEqualTo(this.base + "/actuator/telemetry/view");
		Set<String> listed = listedTraceIds();
		assertThat(listed).as("every checkout trace of the JSONL is listed").containsAll(traces.keySet());
		// besides them only the application's start-up work (its DDL statements, listed when the writer wrote
		// them after the page's store began to listen): nothing after the first checkout, none of the page's
		// own requests
		Set<String> others = new LinkedHashSet<>(listed);
		others.removeAll(traces.keySet());
		long firstCheckout = traces.values()
			.stream()
			.flatMap(List::stream)
			.mapToLong((event) -> event.get("timestamp_ns").asLong())
			.min()
			.orElseThrow();
		List<JsonNode> otherEvents = eventsOf(others);
		assertThat(otherEvents).extracting((event) -> event.get("trace_id").asString())
			.as("every listed trace is in the JSONL")
			.containsAll(others);
		assertThat(otherEvents).as("listed besides the checkouts: start-up work only").allSatisfy((event) -> {
			assertThat(event.get("timestamp_ns").asLong()).isLessThan(firstCheckout);
			assertThat(event.get("attributes").path("http.target").asString("")).doesNotStartWith("/telemetry")
				.doesNotStartWith("/actuator");
		});

		// the waterfall of a successful checkout: every span, nested under its parent, siblings in start order
		// the last successful checkout: the first one also pays for warming up the JVM
		String traceId = traces.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().stream().noneMatch(this::isError))
			.map(Map.Entry::getKey)
			.reduce((first, second) -> second)
			.orElseThrow();
		List<JsonNode> events = traces.get(traceId);
		openTrace(traceId);
		List<Row> rows = waterfallRows();
		Map<String, Long> starts = spanStarts(events);
		assertThat(rows).hasSize(starts.size());
		assertThat(starts.size()).as("spans in one checkout").isGreaterThanOrEqualTo(12);
		assertNestedInStartOrder(rows, parents(events), starts);
		Files.writeString(OUT.resolve("render-small.txt"), starts.size() + " spans: waterfall render incl. layout "
				+ this.browser.findElement(By.tagName("body")).getDomAttribute("data-last-render-ms") + " ms wall\n");
		assertThat(rows.stream().map(Row::kind).collect(Collectors.toSet()))
			.contains("server", "client", "db", "internal");
		screenshot("waterfall.png");

		// a span's details show its attributes: the SQL statement of the first query
		JsonNode query = events.stream()
			.filter((event) -> event.get("event_type").asString().equals("db_query"))
			.findFirst()
			.orElseThrow();
		this.browser.findElement(By.id("span-" + query.get("span_id").asString())).click();
		String attributes = this.browser.findElement(By.id("span-attributes")).getText();
		assertThat(attributes).contains("db.statement").contains(query.get("attributes").get("db.statement").asString());
		screenshot("span-details.png");

		// keyboard: arrow down in the waterfall selects the next span and shows it
		WebElement waterfall = this.browser.findElement(By.id("waterfall"));
		waterfall.sendKeys(org.openqa.selenium.Keys.ARROW_DOWN);
		assertThat(this.browser.findElement(By.id("details-title")).getText()).isNotBlank();

		// the error filter lists only the traces with an error
		// (the other tests of this class may have added error traces of their own: all are in `traces`)
		Set<String> errorTraces = traces.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().stream().anyMatch(this::isError))
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
		assertThat(errorTraces).isNotEmpty().hasSizeLessThan(traces.size());
		this.browser.findElement(By.id("filter-errors")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10)).until((driver) -> listedTraceIds().equals(errorTraces));
		openTrace(errorTraces.iterator().next());
		assertThat(this.browser.findElements(By.cssSelector("#waterfall .row[data-severity=ERROR]"))).isNotEmpty();
		assertThat(this.browser.findElements(By.cssSelector("#waterfall .sev-error"))).isNotEmpty();
		screenshot("error-trace.png");
		this.browser.findElement(By.id("filter-errors")).click();

		// a JSONL file through the file input: its traces, and its schema problems listed, not fatal
		List<String> lines = Files.readAllLines(this.output, StandardCharsets.UTF_8);
		Set<String> fileTraces = lines.stream()
			.map(TelemetrySchema::validate)
			.filter((event) -> event.get("trace_id").isString())
			.map((event) -> event.get("trace_id").asString())
			.collect(Collectors.toCollection(LinkedHashSet::new));
		Path file = this.tempDir.resolve("colleague.jsonl");
		List<String> withProblem = new ArrayList<>(lines);
		withProblem.add("{\"not\":\"an event\"}");
		Files.write(file, withProblem, StandardCharsets.UTF_8);
		loadFile(file);
		assertThat(listedTraceIds()).isEqualTo(fileTraces);
		assertThat(this.browser.findElement(By.id("problems")).isDisplayed()).isTrue();
		assertThat(this.browser.findElements(By.cssSelector("#problem-list li")))
			.anySatisfy((item) -> assertThat(item.getText()).startsWith("line " + withProblem.size() + ":"));
		openTrace(traceId);
		assertThat(this.browser.findElements(By.cssSelector("#waterfall .row"))).hasSize(starts.size());
		screenshot("file.png");

		assertThat(severeBrowserLogs()).as("console errors").isEmpty();
	}

	@Test
	void aTraceOfTenThousandSpansRenders() throws Exception {
		get("/checkout/pen?quantity=1");
		List<JsonNode> events = awaitCheckoutTraces("/checkout/pen").values().iterator().next();
		JsonNode entry = events.stream()
			.filter((event) -> event.get("event_type").asString().equals("function_entry"))
			.findFirst()
			.orElseThrow();
		JsonNode exit = events.stream()
			.filter((event) -> event.get("event_type").asString().equals("function_exit"))
			.findFirst()
			.orElseThrow();
		Path file = this.tempDir.resolve("ten-thousand.jsonl");
		List<String> lines = tenThousandSpans((ObjectNode) entry, (ObjectNode) exit);
		lines.forEach(TelemetrySchema::validate);
		Files.write(file, lines, StandardCharsets.UTF_8);
		this.browser.get(this.base + "/actuator/telemetry/view");
		awaitReady();
		this.browser.executeCdpCommand("Performance.enable", Map.of());
		double before = mainThreadMillis();
		loadFile(file);
		double loaded = mainThreadMillis();
		openTrace(listedTraceIds().iterator().next());
		double rendered = mainThreadMillis();
		WebElement waterfall = this.browser.findElement(By.id("waterfall"));
		assertThat(waterfall.getDomAttribute("data-row-count")).isEqualTo("10000");
		waterfall.sendKeys(org.openqa.selenium.Keys.END);
		assertThat(this.browser.findElements(By.cssSelector("#waterfall .row[data-index='9999'][aria-selected=true]")))
			.hasSize(1);
		String render = this.browser.findElement(By.tagName("body")).getDomAttribute("data-last-render-ms");
		String load = this.browser.findElement(By.tagName("body")).getDomAttribute("data-last-load-ms");
		String report = String.format(java.util.Locale.ROOT,
				"10,000 spans (%d lines, %d KB): reading the file (parse + assemble) %s ms wall, %.0f ms renderer main-thread CPU; "
						+ "waterfall render incl. layout %s ms wall, %.0f ms renderer main-thread CPU (incl. list update and Selenium's click)",
				lines.size(), Files.size(file) / 1024, load, loaded - before, render, rendered - loaded);
		System.out.println("TRACE VIEW RENDER: " + report);
		Files.writeString(OUT.resolve("render-10000.txt"), report + "\n");
		screenshot("ten-thousand.png");
		assertThat(severeBrowserLogs()).as("console errors").isEmpty();
	}

	@Test
	void readableInLightAndDarkModeAndUsableFromTheKeyboard() throws Exception {
		assertThat(get("/checkout/bag?quantity=1").statusCode()).isEqualTo(200);
		assertThat(get("/checkout/cup?quantity=0").statusCode()).isEqualTo(500);
		Map<String, List<JsonNode>> traces = awaitCheckoutTraces("/checkout/bag", "/checkout/cup");
		String errorTrace = traces.entrySet()
			.stream()
			.filter((entry) -> entry.getValue()
				.stream()
				.anyMatch((event) -> event.get("attributes").path("http.target").asString("").startsWith("/checkout/cup")))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
		String contrastScript = new String(getClass().getResourceAsStream("/trace-view/contrast.js").readAllBytes(),
				StandardCharsets.UTF_8);
		Map<String, String> scopes = new LinkedHashMap<>();
		scopes.put("list", "#trace-list");
		scopes.put("waterfall", "#waterfall");
		scopes.put("details", "#details");
		scopes.put("rest of the page", ".top, #filters, #trace-meta, #legend, #axis, .panels");
		try {
			for (String scheme : List.of("light", "dark")) {
				// what the browser reports to the page, as a laptop in dark mode does
				this.browser.executeCdpCommand("Emulation.setEmulatedMedia",
						Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
				this.browser.get(this.base + "/actuator/telemetry/view");
				awaitReady();
				assertThat(this.browser.executeScript("return matchMedia('(prefers-color-scheme: dark)').matches"))
					.isEqualTo(scheme.equals("dark"));

				// keyboard: Tab reaches the list, Enter opens a trace and moves into its waterfall, ↓ and Enter
				// show a span's details, Escape returns to the list, where ↓ opens the next trace
				tabTo("trace-list");
				activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
				new WebDriverWait(this.browser, Duration.ofSeconds(20)).until((driver) -> "waterfall".equals(activeId())
						&& driver.findElement(By.tagName("body")).getDomAttribute("data-rendered-trace") != null);
				String opened = this.browser.findElement(By.tagName("body")).getDomAttribute("data-rendered-trace");
				assertThat(this.browser.findElement(By.id("details")).isDisplayed()).isTrue();
				assertThat(selectedRowIndex()).isEqualTo("0");
				activeElement().sendKeys(org.openqa.selenium.Keys.ARROW_DOWN);
				assertThat(selectedRowIndex()).isEqualTo("1");
				String second = this.browser.findElement(By.id("details-title")).getText();
				assertThat(second).isNotBlank();
				activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
				assertThat(this.browser.findElement(By.id("details-title")).getText()).isEqualTo(second);
				activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
				assertThat(activeId()).isEqualTo("trace-list");
				if (listedTraceIds().size() > 1) {
					activeElement().sendKeys(org.openqa.selenium.Keys.ARROW_DOWN);
					new WebDriverWait(this.browser, Duration.ofSeconds(20)).until((driver) -> !opened
						.equals(driver.findElement(By.tagName("body")).getDomAttribute("data-rendered-trace")));
				}

				// colours: an error trace, its error span's details, at 1280x800
				openTrace(errorTrace);
				this.browser.findElement(By.cssSelector("#waterfall .row[data-severity=ERROR]")).click();
				assertThat(this.browser.findElement(By.id("details")).isDisplayed()).isTrue();
				List<?> texts = (List<?>) this.browser.executeScript(contrastScript, scopes);
				StringBuilder report = new StringBuilder("WCAG contrast, " + scheme + " mode, 1280x800:\n");
				List<String> unreadable = new ArrayList<>();
				for (String scope : scopes.keySet()) {
					List<Map<?, ?>> inScope = texts.stream()
						.<Map<?, ?>>map((text) -> (Map<?, ?>) text)
						.filter((text) -> scope.equals(text.get("scope")))
						.toList();
					assertThat(inScope).as("texts in the %s", scope).isNotEmpty();
					Map<?, ?> lowest = inScope.stream()
						.min(java.util.Comparator.comparingDouble((text) -> ((Number) text.get("ratio")).doubleValue()))
						.orElseThrow();
					report.append(String.format(java.util.Locale.ROOT, "  %s: %d texts, lowest %s:1 (%s %s on %s)%n", scope,
							inScope.size(), lowest.get("ratio"), lowest.get("selector"), lowest.get("color"),
							lowest.get("background")));
					inScope.stream()
						.filter((text) -> ((Number) text.get("ratio")).doubleValue() < 4.5)
						.forEach((text) -> unreadable.add(scheme + " " + text));
				}
				Files.writeString(OUT.resolve("contrast-" + scheme + ".txt"), report);
				System.out.print(report);
				assertThat(unreadable).as("texts below 4.5:1").isEmpty();
				assertThat(this.browser.executeScript(
						"return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
					.as("no horizontal scrolling at 1280x800")
					.isEqualTo(true);
				screenshot(scheme + "-mode.png");
			}
		}
		finally {
			this.browser.executeCdpCommand("Emulation.setEmulatedMedia",
					Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", ""))));
		}
		assertThat(severeBrowserLogs()).as("console errors").isEmpty();
	}

	private void tabTo(String id) {
		this.browser.findElement(By.tagName("body")).click();
		for (int i = 0; i < 40 && !id.equals(activeId()); i++) {
			new org.openqa.selenium.interactions.Actions(this.browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
		}
		assertThat(activeId()).as("Tab reaches #%s", id).isEqualTo(id);
	}

	private String activeId() {
		return String.valueOf(this.browser.executeScript("return document.activeElement.id"));
	}

	private WebElement activeElement() {
		return this.browser.switchTo().activeElement();
	}

	private String selectedRowIndex() {
		return this.browser.findElement(By.cssSelector("#waterfall .row[aria-selected=true]")).getDomAttribute("data-index");
	}

	// one trace: a root and 9,999 spans, ten levels of fan-out, each written as entry + exit like a traced call
	private static List<String> tenThousandSpans(ObjectNode entry, ObjectNode exit) {
		String traceId = "5e1f0c2a9b8d7e6f5a4b3c2d1e0f9a8b";
		long t0 = entry.get("timestamp_ns").asLong();
		List<String> lines = new ArrayList<>();
		long sequence = 1;
		for (int i = 0; i < 10_000; i++) {
			String spanId = String.format("%016x", 0x1000_0000_0000L + i);
			String parent = (i == 0) ? null : String.format("%016x", 0x1000_0000_0000L + (i - 1) / 10);
			long start = t0 + i * 1_000L;
			long duration = Math.max(1_000, (10_000 - i) * 900L);
			lines.add(event(entry, traceId, spanId, parent, start, sequence++, null, "Work.step" + i));
			lines.add(event(exit, traceId, spanId, parent, start + duration, sequence++, duration, "Work.step" + i));
		}
		return lines;
	}

	private static String event(ObjectNode template, String traceId, String spanId, String parent, long timestamp,
			long sequence, Long duration, String name) {
		ObjectNode event = template.deepCopy();
		event.put("timestamp_ns", timestamp);
		event.put("timestamp", java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
			.withZone(java.time.ZoneOffset.UTC)
			.format(java.time.Instant.ofEpochSecond(0, timestamp)));
		event.put("sequence", sequence);
		event.put("trace_id", traceId);
		event.put("span_id", spanId);
		event.put("function_name", name);
		if (parent == null) {
			event.putNull("parent_span_id");
		}
		else {
			event.put("parent_span_id", parent);
		}
		if (duration == null) {
			event.putNull("duration_ns");
		}
		else {
			event.put("duration_ns", duration);
		}
		return JSON.writeValueAsString(event);
	}

	private void assertNestedInStartOrder(List<Row> rows, Map<String, String> parents, Map<String, Long> starts) {
		List<String> path = new ArrayList<>();
		Map<String, Long> lastChildStart = new HashMap<>();
		for (Row row : rows) {
			String spanId = row.spanId();
			int depth = row.depth();
			String parent = parents.get(spanId);
			if (depth == 0) {
				assertThat(parent == null || !starts.containsKey(parent)).as("root %s", spanId).isTrue();
			}
			else {
				assertThat(path).as("rows above %s", spanId).hasSizeGreaterThanOrEqualTo(depth);
				assertThat(path.get(depth - 1)).as("parent row of %s", spanId).isEqualTo(parent);
			}
			while (path.size() > depth) {
				path.remove(path.size() - 1);
			}
			path.add(spanId);
			String siblingsKey = String.valueOf(parent);
			Long previous = lastChildStart.get(siblingsKey);
			assertThat(previous == null || previous <= starts.get(spanId)).as("%s after its elder sibling", spanId)
				.isTrue();
			lastChildStart.put(siblingsKey, starts.get(spanId));
		}
	}

	private static Map<String, String> parents(List<JsonNode> events) {
		Map<String, String> parents = new HashMap<>();
		for (JsonNode event : events) {
			parents.put(event.get("span_id").asString(),
					event.get("parent_span_id").isNull() ? null : event.get("parent_span_id").asString());
		}
		return parents;
	}

	// a span starts at its first event, or at its end minus its duration when it has one event (a statement)
	private static Map<String, Long> spanStarts(List<JsonNode> events) {
		Map<String, List<JsonNode>> bySpan = events.stream()
			.collect(Collectors.groupingBy((event) -> event.get("span_id").asString(), LinkedHashMap::new,
					Collectors.toList()));
		Map<String, Long> starts = new LinkedHashMap<>();
		bySpan.forEach((spanId, spanEvents) -> {
			JsonNode first = spanEvents.get(0);
			long start = first.get("timestamp_ns").asLong();
			if (spanEvents.size() == 1 && first.get("duration_ns").isNumber()) {
				start -= first.get("duration_ns").asLong();
			}
			starts.put(spanId, start);
		});
		return starts;
	}

	private boolean isError(JsonNode event) {
		return event.get("severity").asString().equals("ERROR");
	}

	// the JSONL's traces of checkout requests, once the writer has written them and their server spans ended
	/** Every event of these traces in the application's JSONL (whole lines only: the writer may be mid-batch). */
	private List<JsonNode> eventsOf(Set<String> traceIds) throws IOException {
		String text = Files.readString(this.output, StandardCharsets.UTF_8);
		return TelemetrySchema.validateLines(text.substring(0, text.lastIndexOf('\n') + 1))
			.stream()
			.filter((event) -> event.get("trace_id").isString() && traceIds.contains(event.get("trace_id").asString()))
			.toList();
	}

	/**
	 * Every checkout trace of the JSONL, once the trace of each of {@code targets} (the requests the test made)
	 * is in it and every checkout trace in it has ended: the writer writes asynchronously, and a trace may
	 * not be in the file yet when its request has been answered.
	 */
	private Map<String, List<JsonNode>> awaitCheckoutTraces(String... targets) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (true) {
			Map<String, List<JsonNode>> traces = new LinkedHashMap<>();
			Set<String> serverSpans = new LinkedHashSet<>();
			Set<String> ended = new LinkedHashSet<>();
			Set<String> checkout = new LinkedHashSet<>();
			Set<String> targetsSeen = new LinkedHashSet<>();
			// a read may land while the writer's write(2) of a batch is under way: then the text does not end
			// with a line feed yet, and the file is read again (every line is validated once it is whole)
			String text = Files.exists(this.output)
					? Files.readString(this.output, java.nio.charset.StandardCharsets.UTF_8) : "";
			if (!text.isEmpty() && !text.endsWith("\n")) {
				assertThat(System.nanoTime()).as("the JSONL ends with a line feed in time").isLessThan(deadline);
				Thread.sleep(20);
				continue;
			}
			if (!text.isEmpty()) {
				for (JsonNode event : TelemetrySchema.validateLines(text)) {
					if (!event.get("trace_id").isString()) {
						continue;
					}
					String traceId = event.get("trace_id").asString();
					traces.computeIfAbsent(traceId, (id) -> new ArrayList<>()).add(event);
					String target = event.get("attributes").path("http.target").asString("");
					if (target.startsWith("/checkout/")) {
						checkout.add(traceId);
						serverSpans.add(event.get("span_id").asString());
						for (String wanted : targets) {
							if (target.startsWith(wanted + "?") || target.equals(wanted)) {
								targetsSeen.add(wanted);
							}
						}
					}
					if (event.get("event_type").asString().equals("http_response")
							&& serverSpans.contains(event.get("span_id").asString())) {
						ended.add(traceId);
					}
				}
			}
			traces.keySet().retainAll(checkout);
			if (targetsSeen.size() == targets.length && ended.equals(checkout)) {
				return traces;
			}
			assertThat(System.nanoTime()).as("checkout traces of %s written in time", List.of(targets))
				.isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	// CPU time of the renderer's main thread (Chrome's ThreadTime metric), in milliseconds
	private double mainThreadMillis() {
		Map<String, Object> answer = this.browser.executeCdpCommand("Performance.getMetrics", Map.of());
		for (Object metric : (List<?>) answer.get("metrics")) {
			Map<?, ?> entry = (Map<?, ?>) metric;
			if ("ThreadTime".equals(entry.get("name"))) {
				return ((Number) entry.get("value")).doubleValue() * 1000;
			}
		}
		throw new IllegalStateException("Chrome reported no ThreadTime metric: " + answer);
	}

	private void awaitReady() {
		new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until((driver) -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-ready")));
	}

	private void openTrace(String traceId) {
		this.browser.findElement(By.id("trace-" + traceId)).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(20)).until((driver) -> traceId
			.equals(driver.findElement(By.tagName("body")).getDomAttribute("data-rendered-trace")));
	}

	private void loadFile(Path file) {
		this.browser.findElement(By.id("source-file")).click();
		String before = this.browser.findElement(By.id("status")).getText();
		this.browser.findElement(By.id("file-input")).sendKeys(file.toAbsolutePath().toString());
		new WebDriverWait(this.browser, Duration.ofSeconds(30)).until((driver) -> {
			String status = driver.findElement(By.id("status")).getText();
			return !status.equals(before) && status.startsWith(file.getFileName().toString() + ":");
		});
	}

	// the waterfall's rows, read in one script: rows in view are redrawn on scrolling, which would leave
	// stale elements behind between one read and the next
	private List<Row> waterfallRows() {
		List<?> rows = (List<?>) this.browser.executeScript("return Array.from(document.querySelectorAll('#waterfall .row'))"
				+ ".map((row) => [row.dataset.spanId, row.dataset.depth, row.dataset.kind])");
		return rows.stream().map((row) -> (List<?>) row)
			.map((row) -> new Row(String.valueOf(row.get(0)), Integer.parseInt(String.valueOf(row.get(1))),
					String.valueOf(row.get(2))))
			.toList();
	}

	private record Row(String spanId, int depth, String kind) {
	}

	// read in one script so that a list being redrawn cannot leave stale elements behind
	private Set<String> listedTraceIds() {
		List<?> ids = (List<?>) this.browser.executeScript(
				"return Array.from(document.querySelectorAll('#trace-list li')).map((item) => item.dataset.traceId)");
		return ids.stream().map(String::valueOf).collect(Collectors.toCollection(LinkedHashSet::new));
	}

	private List<String> severeBrowserLogs() {
		List<String> severe = new ArrayList<>();
		for (LogEntry entry : this.browser.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
				severe.add(entry.getMessage());
			}
		}
		return severe;
	}

	private void screenshot(String name) throws IOException {
		byte[] png = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES);
		Files.write(OUT.resolve(name), png);
		if ((name.equals("waterfall.png") || name.equals("dark-mode.png")) && Boolean.getBoolean("telemetry.docs.update")) {
			Path docs = TelemetrySchema.schemaPath().getParent().resolve("images");
			Files.createDirectories(docs);
			Files.write(docs.resolve(name.equals("waterfall.png") ? "trace-view-waterfall.png" : "trace-view-dark.png"), png);
		}
	}

	// generous: the application's first checkout warms the JVM up on a shared machine (9 s seen)
	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(60)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpServer startRatesService() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/rates/", (exchange) -> {
			byte[] body = "7".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/plain");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		return server;
	}

	private static ChromeDriver startBrowser() throws IOException {
		// Selenium Manager must not look for or download a browser or driver: both are given
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		System.setProperty("SE_OFFLINE", "true");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1280,800", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().window().setSize(new Dimension(1280, 800));
		((JavascriptExecutor) driver).executeScript("return 1");
		return driver;
	}

}
