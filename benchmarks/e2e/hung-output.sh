#!/usr/bin/env bash
# The end-to-end application (with the starter, default settings) serving its owner-search page under wrk while
# its telemetry file hangs: the file is a named pipe that nobody reads at first (the writer thread blocks in the
# kernel, as on a network file system that stopped answering), then a reader (cat) comes.
#
#   benchmarks/e2e/hung-output.sh [jar]      (default: benchmarks/e2e-app-telemetry/target/e2e-app-telemetry.jar)
#
# Prints, for each phase, wrk's requests per second and latency, and the writer's state from /actuator/telemetry
# when the application exposes it. Needs wrk, mkfifo, curl. DURATION (10) seconds per phase, PORT (18181).
set -euo pipefail
JAR=${1:-benchmarks/e2e-app-telemetry/target/e2e-app-telemetry.jar}
DURATION=${DURATION:-10}
PORT=${PORT:-18181}
URL="http://127.0.0.1:$PORT/owners?lastName="
WORK=$(mktemp -d)
PIPE="$WORK/telemetry.jsonl"
mkfifo "$PIPE"
cleanup() {
	[[ -n ${APP:-} ]] && kill "$APP" 2>/dev/null || true
	[[ -n ${READER:-} ]] && kill "$READER" 2>/dev/null || true
	# a writer still blocked opening the pipe: let its open return so that the JVM can go
	timeout 5 cat "$PIPE" >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT
java -Xms512m -Xmx512m -XX:+UseParallelGC -jar "$JAR" --telemetry.output.path="$PIPE" \
	--telemetry.metadata.enabled=false --server.address=127.0.0.1 --server.port="$PORT" \
	--management.endpoints.web.exposure.include=telemetry >"$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 120); do
	curl -fs -o /dev/null "$URL" && break
	sleep 1
done
phase() {
	echo "== $1"
	wrk -t1 -c8 -d"${DURATION}s" --latency --timeout 5s "$URL" | grep -E "Requests/sec|Latency |99%|requests in|timeout|Non-2xx" || true
	curl -s --max-time 5 "http://127.0.0.1:$PORT/actuator/telemetry" \
		| grep -o '"writer":{[^]]*' | grep -oE '"(running|stalled|emitted|written|dropped)":[a-z0-9]+' | tr '\n' ' ' || true
	echo
}
phase "the telemetry file is a pipe nobody reads (the output hangs)"
cat "$PIPE" >"$WORK/received.jsonl" &
READER=$!
sleep 2
phase "a reader came (the output answers again)"
echo "lines received: $(wc -l <"$WORK/received.jsonl")"
grep -E "telemetry output has not returned|takes events again" "$WORK/app.log" | cut -c1-200 || true
