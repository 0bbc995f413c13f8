package dev.cloudtelemetry.kotlin

import dev.cloudtelemetry.test.TelemetrySchema
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import org.springframework.boot.WebApplicationType
import org.springframework.boot.builder.SpringApplicationBuilder
import sample.coroutines.CoroutineApplication
import tools.jackson.databind.JsonNode
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Path
import java.time.Duration

/**
 * Kotlin suspending functions (a WebFlux controller and two services, each suspending before it returns) traced as
 * what they are: a call is over when its coroutine returns, not when it first suspends. With Reactor's automatic
 * context propagation (and Micrometer's context-propagation library, which Spring Framework 7 then uses to carry
 * thread-locals across a coroutine's resumptions) the calls a coroutine makes are its children.
 */
class CoroutineTracingTests {

	@TempDir
	lateinit var tempDir: Path

	@Test
	fun aSuspendingCallEndsWhenItsCoroutineReturns() {
		val events = requestPrice("default.jsonl")
		val (controllerExit, priceExit, quoteExit) = exits(events)
		assertThat(quoteExit["duration_ns"].asLong()).isGreaterThanOrEqualTo(20_000_000L)
		assertThat(priceExit["duration_ns"].asLong()).isGreaterThanOrEqualTo(80_000_000L)
		assertThat(controllerExit["duration_ns"].asLong()).isGreaterThanOrEqualTo(priceExit["duration_ns"].asLong())
		assertThat(quoteExit["timestamp_ns"].asLong()).isLessThanOrEqualTo(priceExit["timestamp_ns"].asLong())
		assertThat(priceExit["timestamp_ns"].asLong()).isLessThanOrEqualTo(controllerExit["timestamp_ns"].asLong())
		val server = server(events)
		assertThat(entry(events, "PriceController.price")["parent_span_id"]).isEqualTo(server["span_id"])
		// the compiler's Continuation is not one of the function's parameters
		assertThat(entry(events, "PriceService.price")["attributes"]["function.parameters"].asString()).isEqualTo("id")
	}

	@Test
	fun withAutomaticContextPropagationTheCallsACoroutineMakesAreItsChildren() {
		val events = requestPrice("auto.jsonl", "--spring.reactor.context-propagation=auto")
		val server = server(events)
		val controller = entry(events, "PriceController.price")
		val price = entry(events, "PriceService.price")
		val quote = entry(events, "QuoteService.quote")
		assertThat(controller["parent_span_id"]).isEqualTo(server["span_id"])
		// called before the coroutine first suspended
		assertThat(price["parent_span_id"]).isEqualTo(controller["span_id"])
		// called after it resumed on another thread
		assertThat(quote["parent_span_id"]).isEqualTo(price["span_id"])
		assertThat(quote["attributes"]["thread.name"].asString()).isNotEqualTo(price["attributes"]["thread.name"].asString())
		assertThat(listOf(controller, price, quote).map { it["trace_id"] }).containsOnly(server["trace_id"])
		val (controllerExit, priceExit, quoteExit) = exits(events)
		assertThat(quoteExit["timestamp_ns"].asLong()).isLessThanOrEqualTo(priceExit["timestamp_ns"].asLong())
		assertThat(priceExit["timestamp_ns"].asLong()).isLessThanOrEqualTo(controllerExit["timestamp_ns"].asLong())
	}

	@Test
	fun aCallReturningAFlowEndsWhenTheFlowCompletes() {
		val events = request("flow.jsonl", "/quotes/7", 200, "7=42;7=42;7=42;")
		val serviceExit = single(events, "function_exit") { it["function_name"].asString() == "PriceService.quotes" }
		val controllerExit = single(events, "function_exit") { it["function_name"].asString() == "PriceController.quotes" }
		// three elements, each after two delays of 20 ms (the flow's and the suspending call's)
		assertThat(serviceExit["duration_ns"].asLong()).isGreaterThanOrEqualTo(120_000_000L)
		assertThat(controllerExit["duration_ns"].asLong()).isGreaterThanOrEqualTo(serviceExit["duration_ns"].asLong())
		assertThat(serviceExit.has("error")).isFalse()
		val quoteExits = events.filter {
			it["event_type"].asString() == "function_exit" && it["function_name"].asString() == "QuoteService.quote"
		}
		assertThat(quoteExits).hasSize(3)
		// the flow's work is done before its call ends
		assertThat(quoteExits.map { it["timestamp_ns"].asLong() }).allMatch { it <= serviceExit["timestamp_ns"].asLong() }
		assertThat(entry(events, "PriceController.quotes")["parent_span_id"]).isEqualTo(server(events)["span_id"])
		// the suspending calls the flow makes, resumed on another thread, are the flow's call's children
		val service = entry(events, "PriceService.quotes")
		assertThat(service["parent_span_id"]).isEqualTo(entry(events, "PriceController.quotes")["span_id"])
		val quoteEntries = events.filter {
			it["event_type"].asString() == "function_entry" && it["function_name"].asString() == "QuoteService.quote"
		}
		assertThat(quoteEntries).allMatch { it["parent_span_id"] == service["span_id"] && it["trace_id"] == service["trace_id"] }
	}

	@Test
	fun aFlowThatFailsEndsItsCallWithTheError() {
		val events = request("broken-flow.jsonl", "/broken-quotes/7", 500, null)
		val serviceExit = single(events, "function_exit") { it["function_name"].asString() == "PriceService.brokenQuotes" }
		assertThat(serviceExit["duration_ns"].asLong()).isGreaterThanOrEqualTo(20_000_000L)
		assertThat(serviceExit["error"]["type"].asString()).isEqualTo("java.lang.IllegalStateException")
		assertThat(serviceExit["error"]["message"].asString()).isEqualTo("quote feed closed")
	}

	private fun requestPrice(file: String, vararg extra: String) = request(file, "/prices/7", 200, "7=42", *extra)

	private fun request(file: String, path: String, status: Int, body: String?, vararg extra: String): List<JsonNode> {
		val output = tempDir.resolve(file)
		SpringApplicationBuilder(CoroutineApplication::class.java)
			.web(WebApplicationType.REACTIVE)
			.run("--server.port=0", "--server.address=127.0.0.1", "--telemetry.output.path=$output", *extra)
			.use { context ->
				val port = context.environment.getProperty("local.server.port")
				val response = HttpClient.newHttpClient().send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:$port$path")).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString())
				assertThat(response.statusCode()).isEqualTo(status)
				if (body != null) {
					assertThat(response.body()).isEqualTo(body)
				}
			}
		return TelemetrySchema.readValidated(output)
	}

	private fun exits(events: List<JsonNode>) =
		listOf("PriceController.price", "PriceService.price", "QuoteService.quote").map { name ->
			single(events, "function_exit") { it["function_name"].asString() == name }
		}

	private fun server(events: List<JsonNode>) =
		single(events, "http_request") { it["attributes"].path("span.kind").asString() == "server" }

	private fun entry(events: List<JsonNode>, name: String) =
		single(events, "function_entry") { it["function_name"].asString() == name }

	private fun single(events: List<JsonNode>, type: String, condition: (JsonNode) -> Boolean): JsonNode {
		val matching = events.filter { it["event_type"].asString() == type && condition(it) }
		assertThat(matching).`as`("one %s in %s", type, events).hasSize(1)
		return matching[0]
	}

}
