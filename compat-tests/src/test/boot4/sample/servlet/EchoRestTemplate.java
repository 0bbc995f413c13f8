package sample.servlet;

import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

/**
 * A {@code RestTemplate} built from Boot's {@code RestTemplateBuilder}, which is in
 * {@code org.springframework.boot.restclient} in this Boot generation.
 */
@Component
public class EchoRestTemplate {

	private final RestTemplate restTemplate;

	public EchoRestTemplate(RestTemplateBuilder builder) {
		this.restTemplate = builder.build();
	}

	public String get(String url, String word) {
		return this.restTemplate.getForObject(url, String.class, word);
	}

}
