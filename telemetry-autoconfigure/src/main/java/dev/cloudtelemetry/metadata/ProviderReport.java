package dev.cloudtelemetry.metadata;

import java.time.Duration;

/**
 * One line of diagnostics: what a provider or probe did.
 * @param name the provider name, for example {@code aws-ec2}
 * @param applied whether it recognised its environment and contributed
 * @param source where the data came from ({@code IMDSv2}, {@code env}, {@code cache}...), or {@code null}
 * @param duration how long the probe took
 * @param cacheHit whether the result came from the metadata cache
 * @param error what went wrong in plain words, or {@code null}
 */
public record ProviderReport(String name, boolean applied, String source, Duration duration, boolean cacheHit,
		String error) {

}
