package dev.cloudtelemetry.resource;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Fills {@code host.name} and {@code host.ip}: the primary non-loopback address, a private IPv4 address
 * when there is one. Cloud providers may later overwrite both and add {@code public_ip}.
 */
public final class HostResourceProvider implements ResourceProvider {

	/** Where Linux keeps the host's name. */
	public static final Path HOSTNAME_FILE = Path.of("/etc/hostname");

	private final UnaryOperator<String> environment;

	private final Supplier<List<InetAddress>> addresses;

	private final Path hostnameFile;

	public HostResourceProvider() {
		this(System::getenv, HostResourceProvider::interfaceAddresses, HOSTNAME_FILE);
	}

	/**
	 * @param environment the environment variables
	 * @param addresses the addresses of the network interfaces that are up
	 * @param hostnameFile the file that holds the host's name ({@link #HOSTNAME_FILE})
	 */
	public HostResourceProvider(UnaryOperator<String> environment, Supplier<List<InetAddress>> addresses,
			Path hostnameFile) {
		this.environment = environment;
		this.addresses = addresses;
		this.hostnameFile = hostnameFile;
	}

	@Override
	public String name() {
		return "host";
	}

	@Override
	public void contribute(ResourceBuilder builder) {
		builder.host().put("name", hostName(this.environment, this.hostnameFile));
		InetAddress primary = primaryAddress(this.addresses.get());
		builder.host().put("ip", (primary != null) ? primary.getHostAddress() : null);
	}

	/**
	 * The host's name without a name lookup where the system tells it otherwise: {@code HOSTNAME} or
	 * {@code COMPUTERNAME}, else the host name file, else {@link InetAddress#getLocalHost()}, which
	 * resolves the name and can take seconds where the host's own name is not in {@code /etc/hosts}. Shells
	 * do not export {@code HOSTNAME}, so an application started from one usually reaches the file.
	 * @param environment the environment variables
	 * @param hostnameFile the file that holds the host's name ({@link #HOSTNAME_FILE})
	 * @return the host name, {@code localhost} when nothing tells
	 */
	public static String hostName(UnaryOperator<String> environment, Path hostnameFile) {
		String name = environment.apply("HOSTNAME");
		if (name == null || name.isBlank()) {
			name = environment.apply("COMPUTERNAME");
		}
		if (name == null || name.isBlank()) {
			name = read(hostnameFile);
		}
		if (name == null || name.isBlank()) {
			try {
				name = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				name = "localhost";
			}
		}
		return name.trim();
	}

	private static @Nullable String read(Path path) {
		try {
			return Files.isReadable(path) ? Files.readString(path, StandardCharsets.UTF_8).trim() : null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Picks the primary address: site-local IPv4 first, then any other non-loopback IPv4, then a global
	 * IPv6 address. Never a loopback or link-local address.
	 * @param candidates the addresses of the interfaces that are up
	 * @return the primary address, or {@code null}
	 */
	static InetAddress primaryAddress(List<InetAddress> candidates) {
		InetAddress ipv4 = null;
		InetAddress ipv6 = null;
		for (InetAddress address : candidates) {
			if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
					|| address.isMulticastAddress()) {
				continue;
			}
			if (address instanceof Inet4Address) {
				if (address.isSiteLocalAddress()) {
					return address;
				}
				if (ipv4 == null) {
					ipv4 = address;
				}
			}
			else if (ipv6 == null) {
				ipv6 = address;
			}
		}
		return (ipv4 != null) ? ipv4 : ipv6;
	}

	private static List<InetAddress> interfaceAddresses() {
		List<InetAddress> result = new ArrayList<>();
		try {
			for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				if (nic.isUp() && !nic.isLoopback() && !nic.isVirtual()) {
					result.addAll(Collections.list(nic.getInetAddresses()));
				}
			}
		}
		catch (SocketException | RuntimeException ex) {
			// no address is better than a failing provider
		}
		return result;
	}

}
