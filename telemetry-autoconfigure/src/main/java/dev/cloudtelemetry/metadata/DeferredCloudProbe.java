package dev.cloudtelemetry.metadata;

import org.jspecify.annotations.Nullable;

/**
 * A probe created the first time it runs (see {@link Deferred}): what it needs, such as the AWS SDK's IMDS
 * client of {@link IsolatedLibraries}, is loaded by the metadata thread, not while the application starts. A
 * probe that cannot be created fails like any probe: one line of diagnostics. A {@link Detection} can run
 * first, so that where the cloud is absent (the usual case of a speculative probe) nothing is loaded at all.
 */
public final class DeferredCloudProbe implements CloudProbe {

	private final String name;

	private final boolean speculative;

	private final @Nullable Detection detection;

	private final Deferred<CloudProbe> target;

	/**
	 * A probe without a detection of its own: the created probe detects, and tells when its cloud is there.
	 * @param name the probe's name, as the created probe gives it
	 * @param speculative whether the created probe is speculative
	 * @param factory creates the probe
	 */
	public DeferredCloudProbe(String name, boolean speculative, Deferred.Factory<CloudProbe> factory) {
		this.name = name;
		this.speculative = speculative;
		this.detection = null;
		this.target = new Deferred<>(factory);
	}

	/**
	 * @param name the probe's name, as the created probe gives it
	 * @param speculative whether the created probe is speculative
	 * @param detection runs before the probe is created; when it throws, the probe fails with that exception
	 * and is not created
	 * @param factory creates the probe
	 */
	public DeferredCloudProbe(String name, boolean speculative, Detection detection,
			Deferred.Factory<CloudProbe> factory) {
		this.name = name;
		this.speculative = speculative;
		this.detection = detection;
		this.target = new Deferred<>(factory);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public boolean isSpeculative() {
		return this.speculative;
	}

	@Override
	public CloudMetadata probe(Runnable detected) throws Exception {
		if (this.detection == null) {
			// only the created probe knows when its cloud answered: telling before would lift the detection
			// deadline of a speculative probe on every machine where nothing answers
			return this.target.get().probe(detected);
		}
		this.detection.detect();
		// the cloud is there: creating the probe (loading its libraries) counts as collecting, not detecting
		detected.run();
		return this.target.get().probe(detected);
	}

	/**
	 * @return the probe, created on the first call
	 * @throws Exception when it cannot be created
	 */
	public CloudProbe target() throws Exception {
		return this.target.get();
	}

	/**
	 * A cheap check that the probe's cloud is there, run without the probe's libraries.
	 */
	@FunctionalInterface
	public interface Detection {

		/**
		 * @throws Exception when the cloud is not there
		 */
		void detect() throws Exception;

	}

}
