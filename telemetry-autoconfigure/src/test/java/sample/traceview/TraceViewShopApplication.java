package sample.traceview;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * The trace view's browser test application: controller → services → JPA on H2 → an outgoing
 * {@code RestClient} call to a rates service.
 */
@SpringBootApplication
public class TraceViewShopApplication {

	@Bean
	RestClient ratesRestClient(RestClient.Builder builder, @Value("${rates.url}") String ratesUrl) {
		return builder.baseUrl(ratesUrl).build();
	}

}
