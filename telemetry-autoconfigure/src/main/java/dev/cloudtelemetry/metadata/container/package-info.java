/**
 * This container's id from cgroup and mountinfo.
 */
@NullMarked
package dev.cloudtelemetry.metadata.container;

import org.jspecify.annotations.NullMarked;
