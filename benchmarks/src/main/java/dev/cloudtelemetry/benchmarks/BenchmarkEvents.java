package dev.cloudtelemetry.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cloudtelemetry.core.context.Span;
import dev.cloudtelemetry.core.context.SpanFactory;
import dev.cloudtelemetry.core.event.Severity;
import dev.cloudtelemetry.core.event.TelemetryEvent;
import dev.cloudtelemetry.instrument.method.MethodInfo;
import dev.cloudtelemetry.instrument.method.MethodInfo.ReturnKind;
import dev.cloudtelemetry.instrument.method.MethodTracer;
import dev.cloudtelemetry.resource.HostResourceProvider;
import dev.cloudtelemetry.resource.ProcessResourceProvider;
import dev.cloudtelemetry.resource.Resource;
import dev.cloudtelemetry.resource.ResourceBuilder;
import dev.cloudtelemetry.resource.ResourceProvider;
import dev.cloudtelemetry.resource.RuntimeResourceProvider;
import dev.cloudtelemetry.resource.ServiceResourceProvider;

/**
 * Realistic events and resource for the writer benchmarks: the {@code function_entry} and
 * {@code function_exit} events of a nested call, made by the real {@link MethodTracer}, and the static
 * blocks of a service on Kubernetes in AWS.
 */
public final class BenchmarkEvents {

	private BenchmarkEvents() {
	}

	public static Resource resource() {
		List<ResourceProvider> providers = List.of(new ServiceResourceProvider("checkout-service", "1.4.2", "prod"),
				new RuntimeResourceProvider(), new HostResourceProvider(),
				new ProcessResourceProvider(1, "/opt/java/openjdk/bin/java",
						List.of("java", "-XX:MaxRAMPercentage=75", "-Dspring.profiles.active=prod", "-jar",
								"/app/checkout-service.jar", "--server.port=8080")),
				new EksResourceProvider());
		ResourceBuilder builder = new ResourceBuilder();
		builder.environment("prod");
		for (ResourceProvider provider : providers) {
			provider.contribute(builder);
		}
		return builder.build();
	}

	/**
	 * {@code count} events: entry and exit of a call nested in another, one every 1.5 µs, emitted on a
	 * thread named like a Tomcat worker, as the writer sees them. Every call is of the same method.
	 */
	public static TelemetryEvent[] methodEvents(int count) {
		return methodEvents(count, 1);
	}

	/**
	 * As {@link #methodEvents(int)}, the calls going round {@code methods} different methods of five classes
	 * (controllers, services, repositories, formatters), as a request of a web application calls them: with
	 * more than one, a method's names and messages do not repeat from one call to the next.
	 */
	public static TelemetryEvent[] methodEvents(int count, int methods) {
		TelemetryEvent[][] events = new TelemetryEvent[1][];
		Thread thread = new Thread(() -> events[0] = emitMethodEvents(count, methods), "http-nio-8080-exec-7");
		thread.start();
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return events[0];
	}

	private static TelemetryEvent[] emitMethodEvents(int count, int methods) {
		long[] now = { 1_763_700_000_000_000_000L };
		SpanFactory spans = new SpanFactory(() -> now[0] += 1_500);
		List<TelemetryEvent> events = new ArrayList<>(count);
		MethodTracer tracer = new MethodTracer(events::add, spans, Severity.INFO, 1_000_000_000L, false,
				"checkout-service.jar");
		MethodInfo controller = new MethodInfo("OrderController.create", "com.example.shop.OrderController",
				"create", "request", Severity.INFO, ReturnKind.SYNCHRONOUS);
		MethodInfo[] called = new MethodInfo[methods];
		called[0] = new MethodInfo("OrderService.placeOrder", "com.example.shop.OrderService", "placeOrder",
				"customerId, items", Severity.INFO, ReturnKind.SYNCHRONOUS);
		String[] types = { "OrderService", "OrderRepository", "PriceFormatter", "StockClient", "OrderValidator" };
		for (int i = 1; i < methods; i++) {
			String type = types[i % types.length];
			String method = "step" + i;
			called[i] = new MethodInfo(type + "." + method, "com.example.shop." + type, method, "order",
					Severity.INFO, ReturnKind.SYNCHRONOUS);
		}
		Span parent = spans.start(null, controller.functionName(), "func", controller);
		for (int i = 0; events.size() < count; i++) {
			Span span = tracer.enter(called[i % methods], parent);
			tracer.exit(span, null);
		}
		return events.toArray(TelemetryEvent[]::new);
	}

	private static final class EksResourceProvider implements ResourceProvider {

		@Override
		public String name() {
			return "benchmark-eks";
		}

		@Override
		public void contribute(ResourceBuilder builder) {
			Map<String, Object> cloud = builder.cloud();
			cloud.clear();
			cloud.put("provider", "aws");
			cloud.put("platform", "aws_eks");
			cloud.put("region", "eu-west-1");
			cloud.put("availability_zone", "eu-west-1b");
			cloud.put("account_id", "123456789012");
			cloud.put("instance_id", "i-0abc123def4567890");
			cloud.put("instance_type", "m6i.large");
			cloud.put("metadata_source", "imds");
			Map<String, Object> k8s = builder.k8s();
			k8s.put("namespace", "shop");
			k8s.put("pod_name", "checkout-service-7d9c6b5f4-x2k8q");
			k8s.put("pod_uid", "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60");
			k8s.put("node_name", "ip-10-0-12-34.eu-west-1.compute.internal");
			k8s.put("container_name", "checkout-service");
			k8s.put("deployment_name", "checkout-service");
			k8s.put("labels", Map.of("app", "checkout-service", "team", "payments"));
		}

	}

}
