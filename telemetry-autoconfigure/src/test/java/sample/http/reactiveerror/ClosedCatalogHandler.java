package sample.http.reactiveerror;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import dev.cloudtelemetry.annotation.Traced;

/**
 * An application's own exception handler, ahead of Spring Boot's: an {@code IllegalStateException} is answered
 * {@code 503} after a deliberate 40 ms (looking up when the catalog opens again). Outside the scanned packages of
 * the sample applications (the tests that want it add it), traced by its annotation.
 */
@Traced
@Component
@Order(-2)
public class ClosedCatalogHandler implements WebExceptionHandler {

	/** How long the answer takes. */
	public static final long ANSWER_MILLIS = 40;

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		if (!(error instanceof IllegalStateException)) {
			return Mono.error(error);
		}
		ServerHttpResponse response = exchange.getResponse();
		return Mono.delay(Duration.ofMillis(ANSWER_MILLIS)).then(Mono.defer(() -> {
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			byte[] body = "catalog closed".getBytes(StandardCharsets.UTF_8);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
		}));
	}

}
