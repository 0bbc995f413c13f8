/**
 * Azure virtual machines through the Instance Metadata Service.
 */
@NullMarked
package dev.cloudtelemetry.metadata.azure;

import org.jspecify.annotations.NullMarked;
