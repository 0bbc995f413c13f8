package dev.cloudtelemetry.metadata.aws;

import java.util.List;

import dev.cloudtelemetry.metadata.ManagedKubernetes;

/**
 * What identifies Amazon EKS, kept apart from {@link Ec2MetadataProbe}: that probe uses the AWS SDK, which
 * only the AWS bundle's class loader can load, so the application's class loader must never load the probe's
 * class (reading a constant of it would).
 */
public final class AwsKubernetes {

	/** Amazon EKS: EC2 nodes ({@code aws://} provider ids), eksctl's and EKS's node labels. */
	public static final ManagedKubernetes EKS = new ManagedKubernetes("aws", "eks", "ec2", "aws://",
			"eks.amazonaws.com/", List.of("alpha.eksctl.io/cluster-name", "eks.amazonaws.com/cluster-name"));

	private AwsKubernetes() {
	}

}
