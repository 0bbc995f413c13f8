package sample.http.reactive;

import org.springframework.stereotype.Service;

@Service
public class PricingService {

	public String price(String id) {
		return id + "=" + (id.length() * 10);
	}

}
