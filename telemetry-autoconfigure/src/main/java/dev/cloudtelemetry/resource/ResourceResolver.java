package dev.cloudtelemetry.resource;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs the {@link ResourceProvider}s once, on a daemon thread of its own, and hands the result to whoever
 * asks. Nothing here runs on the thread that starts the application: a slow metadata service can delay
 * the first lines of output by at most the configured wait, never the application.
 * <p>
 * Providers come in two lists: {@code local} ones (process, runtime, service, host) that only read the
 * JVM and the file system, and {@code remote} ones that may probe metadata services. When the remote
 * ones take longer than the wait, events are written with the local result until the rest arrives.
 */
public final class ResourceResolver implements Supplier<Resource> {

	private static final System.Logger logger = System.getLogger(ResourceResolver.class.getName());

	private final List<ResourceProvider> localProviders;

	private final List<ResourceProvider> remoteProviders;

	private final long maxWaitNanos;

	private final CompletableFuture<Resource> local = new CompletableFuture<>();

	private final CompletableFuture<Resource> complete = new CompletableFuture<>();

	private boolean started;

	private volatile boolean waited;

	public ResourceResolver(List<ResourceProvider> localProviders, List<ResourceProvider> remoteProviders,
			long maxWaitNanos) {
		this.localProviders = List.copyOf(localProviders);
		this.remoteProviders = List.copyOf(remoteProviders);
		this.maxWaitNanos = maxWaitNanos;
	}

	/**
	 * Starts resolution in the background; calling it again does nothing.
	 * @return this resolver
	 */
	public synchronized ResourceResolver start() {
		if (!this.started) {
			this.started = true;
			Thread thread = new Thread(this::resolve, "telemetry-resource");
			thread.setDaemon(true);
			thread.start();
		}
		return this;
	}

	private void resolve() {
		try {
			ResourceBuilder builder = new ResourceBuilder();
			apply(this.localProviders, builder);
			this.local.complete(builder.build());
			apply(this.remoteProviders, builder);
			this.complete.complete(builder.build());
		}
		catch (Throwable ex) {
			this.local.completeExceptionally(ex);
			this.complete.completeExceptionally(ex);
		}
	}

	private static void apply(List<ResourceProvider> providers, ResourceBuilder builder) {
		for (ResourceProvider provider : providers) {
			try {
				provider.contribute(builder);
			}
			catch (RuntimeException | LinkageError ex) {
				logger.log(Level.WARNING, "Telemetry resource provider '" + provider.name() + "' failed: " + ex,
						ex);
			}
		}
	}

	/**
	 * Runs every provider on the calling thread, for tests and tools.
	 * @return the resource
	 */
	public Resource resolveNow() {
		ResourceBuilder builder = new ResourceBuilder();
		apply(this.localProviders, builder);
		apply(this.remoteProviders, builder);
		return builder.build();
	}

	/**
	 * Returns the best resource known now. The first call waits up to the configured time for every
	 * provider; later calls never wait and pick up late metadata as soon as it arrives.
	 * @return the resource, never {@code null}
	 */
	@Override
	public Resource get() {
		Resource full = this.complete.getNow(null);
		if (full != null) {
			return full;
		}
		start();
		if (!this.waited) {
			this.waited = true;
			try {
				return this.complete.get(this.maxWaitNanos, TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				logger.log(Level.INFO, "Telemetry metadata not resolved after " + (this.maxWaitNanos / 1_000_000)
						+ " ms; writing events with local metadata until it is");
			}
			catch (ExecutionException ex) {
				logger.log(Level.WARNING, "Telemetry metadata resolution failed: " + ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		try {
			return this.local.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new ResourceBuilder().build();
		}
		catch (ExecutionException ex) {
			return new ResourceBuilder().build();
		}
	}

	/**
	 * Returns what is known now without waiting: every provider's result once they have all run, else the
	 * local providers' result, else {@code null}. For diagnostics that must never block.
	 * @return the resource known now, or {@code null}
	 */
	public Resource current() {
		Resource full = this.complete.getNow(null);
		if (full != null || this.local.isCompletedExceptionally()) {
			return full;
		}
		return this.local.getNow(null);
	}

	/**
	 * @return whether every provider has run
	 */
	public boolean isComplete() {
		return this.complete.isDone();
	}

}
