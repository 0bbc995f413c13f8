package sample.http.errorpage;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.cloudtelemetry.annotation.Traced;

/**
 * An application's own error page in place of Spring Boot's: every failure is answered {@code 503} after a
 * deliberate 40 ms (looking up a status page). Outside the scanned packages of the sample applications (the
 * tests that want it add it), traced by its annotation.
 */
@Traced
@RestController
public class MaintenanceErrorController implements ErrorController {

	/** How long the page takes. */
	public static final long PAGE_MILLIS = 40;

	@RequestMapping("/error")
	public ResponseEntity<String> error() throws InterruptedException {
		Thread.sleep(PAGE_MILLIS);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("down for maintenance");
	}

}
