/**
 * Amazon Web Services: EC2 (IMDSv2), ECS and Fargate, Lambda, and the region from the environment.
 */
package dev.cloudtelemetry.metadata.aws;
