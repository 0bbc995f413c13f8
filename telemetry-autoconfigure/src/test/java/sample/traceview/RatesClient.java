package sample.traceview;

import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Asks the rates service over HTTP.
 */
@Component
public class RatesClient {

	private final RestClient ratesRestClient;

	public RatesClient(RestClient ratesRestClient) {
		this.ratesRestClient = ratesRestClient;
	}

	public long rate(String item) {
		String rate = this.ratesRestClient.get().uri("/rates/{item}", item).retrieve().body(String.class);
		return Long.parseLong(rate.strip());
	}

}
