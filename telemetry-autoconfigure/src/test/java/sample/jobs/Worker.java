package sample.jobs;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

@Service
public class Worker {

	private static final Logger logger = LoggerFactory.getLogger(Worker.class);

	@Async
	public CompletableFuture<Thread> asyncWork() {
		logger.info("async work");
		return CompletableFuture.completedFuture(Thread.currentThread());
	}

	public Thread work() {
		return Thread.currentThread();
	}

}
