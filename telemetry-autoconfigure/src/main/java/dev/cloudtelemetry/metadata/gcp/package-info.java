/**
 * Google Cloud: Compute Engine, GKE and Cloud Run through the metadata server.
 */
package dev.cloudtelemetry.metadata.gcp;
