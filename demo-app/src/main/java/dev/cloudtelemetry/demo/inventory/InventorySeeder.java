package dev.cloudtelemetry.demo.inventory;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Fills the inventory on start-up when it is empty.
 */
@Component
@Order(0)
public class InventorySeeder implements ApplicationRunner {

	private final ItemRepository items;

	public InventorySeeder(ItemRepository items) {
		this.items = items;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.items.count() == 0) {
			this.items.saveAll(List.of(new Item("BOOK-1", "Spring in Action", 20, 4999),
					new Item("MUG-7", "Coffee mug", 3, 1299), new Item("PEN-2", "Fountain pen", 50, 2500)));
		}
	}

}
