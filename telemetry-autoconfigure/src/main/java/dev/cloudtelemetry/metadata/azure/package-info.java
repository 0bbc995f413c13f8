/**
 * Azure virtual machines through the Instance Metadata Service.
 */
package dev.cloudtelemetry.metadata.azure;
