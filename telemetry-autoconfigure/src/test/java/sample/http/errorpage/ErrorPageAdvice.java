package sample.http.errorpage;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.cloudtelemetry.annotation.Traced;

/**
 * Application code that runs when the error page is rendered: on the container's error dispatch. Outside the
 * scanned packages of the sample applications (the tests that want it add it), traced by its annotation.
 */
@Traced
@ControllerAdvice(assignableTypes = ErrorController.class)
public class ErrorPageAdvice {

	@ModelAttribute("support")
	public String describe() {
		return "support@example.com";
	}

}
