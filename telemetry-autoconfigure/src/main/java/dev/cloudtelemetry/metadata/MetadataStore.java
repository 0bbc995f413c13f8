package dev.cloudtelemetry.metadata;

/**
 * Keeps the last {@link MetadataSnapshot} between runs so that a restart needs no probe at all.
 */
public interface MetadataStore {

	/**
	 * @return the stored snapshot when it is still valid for this host and boot, else {@code null}; never
	 * throws
	 */
	MetadataSnapshot load();

	/**
	 * Stores the snapshot; failures are swallowed.
	 * @param snapshot what to keep
	 */
	void save(MetadataSnapshot snapshot);

}
