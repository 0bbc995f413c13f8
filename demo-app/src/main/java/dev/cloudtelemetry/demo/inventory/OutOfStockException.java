package dev.cloudtelemetry.demo.inventory;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.CONFLICT)
public class OutOfStockException extends RuntimeException {

	public OutOfStockException(String sku, int wanted, int available) {
		super("Only " + available + " of " + sku + " left, " + wanted + " wanted");
	}

}
