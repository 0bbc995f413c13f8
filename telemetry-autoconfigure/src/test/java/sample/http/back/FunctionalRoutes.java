package sample.http.back;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A functional endpoint of Spring MVC, {@code /fn/{item}}.
 */
@Configuration(proxyBeanMethods = false)
public class FunctionalRoutes {

	@Bean
	RouterFunction<ServerResponse> functionalStock(StockService stock) {
		return RouterFunctions.route()
			.GET("/fn/{item}", (request) -> ServerResponse.ok().body(stock.count(request.pathVariable("item")) + ""))
			.build();
	}

}
