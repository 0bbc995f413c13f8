package sample.http.reactive;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A functional endpoint of WebFlux, {@code /fn/{id}}.
 */
@Configuration(proxyBeanMethods = false)
public class FunctionalRoutes {

	@Bean
	RouterFunction<ServerResponse> functionalPrice(PricingService pricing) {
		return RouterFunctions.route()
			.GET("/fn/{id}", (request) -> ServerResponse.ok().bodyValue(pricing.price(request.pathVariable("id"))))
			.build();
	}

}
