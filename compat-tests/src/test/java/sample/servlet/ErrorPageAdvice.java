package sample.servlet;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Application code that runs when Spring Boot's error page is rendered, on the container's error dispatch:
 * advice for the controllers in Boot's own packages (its error controller's package differs between Boot 3.5
 * and 4), which the sample's own controllers are not.
 */
@ControllerAdvice(basePackages = "org.springframework.boot")
public class ErrorPageAdvice {

	@ModelAttribute("support")
	public String describe() {
		return "support@example.com";
	}

}
