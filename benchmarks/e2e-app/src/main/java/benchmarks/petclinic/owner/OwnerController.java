package benchmarks.petclinic.owner;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The owner-search page (form and result table) and the owner details page.
 */
@Controller
public class OwnerController {

	private final OwnerService owners;

	private final PetTypeService petTypes;

	private final OwnerSearchValidator searchValidator;

	public OwnerController(OwnerService owners, PetTypeService petTypes, OwnerSearchValidator searchValidator) {
		this.owners = owners;
		this.petTypes = petTypes;
		this.searchValidator = searchValidator;
	}

	@InitBinder("search")
	public void initSearchBinder(WebDataBinder binder) {
		binder.addValidators(this.searchValidator);
	}

	@GetMapping("/owners")
	public String search(@Validated @ModelAttribute("search") OwnerSearch search, BindingResult result,
			@RequestParam(defaultValue = "1") int page, Model model) {
		model.addAttribute("types", this.petTypes.all());
		if (result.hasErrors()) {
			model.addAttribute("result", new OwnerSearchResult(List.of(), 1, 0, 0));
		}
		else {
			model.addAttribute("result", this.owners.search(search, page));
		}
		return "owners/search";
	}

	@GetMapping("/owners/{ownerId}")
	public String details(@PathVariable int ownerId, Model model) {
		model.addAttribute("details", this.owners.details(ownerId));
		return "owners/details";
	}

}
