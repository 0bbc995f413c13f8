/**
 * Cloud, host and Kubernetes metadata: the coordinating provider and what the probes share.
 */
@NullMarked
package dev.cloudtelemetry.metadata;

import org.jspecify.annotations.NullMarked;
