package sample.traceview;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
public class ShopOrder {

	@Id
	@GeneratedValue
	private Long id;

	private String item;

	private long totalCents;

	protected ShopOrder() {
	}

	public ShopOrder(String item, long totalCents) {
		this.item = item;
		this.totalCents = totalCents;
	}

	public Long getId() {
		return this.id;
	}

}
