package dev.cloudtelemetry.demo.inventory;

import java.util.List;
import java.util.NoSuchElementException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class InventoryService {

	private final ItemRepository items;

	public InventoryService(ItemRepository items) {
		this.items = items;
	}

	@Transactional(readOnly = true)
	public Item find(String sku) {
		return this.items.findById(sku).orElseThrow(() -> new NoSuchElementException("No item " + sku));
	}

	@Transactional
	public Item reserve(String sku, int quantity) {
		Item item = find(sku);
		item.take(quantity);
		return this.items.save(item);
	}

	@Transactional(readOnly = true)
	public List<Item> lowStock(int threshold) {
		return this.items.findByStockLessThan(threshold);
	}

}
