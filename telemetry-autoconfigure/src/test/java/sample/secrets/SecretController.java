package sample.secrets;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SecretController {

	@GetMapping("/echo")
	public String echo(@RequestParam String note) {
		return "ok";
	}

}
