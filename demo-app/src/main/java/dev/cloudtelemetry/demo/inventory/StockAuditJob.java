package dev.cloudtelemetry.demo.inventory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A scheduled job: every run is a trace of its own.
 */
@Component
public class StockAuditJob {

	private static final Logger logger = LoggerFactory.getLogger(StockAuditJob.class);

	private final InventoryService inventory;

	public StockAuditJob(InventoryService inventory) {
		this.inventory = inventory;
	}

	@Scheduled(initialDelayString = "${demo.audit.initial-delay:2s}", fixedDelayString = "${demo.audit.interval:60s}")
	public void audit() {
		int low = this.inventory.lowStock(5).size();
		logger.info("Stock audit: {} item(s) low", low);
	}

}
