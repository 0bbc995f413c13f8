/**
 * Amazon Web Services: EC2 (IMDSv2), ECS and Fargate, Lambda, and the region from the environment.
 */
@NullMarked
package dev.cloudtelemetry.metadata.aws;

import org.jspecify.annotations.NullMarked;
