/**
 * Google Cloud: Compute Engine, GKE and Cloud Run through the metadata server.
 */
@NullMarked
package dev.cloudtelemetry.metadata.gcp;

import org.jspecify.annotations.NullMarked;
