package sample.jobs;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.stereotype.Service;

@Service
public class Dispatcher {

	private static final Logger logger = LoggerFactory.getLogger(Dispatcher.class);

	private final Worker worker;

	private final AsyncTaskExecutor executor;

	public Dispatcher(Worker worker, @Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
		this.worker = worker;
		this.executor = executor;
	}

	public Thread viaAsync() {
		logger.info("dispatching to @Async");
		return this.worker.asyncWork().join();
	}

	public Thread viaSupplyAsync() {
		return CompletableFuture.supplyAsync(this.worker::work, this.executor)
			.thenApplyAsync((thread) -> this.worker.work(), this.executor)
			.join();
	}

}
