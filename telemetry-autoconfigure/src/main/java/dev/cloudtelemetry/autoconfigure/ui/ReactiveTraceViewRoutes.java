package dev.cloudtelemetry.autoconfigure.ui;

import java.net.URI;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Sends {@code telemetry.ui.path} on to the page, {@code /actuator/telemetry/view}, on Spring WebFlux.
 */
final class ReactiveTraceViewRoutes {

	private ReactiveTraceViewRoutes() {
	}

	static RouterFunction<ServerResponse> routes(TraceViewPaths paths) {
		return RouterFunctions.route()
			.GET(paths.page(), (request) -> ServerResponse.temporaryRedirect(view(request, paths)).build())
			.GET(paths.page() + "/", (request) -> ServerResponse.temporaryRedirect(view(request, paths)).build())
			.build();
	}

	private static URI view(ServerRequest request, TraceViewPaths paths) {
		return URI.create(request.requestPath().contextPath().value() + paths.view());
	}

}
