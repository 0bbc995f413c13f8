/**
 * Kubernetes: the pod's k8s block from files, the environment and the Kubernetes API.
 */
@NullMarked
package dev.cloudtelemetry.metadata.kubernetes;

import org.jspecify.annotations.NullMarked;
