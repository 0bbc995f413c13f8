package dev.cloudtelemetry.autoconfigure.metadata;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Cloud, host and Kubernetes metadata detection.
 */
@ConfigurationProperties("telemetry.metadata")
public class MetadataProperties {

	/**
	 * Whether to probe cloud metadata services and the Kubernetes API. When off, no network probe is made
	 * and the cloud block is {"provider":"local","metadata_source":"none"}.
	 */
	private boolean enabled = true;

	/**
	 * Connect timeout of every metadata request.
	 */
	private Duration connectTimeout = Duration.ofMillis(200);

	/**
	 * Read timeout of every metadata request.
	 */
	private Duration readTimeout = Duration.ofMillis(200);

	/**
	 * How long to wait for any metadata service (EC2, GCP, Azure, probed at once) to show it exists. Off
	 * cloud, the local result is ready after at most this long.
	 */
	private Duration timeout = Duration.ofMillis(300);

	/**
	 * How much longer a metadata service that answered may take to deliver the rest of its metadata.
	 */
	private Duration collectTimeout = Duration.ofSeconds(2);

	/**
	 * Largest metadata response accepted; anything bigger is discarded.
	 */
	private DataSize maxResponseSize = DataSize.ofKilobytes(64);

	private final Cache cache = new Cache();

	private final Aws aws = new Aws();

	private final Gcp gcp = new Gcp();

	private final Azure azure = new Azure();

	private final Kubernetes kubernetes = new Kubernetes();

	private final Container container = new Container();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getCollectTimeout() {
		return this.collectTimeout;
	}

	public void setCollectTimeout(Duration collectTimeout) {
		this.collectTimeout = collectTimeout;
	}

	public DataSize getMaxResponseSize() {
		return this.maxResponseSize;
	}

	public void setMaxResponseSize(DataSize maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Aws getAws() {
		return this.aws;
	}

	public Gcp getGcp() {
		return this.gcp;
	}

	public Azure getAzure() {
		return this.azure;
	}

	public Kubernetes getKubernetes() {
		return this.kubernetes;
	}

	public Container getContainer() {
		return this.container;
	}

	public static class Cache {

		/**
		 * Whether to keep resolved metadata in a file so that a restart on the same host and boot needs no
		 * probe.
		 */
		private boolean enabled = true;

		/**
		 * Cache file. Defaults to ".telemetry_metadata.json" in the user's home directory.
		 */
		private Path path;

		/**
		 * How long a cached entry is trusted.
		 */
		private Duration ttl = Duration.ofHours(24);

		/**
		 * File identifying the current boot; a cache entry from another boot is ignored.
		 */
		private Path bootIdPath = Path.of("/proc/sys/kernel/random/boot_id");

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Path getPath() {
			return this.path;
		}

		public void setPath(Path path) {
			this.path = path;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public Path getBootIdPath() {
			return this.bootIdPath;
		}

		public void setBootIdPath(Path bootIdPath) {
			this.bootIdPath = bootIdPath;
		}

	}

	public static class Aws {

		/**
		 * Whether to detect AWS (EC2 through IMDSv2, ECS, EKS, Lambda).
		 */
		private boolean enabled = true;

		/**
		 * IMDS address. Defaults to AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://169.254.169.254.
		 */
		private String imdsEndpoint;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getImdsEndpoint() {
			return this.imdsEndpoint;
		}

		public void setImdsEndpoint(String imdsEndpoint) {
			this.imdsEndpoint = imdsEndpoint;
		}

	}

	public static class Gcp {

		/**
		 * Whether to detect Google Cloud (Compute Engine, GKE, Cloud Run) through its metadata server.
		 */
		private boolean enabled = true;

		/**
		 * Metadata server address.
		 */
		private String endpoint = "http://metadata.google.internal";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(String endpoint) {
			this.endpoint = endpoint;
		}

	}

	public static class Azure {

		/**
		 * Whether to detect Azure virtual machines through the Azure Instance Metadata Service.
		 */
		private boolean enabled = true;

		/**
		 * Azure IMDS address.
		 */
		private String endpoint = "http://169.254.169.254";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(String endpoint) {
			this.endpoint = endpoint;
		}

	}

	public static class Kubernetes {

		/**
		 * Whether to fill the k8s block when running in a Kubernetes pod, and to read the pod's details from
		 * the Kubernetes API.
		 */
		private boolean enabled = true;

		/**
		 * Whether to read the pod, its owners, node, namespace and services from the Kubernetes API (needs
		 * client-java and the RBAC rules in docs/kubernetes-rbac.yaml).
		 */
		private boolean apiEnabled = true;

		/**
		 * Cluster name. Defaults to K8S_CLUSTER_NAME, else what the cloud tells.
		 */
		private String clusterName;

		/**
		 * Directory holding the pod's service-account namespace, token and ca.crt.
		 */
		private Path serviceAccountPath = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

		/**
		 * Bound on each Kubernetes API call.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		private final Annotations annotations = new Annotations();

		public Annotations getAnnotations() {
			return this.annotations;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isApiEnabled() {
			return this.apiEnabled;
		}

		public void setApiEnabled(boolean apiEnabled) {
			this.apiEnabled = apiEnabled;
		}

		public String getClusterName() {
			return this.clusterName;
		}

		public void setClusterName(String clusterName) {
			this.clusterName = clusterName;
		}

		public Path getServiceAccountPath() {
			return this.serviceAccountPath;
		}

		public void setServiceAccountPath(Path serviceAccountPath) {
			this.serviceAccountPath = serviceAccountPath;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	public static class Container {

		/**
		 * cgroup file read for the container id under cgroup v1.
		 */
		private Path cgroupPath = Path.of("/proc/self/cgroup");

		/**
		 * mountinfo file read for the container id under cgroup v2.
		 */
		private Path mountinfoPath = Path.of("/proc/self/mountinfo");

		public Path getCgroupPath() {
			return this.cgroupPath;
		}

		public void setCgroupPath(Path cgroupPath) {
			this.cgroupPath = cgroupPath;
		}

		public Path getMountinfoPath() {
			return this.mountinfoPath;
		}

		public void setMountinfoPath(Path mountinfoPath) {
			this.mountinfoPath = mountinfoPath;
		}

	}

	/**
	 * Which pod annotations are written into the k8s block.
	 */
	public static class Annotations {

		/**
		 * Pod annotation keys to write ('*' matches any characters). Empty writes every annotation except
		 * kubectl.kubernetes.io/last-applied-configuration and those whose name looks secret.
		 */
		private List<String> include = new ArrayList<>();

		/**
		 * Longest annotation value written, in characters; longer values are cut with a marker.
		 */
		private int maxValueLength = 256;

		public List<String> getInclude() {
			return this.include;
		}

		public void setInclude(List<String> include) {
			this.include = include;
		}

		public int getMaxValueLength() {
			return this.maxValueLength;
		}

		public void setMaxValueLength(int maxValueLength) {
			this.maxValueLength = maxValueLength;
		}

	}

}
