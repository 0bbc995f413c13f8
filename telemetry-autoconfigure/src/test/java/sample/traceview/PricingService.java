package sample.traceview;

import org.springframework.stereotype.Service;

@Service
public class PricingService {

	private final RatesClient rates;

	public PricingService(RatesClient rates) {
		this.rates = rates;
	}

	public long total(String item, int quantity) {
		return quantity * (100 + this.rates.rate(item));
	}

}
