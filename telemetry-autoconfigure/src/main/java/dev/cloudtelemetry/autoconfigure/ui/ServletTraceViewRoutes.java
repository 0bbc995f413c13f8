package dev.cloudtelemetry.autoconfigure.ui;

import java.net.URI;

import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the trace view on Spring MVC.
 */
final class ServletTraceViewRoutes {

	private ServletTraceViewRoutes() {
	}

	static RouterFunction<ServerResponse> routes(TraceViewPage page) {
		String path = page.paths().page();
		return RouterFunctions.route()
			.GET(path, (request) -> serve(page.asset("")))
			.GET(path + "/", (request) -> ServerResponse.permanentRedirect(home(request, path)).build())
			.GET(path + "/{asset}", (request) -> serve(page.asset(request.pathVariable("asset"))))
			.build();
	}

	private static URI home(ServerRequest request, String path) {
		return URI.create(request.requestPath().contextPath().value() + path);
	}

	private static ServerResponse serve(TraceViewPage.Asset asset) {
		if (asset == null) {
			return ServerResponse.notFound().build();
		}
		return ServerResponse.ok().contentType(asset.type()).headers(TraceViewPage::headers).body(asset.body());
	}

}
