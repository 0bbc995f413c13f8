/**
 * This container's id from cgroup and mountinfo.
 */
package dev.cloudtelemetry.metadata.container;
