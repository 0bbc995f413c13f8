package dev.cloudtelemetry.metadata;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;

import static dev.cloudtelemetry.metadata.FakeMetadataServer.respond;

/**
 * Metadata services as their documentation describes them, mounted on a {@link FakeMetadataServer}.
 */
public final class FakeClouds {

	private FakeClouds() {
	}

	/**
	 * IMDSv2: PUT {@code /latest/api/token} needs the TTL header (400 without), every GET needs the token (401
	 * without or with a wrong one). IMDSv1 requests (no token) are refused, as on an instance that requires
	 * v2.
	 */
	public static FakeMetadataServer imds(FakeMetadataServer server, boolean publicIp) {
		return imds(server, publicIp, new AtomicInteger());
	}

	/**
	 * IMDSv2 as {@link #imds(FakeMetadataServer, boolean)}, counting the token requests it answers.
	 */
	public static FakeMetadataServer imds(FakeMetadataServer server, boolean publicIp, AtomicInteger tokenRequests) {
		String token = "AQAEA" + UUID.randomUUID();
		server.handle("/latest/api/token", (exchange) -> {
			tokenRequests.incrementAndGet();
			if (!"PUT".equals(exchange.getRequestMethod())) {
				respond(exchange, 405, "");
				return;
			}
			String ttl = exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds");
			if (ttl == null || !ttl.matches("\\d+") || Integer.parseInt(ttl) < 1 || Integer.parseInt(ttl) > 21600) {
				respond(exchange, 400, "");
				return;
			}
			respond(exchange, 200, token, Map.of("X-aws-ec2-metadata-token-ttl-seconds", ttl));
		});
		Map<String, String> values = new java.util.HashMap<>(Map.of("/latest/dynamic/instance-identity/document",
				TestResources.read("ec2-identity-document.json"), "/latest/meta-data/hostname",
				"ip-172-31-23-45.ec2.internal", "/latest/meta-data/local-ipv4", "172.31.23.45"));
		if (publicIp) {
			values.put("/latest/meta-data/public-ipv4", "54.91.123.45");
		}
		server.handle("/latest/", (exchange) -> {
			if (!token.equals(exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token"))) {
				respond(exchange, 401, "");
				return;
			}
			String value = values.get(exchange.getRequestURI().getPath());
			respond(exchange, (value != null) ? 200 : 404, (value != null) ? value : notFoundPage());
		});
		return server;
	}

	private static String notFoundPage() {
		return "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<html><head><title>404 - Not Found</title></head>"
				+ "<body><h1>404 - Not Found</h1></body></html>";
	}

	/**
	 * GCE metadata server: 403 without {@code Metadata-Flavor: Google}; every answer carries the header back.
	 * @param clusterName the {@code cluster-name} attribute (GKE nodes), or {@code null}
	 */
	public static FakeMetadataServer gcp(FakeMetadataServer server, String clusterName) {
		Map<String, String> values = new java.util.HashMap<>(Map.of("project/project-id", "my-project-12345",
				"instance/id", "1234567890123456789", "instance/zone", "projects/123456789012/zones/us-central1-a",
				"instance/machine-type", "projects/123456789012/machineTypes/n1-standard-4", "instance/hostname",
				"instance-1.us-central1-a.c.my-project-12345.internal", "instance/network-interfaces/0/ip",
				"10.128.0.2", "instance/network-interfaces/0/access-configs/0/external-ip", "34.123.45.67"));
		if (clusterName != null) {
			values.put("instance/attributes/cluster-name", clusterName);
		}
		server.handle("/computeMetadata/v1/", (exchange) -> {
			if (!"Google".equals(exchange.getRequestHeaders().getFirst("Metadata-Flavor"))) {
				respond(exchange, 403, "Missing Metadata-Flavor:Google header.", Map.of("Metadata-Flavor", "Google"));
				return;
			}
			String value = values.get(exchange.getRequestURI().getPath().substring("/computeMetadata/v1/".length()));
			respond(exchange, (value != null) ? 200 : 404, (value != null) ? value : "Not Found",
					Map.of("Metadata-Flavor", "Google", "Content-Type", "application/text"));
		});
		return server;
	}

	/**
	 * Azure IMDS: 400 without {@code Metadata: true} or without {@code api-version}.
	 */
	public static FakeMetadataServer azure(FakeMetadataServer server) {
		server.handle("/metadata/instance", (exchange) -> {
			if (!"true".equals(exchange.getRequestHeaders().getFirst("Metadata"))) {
				respond(exchange, 400, "{\"error\":\"Bad request. Required metadata header not specified\"}");
				return;
			}
			if (!query(exchange).contains("api-version=")) {
				respond(exchange, 400, "{\"error\":\"Bad request. api-version was not specified in the request\","
						+ "\"newest-versions\":[\"2023-07-01\",\"2021-02-01\"]}");
				return;
			}
			respond(exchange, 200, TestResources.read("azure-instance.json"),
					Map.of("Content-Type", "application/json; charset=utf-8"));
		});
		return server;
	}

	/** ECS task metadata endpoint v4, under {@code /v4/<id>}. */
	public static String ecs(FakeMetadataServer server, String launchType) {
		String base = "/v4/0206b271-b33f-47ab-86c6-a0ba208a70a9";
		server.handle(base, (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			if (path.equals(base)) {
				respond(exchange, 200, TestResources.read("ecs-" + launchType + "-container.json"));
			}
			else if (path.equals(base + "/task")) {
				respond(exchange, 200, TestResources.read("ecs-" + launchType + "-task.json"));
			}
			else {
				respond(exchange, 404, "");
			}
		});
		return server.url() + base;
	}

	private static String query(HttpExchange exchange) {
		String query = exchange.getRequestURI().getRawQuery();
		return (query != null) ? query : "";
	}

}
