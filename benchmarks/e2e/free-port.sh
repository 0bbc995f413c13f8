# Sourced by the e2e scripts.
#
# off_cloud_args <closed port> <metadata cache file>: sets the array OFF_CLOUD_ARGS to the starter's arguments
# that point its cloud metadata endpoints at a closed local port (what an off-cloud host sees: connection
# refused, so no probe leaves the host) and keep its metadata cache in the given file.
off_cloud_args() {
	OFF_CLOUD_ARGS=("--telemetry.metadata.aws.imds-endpoint=http://127.0.0.1:$1"
		"--telemetry.metadata.gcp.endpoint=http://127.0.0.1:$1"
		"--telemetry.metadata.azure.endpoint=http://127.0.0.1:$1"
		"--telemetry.metadata.cache.path=$2")
}

# free_port: a local port nothing listens on, found by trying to connect; prints it,
# or returns 1 when 200 tries found none. The port is taken below the kernel's ephemeral range
# (net.ipv4.ip_local_port_range, 32768-60999 by default) when there is room: a port from that range can be
# taken by any outgoing connection between the choice and the application's bind ("Port ... was already in
# use", seen once in CI).
free_port() {
	local port low=32768 base=20000 span=30000
	read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
	if ((low > 11024)); then
		base=10000
		span=$((low - base))
	fi
	for _ in $(seq 1 200); do
		port=$((base + RANDOM % span))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	return 1
}
