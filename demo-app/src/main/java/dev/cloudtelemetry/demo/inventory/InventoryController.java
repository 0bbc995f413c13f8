package dev.cloudtelemetry.demo.inventory;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class InventoryController {

	private final InventoryService inventory;

	public InventoryController(InventoryService inventory) {
		this.inventory = inventory;
	}

	@GetMapping("/inventory/{sku}")
	public Item item(@PathVariable String sku) {
		return this.inventory.find(sku);
	}

	@GetMapping("/inventory/low")
	public List<Item> lowStock() {
		return this.inventory.lowStock(5);
	}

}
