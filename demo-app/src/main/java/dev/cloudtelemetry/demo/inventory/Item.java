package dev.cloudtelemetry.demo.inventory;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class Item {

	@Id
	private String sku;

	private String name;

	private int stock;

	private long priceCents;

	protected Item() {
	}

	public Item(String sku, String name, int stock, long priceCents) {
		this.sku = sku;
		this.name = name;
		this.stock = stock;
		this.priceCents = priceCents;
	}

	public String getSku() {
		return this.sku;
	}

	public String getName() {
		return this.name;
	}

	public int getStock() {
		return this.stock;
	}

	public long getPriceCents() {
		return this.priceCents;
	}

	public void take(int quantity) {
		if (quantity > this.stock) {
			throw new OutOfStockException(this.sku, quantity, this.stock);
		}
		this.stock -= quantity;
	}

}
