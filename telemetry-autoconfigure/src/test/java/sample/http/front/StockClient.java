package sample.http.front;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.service.annotation.GetExchange;

/**
 * An HTTP interface client of the back end, registered with {@code @ImportHttpServices}.
 */
public interface StockClient {

	@GetExchange("/stock/{item}")
	String stock(@PathVariable String item);

}
