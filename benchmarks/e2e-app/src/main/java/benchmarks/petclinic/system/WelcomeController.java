package benchmarks.petclinic.system;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The home page.
 */
@Controller
public class WelcomeController {

	@GetMapping("/")
	public String welcome() {
		return "welcome";
	}

}
