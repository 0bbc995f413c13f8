/**
 * Kubernetes: the pod's k8s block from files, the environment and the Kubernetes API.
 */
package dev.cloudtelemetry.metadata.kubernetes;
