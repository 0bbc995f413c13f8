package sample.capture;

import org.springframework.stereotype.Service;

import dev.cloudtelemetry.annotation.Redacted;
import dev.cloudtelemetry.annotation.Traced;

@Service
public class ReceiptService {

	@Traced(captureArguments = true, captureReturnValue = true)
	public int total(int quantity, int unitCents) {
		return quantity * unitCents;
	}

	@Traced(captureReturnValue = true)
	@Redacted
	public String token(String user) {
		return "tok-" + user;
	}

	public String untouched(String text) {
		return text;
	}

}
