# Sourced by the e2e scripts. free_port: a local port nothing listens on, found by trying to connect; prints it,
# or returns 1 when 200 tries found none.
free_port() {
	local port
	for _ in $(seq 1 200); do
		port=$((20000 + RANDOM % 30000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	return 1
}
