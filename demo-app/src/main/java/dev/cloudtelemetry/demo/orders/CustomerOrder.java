package dev.cloudtelemetry.demo.orders;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
public class CustomerOrder {

	@Id
	@GeneratedValue
	private Long id;

	private String sku;

	private int quantity;

	private long totalCents;

	private String customerEmail;

	private Instant placedAt;

	protected CustomerOrder() {
	}

	public CustomerOrder(String sku, int quantity, long totalCents, String customerEmail) {
		this.sku = sku;
		this.quantity = quantity;
		this.totalCents = totalCents;
		this.customerEmail = customerEmail;
		this.placedAt = Instant.now();
	}

	public Long getId() {
		return this.id;
	}

	public String getSku() {
		return this.sku;
	}

	public int getQuantity() {
		return this.quantity;
	}

	public long getTotalCents() {
		return this.totalCents;
	}

	public String getCustomerEmail() {
		return this.customerEmail;
	}

	public Instant getPlacedAt() {
		return this.placedAt;
	}

}
