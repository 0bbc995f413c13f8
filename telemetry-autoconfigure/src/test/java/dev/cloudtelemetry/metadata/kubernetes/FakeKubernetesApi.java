package dev.cloudtelemetry.metadata.kubernetes;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.cloudtelemetry.metadata.FakeMetadataServer;
import dev.cloudtelemetry.metadata.TestResources;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The Kubernetes API over TLS on 127.0.0.1, with a CA made for the test: 401 without the bearer token, 403
 * with a real {@code Status} for the resources RBAC denies, and the JSON the API server returns for the
 * rest. Writes a service-account directory ({@code namespace}, {@code token}, {@code ca.crt}).
 */
public final class FakeKubernetesApi implements AutoCloseable {

	public static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6InRlc3QifQ.secret-service-account-token.sig";

	private final HttpsServer server;

	private final String caPem;

	private final Set<String> denied = new HashSet<>();

	private final Map<String, String> documents = new HashMap<>();

	private volatile boolean sendGarbage;

	private final Set<String> oversized = new HashSet<>();

	private final Set<String> accessed = java.util.concurrent.ConcurrentHashMap.newKeySet();

	private final Set<String> hanging = new HashSet<>();

	private final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

	public FakeKubernetesApi() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256);
		KeyPair caKeys = generator.generateKeyPair();
		KeyPair serverKeys = generator.generateKeyPair();
		X500Name caName = new X500Name("CN=kubernetes-test-ca");
		Date from = new Date(System.currentTimeMillis() - 60_000);
		Date to = new Date(System.currentTimeMillis() + 3_600_000);
		X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName,
				caKeys.getPublic());
		ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
		ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		X509Certificate caCertificate = sign(ca, caKeys);
		X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to,
				new X500Name("CN=kube-apiserver"), serverKeys.getPublic());
		leaf.addExtension(Extension.subjectAlternativeName, false,
				new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
						new GeneralName(GeneralName.dNSName, "localhost") }));
		X509Certificate serverCertificate = sign(leaf, caKeys);
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		keyStore.setKeyEntry("server", serverKeys.getPrivate(), new char[0],
				new Certificate[] { serverCertificate, caCertificate });
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keyStore, new char[0]);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), null, null);
		this.caPem = pem(caCertificate);
		this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(context));
		this.server.setExecutor(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "fake-kubernetes");
			thread.setDaemon(true);
			return thread;
		}));
		this.documents.put("/api/v1/namespaces/payments/pods/payment-api-7b8c9d-xyz123",
				TestResources.read("k8s-pod.json"));
		this.documents.put("/apis/apps/v1/namespaces/payments/replicasets/payment-api-7b8c9d",
				TestResources.read("k8s-replicaset.json"));
		this.documents.put("/api/v1/namespaces/payments/serviceaccounts/payment-api-sa",
				TestResources.read("k8s-serviceaccount.json"));
		this.documents.put("/api/v1/namespaces/payments", TestResources.read("k8s-namespace.json"));
		this.documents.put("/api/v1/namespaces/payments/pods/report-29123456-x7k2p",
				TestResources.read("k8s-job-pod.json"));
		this.documents.put("/apis/batch/v1/namespaces/payments/jobs/report-29123456", TestResources.read("k8s-job.json"));
		this.documents.put("/api/v1/nodes/ip-10-0-45-123.ec2.internal", TestResources.read("k8s-node.json"));
		this.documents.put("/api/v1/namespaces/payments/services", TestResources.read("k8s-services.json"));
		this.server.createContext("/", (exchange) -> {
			try {
				handle(exchange);
			}
			finally {
				exchange.close();
			}
		});
		this.server.start();
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
	}

	private static String pem(X509Certificate certificate) throws Exception {
		return "-----BEGIN CERTIFICATE-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(certificate.getEncoded())
				+ "\n-----END CERTIFICATE-----\n";
	}

	/** Answers this document at this path, in place of the default one. */
	public FakeKubernetesApi answer(String path, String document) {
		this.documents.put(path, document);
		return this;
	}

	/** @return the document answered at this path */
	public String document(String path) {
		return this.documents.get(path);
	}

	/** Denies a resource ({@code nodes}, {@code namespaces}, ...) as RBAC would. */
	FakeKubernetesApi deny(String resource) {
		this.denied.add(resource);
		return this;
	}

	/** Answers more than a megabyte for a resource. */
	FakeKubernetesApi oversized(String resource) {
		this.oversized.add(resource);
		return this;
	}

	/** Never answers for a resource. */
	FakeKubernetesApi hang(String resource) {
		this.hanging.add(resource);
		return this;
	}

	FakeKubernetesApi garbage() {
		this.sendGarbage = true;
		return this;
	}

	/** @return what was read, as {@code group/resource:verb} */
	Set<String> accessed() {
		return Set.copyOf(this.accessed);
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** Writes a service-account directory trusting this server's CA. */
	public Path serviceAccount(Path directory, String token) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("namespace"), "payments");
		Files.writeString(directory.resolve("token"), token);
		Files.writeString(directory.resolve("ca.crt"), this.caPem);
		return directory;
	}

	private void handle(HttpExchange exchange) throws IOException {
		if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			FakeMetadataServer.respond(exchange, 401, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
					+ "\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}", json());
			return;
		}
		if (this.sendGarbage) {
			FakeMetadataServer.respond(exchange, 200, "{\"kind\":\"Pod\",\"metadata\":[[[", json());
			return;
		}
		String path = exchange.getRequestURI().getPath();
		String resource = resource(path);
		String apiGroup = path.startsWith("/apis/") ? path.split("/")[2] : "";
		this.accessed.add(apiGroup + "/" + resource + ":" + (path.endsWith("/" + resource) ? "list" : "get"));
		if (this.denied.contains(resource)) {
			String name = path.substring(path.lastIndexOf('/') + 1);
			String group = path.startsWith("/apis/") ? path.split("/")[2] : "";
			String verb = path.endsWith("/" + resource) ? "list" : "get";
			String message = resource + (verb.equals("get") ? " \"" + name + "\"" : "") + " is forbidden: User "
					+ "\"system:serviceaccount:payments:payment-api-sa\" cannot " + verb + " resource \"" + resource
					+ "\" in API group \"" + group + "\""
					+ (resource.equals("nodes") || resource.equals("namespaces") ? " at the cluster scope"
							: " in the namespace \"payments\"");
			FakeMetadataServer.respond(exchange, 403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
					+ "\"status\":\"Failure\",\"message\":\"" + message.replace("\"", "\\\"")
					+ "\",\"reason\":\"Forbidden\",\"details\":{\"name\":\"" + name + "\",\"kind\":\"" + resource
					+ "\"},\"code\":403}", json());
			return;
		}
		if (this.hanging.contains(resource)) {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return;
		}
		if (this.oversized.contains(resource)) {
			FakeMetadataServer.respond(exchange, 200,
					"{\"kind\":\"ServiceList\",\"items\":[],\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}",
					json());
			return;
		}
		String document = this.documents.get(path);
		if (document == null) {
			FakeMetadataServer.respond(exchange, 404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
					+ "\"status\":\"Failure\",\"message\":\"not found\",\"reason\":\"NotFound\",\"code\":404}", json());
			return;
		}
		FakeMetadataServer.respond(exchange, 200, document, json());
	}

	private static String resource(String path) {
		for (String resource : new String[] { "pods", "replicasets", "serviceaccounts", "services", "nodes", "jobs" }) {
			if (path.contains("/" + resource + "/") || path.endsWith("/" + resource)) {
				return resource;
			}
		}
		return "namespaces";
	}

	private static Map<String, String> json() {
		return Map.of("Content-Type", "application/json");
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.stop(0);
	}

}
