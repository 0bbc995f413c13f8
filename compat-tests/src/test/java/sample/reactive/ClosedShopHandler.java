package sample.reactive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The application's own exception handler, ahead of Spring Boot's (whose package differs between Boot 3.5 and
 * 4): a closed shop is answered {@code 503} after 30 ms.
 */
@Component
@Order(-2)
public class ClosedShopHandler implements WebExceptionHandler {

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		if (!(error instanceof ClosedShopException)) {
			return Mono.error(error);
		}
		ServerHttpResponse response = exchange.getResponse();
		return Mono.delay(Duration.ofMillis(30)).then(Mono.defer(() -> {
			response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
			byte[] body = "closed".getBytes(StandardCharsets.UTF_8);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
		}));
	}

	/** What the controller signals when the shop is closed. */
	public static class ClosedShopException extends RuntimeException {

		public ClosedShopException(String message) {
			super(message);
		}

	}

}
