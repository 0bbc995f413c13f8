package dev.cloudtelemetry.autoconfigure.ui;

import java.net.URI;

import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Sends {@code telemetry.ui.path} on to the page, {@code /actuator/telemetry/view}, on Spring MVC.
 */
final class ServletTraceViewRoutes {

	private ServletTraceViewRoutes() {
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
