package benchmarks.petclinic.vet;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The vets list.
 */
@Controller
public class VetController {

	private final VetService vets;

	public VetController(VetService vets) {
		this.vets = vets;
	}

	@GetMapping("/vets")
	public String list(Model model) {
		model.addAttribute("vets", this.vets.all());
		return "vets/list";
	}

}
