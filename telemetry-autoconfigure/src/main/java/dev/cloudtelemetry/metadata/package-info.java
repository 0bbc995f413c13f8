/**
 * Cloud, host and Kubernetes metadata: the coordinating provider and what the probes share.
 */
package dev.cloudtelemetry.metadata;
