package sample.capture;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.cloudtelemetry.annotation.Redacted;

@Service
public class PaymentService {

	public enum Currency {

		EUR, USD;

		@Override
		public String toString() {
			throw new IllegalStateException("application code must not run on the writer thread");
		}

	}

	public String charge(String customer, long cents, Currency currency, UUID paymentId, LocalDate due,
			@Redacted String cardNumber, Map<String, String> metadata) {
		return "receipt-" + paymentId;
	}

	public void note(String text) {
	}

}
