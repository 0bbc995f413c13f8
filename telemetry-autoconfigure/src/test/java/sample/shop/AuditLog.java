package sample.shop;

import org.springframework.stereotype.Component;

import dev.cloudtelemetry.annotation.Traced;
import dev.cloudtelemetry.core.event.Severity;

@Component
public class AuditLog {

	@Traced(severity = Severity.DEBUG)
	public void record(String what) {
	}

}
