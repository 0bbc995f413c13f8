package dev.cloudtelemetry.demo.notify;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/**
 * Sends confirmations on another thread ({@code @Async}).
 */
@Service
public class NotificationService {

	private static final Logger logger = LoggerFactory.getLogger(NotificationService.class);

	@Async
	public CompletableFuture<Void> orderPlaced(Long orderId, String email) {
		logger.info("Confirmation for order {} queued", orderId);
		return CompletableFuture.completedFuture(null);
	}

}
