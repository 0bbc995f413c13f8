package dev.cloudtelemetry.metadata;

import java.util.List;

/**
 * What tells that an application runs in one cloud's managed Kubernetes. Each cloud declares its own next to
 * its probe ({@code AwsKubernetes.EKS} beside the EC2 probe, {@code GcpMetadataProbe.GKE}, {@code AzureMetadataProbe.AKS}).
 *
 * @param provider the cloud's {@code cloud.provider}, such as {@code aws}
 * @param platform the managed Kubernetes' {@code cloud.platform}, such as {@code eks}
 * @param vmPlatform the platform the cloud's VM probe reports for a node, such as {@code ec2}: replaced by
 * {@code platform} when the application runs in Kubernetes
 * @param providerIdPrefix how the cloud's nodes' {@code spec.providerID} starts, such as {@code aws://}
 * @param nodeLabelPrefix how the cloud's own node labels start, such as {@code eks.amazonaws.com/}
 * @param clusterNameLabels the node labels that may name the cluster, in order of preference
 */
public record ManagedKubernetes(String provider, String platform, String vmPlatform, String providerIdPrefix,
		String nodeLabelPrefix, List<String> clusterNameLabels) {

}
