package benchmarks.petclinic;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cloudtelemetry.test.TelemetrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the end-to-end benchmark's application with the starter, as {@code benchmarks/e2e/run.sh} does, and
 * checks that the request under load is the one the benchmark claims: an owner-search page with
 * content-hashed static resource links, a handful of statements and about fifteen traced bean calls, all
 * written as schema-valid JSONL. With {@code telemetry.enabled=false} nothing is written.
 */
class PetClinicTelemetryTests {

	private static final String SEARCH = "/owners?lastName=";

	@TempDir
	Path dir;

	@Test
	void ownerSearchPageIsOneRequestWithFiveStatementsAndAboutFifteenTracedCalls() throws Exception {
		Path output = this.dir.resolve("telemetry.jsonl");
		String page;
		try (ConfigurableApplicationContext context = start("--telemetry.output.path=" + output,
				"--telemetry.metadata.enabled=false")) {
			page = get(context, SEARCH);
		}
		assertThat(page).contains("60 owners found", "<a href=\"/owners/14\">Anna Andersen</a>")
			.containsPattern("href=\"/resources/css/petclinic-[0-9a-f]{32}\\.css\"")
			.containsPattern("src=\"/resources/js/petclinic-[0-9a-f]{32}\\.js\"");
		List<JsonNode> events = TelemetrySchema.readValidated(output);
		JsonNode request = events.stream()
			.filter((event) -> type(event).equals("http_request"))
			.filter((event) -> event.get("attributes").get("http.url").asString().endsWith(SEARCH))
			.findFirst()
			.orElseThrow();
		List<JsonNode> trace = events.stream()
			.filter((event) -> event.get("trace_id").equals(request.get("trace_id")))
			.toList();
		assertThat(trace).filteredOn((event) -> type(event).equals("db_query")).hasSize(5);
		assertThat(trace).filteredOn((event) -> type(event).equals("function_entry"))
			.hasSizeBetween(12, 20)
			.extracting((event) -> event.get("function_name").asString())
			.contains("OwnerController.search", "OwnerSearchValidator.validate", "OwnerService.search",
					"OwnerRowAssembler.toRows", "TelephoneFormatter.format", "PetTypeService.all");
	}

	@Test
	void whenTelemetryIsDisabledThePageIsTheSameAndNothingIsWritten() throws Exception {
		Path output = this.dir.resolve("disabled.jsonl");
		try (ConfigurableApplicationContext context = start("--telemetry.enabled=false",
				"--telemetry.output.path=" + output)) {
			assertThat(get(context, SEARCH)).contains("60 owners found");
		}
		assertThat(output).doesNotExist();
	}

	// each application gets its own in-memory database: the named one of application.properties outlives
	// a context (DB_CLOSE_DELAY=-1)
	private static ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 3];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--server.port=0";
		all[args.length + 1] = "--server.address=127.0.0.1";
		all[args.length + 2] = "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID();
		return new SpringApplicationBuilder(PetClinicApplication.class).run(all);
	}

	private static String get(ConfigurableApplicationContext context, String path) throws Exception {
		String port = context.getEnvironment().getProperty("local.server.port");
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static String type(JsonNode event) {
		return event.get("event_type").asString();
	}

}
