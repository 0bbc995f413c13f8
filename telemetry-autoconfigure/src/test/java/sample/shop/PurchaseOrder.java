package sample.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
public class PurchaseOrder {

	@Id
	@GeneratedValue
	private Long id;

	private String item;

	private int quantity;

	private long totalCents;

	protected PurchaseOrder() {
	}

	public PurchaseOrder(String item, int quantity, long totalCents) {
		this.item = item;
		this.quantity = quantity;
		this.totalCents = totalCents;
	}

	public Long getId() {
		return this.id;
	}

	public String getItem() {
		return this.item;
	}

	public int getQuantity() {
		return this.quantity;
	}

	public long getTotalCents() {
		return this.totalCents;
	}

}
