package dev.cloudtelemetry.autoconfigure.ui;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the trace view on Spring WebFlux.
 */
final class ReactiveTraceViewRoutes {

	private ReactiveTraceViewRoutes() {
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

	private static Mono<ServerResponse> serve(TraceViewPage.Asset asset) {
		if (asset == null) {
			return ServerResponse.notFound().build();
		}
		return ServerResponse.ok().contentType(asset.type()).headers(TraceViewPage::headers).bodyValue(asset.body());
	}

}
