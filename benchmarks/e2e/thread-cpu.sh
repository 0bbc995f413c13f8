#!/usr/bin/env bash
# Where a variant's CPU goes per request: starts one fat jar of the e2e application, loads it with
# `wrk -t1 -c8` (a warm-up, then a measured window), and prints the requests per second and the CPU time
# per request of each thread group (from /proc/<pid>/task/*/stat at the start and the end of the window):
# the request threads, the telemetry writer, GC, the JIT compilers. Variants that differ only in JVM flags
# (JAVA_EXTRA) or arguments run one after the other, alternating, with the same settings:
#
#   bash benchmarks/e2e/thread-cpu.sh <jar> [app arguments...]
#   JAVA_EXTRA=-Dsome.flag=1 bash benchmarks/e2e/thread-cpu.sh <jar>
#
# A jar whose name contains "telemetry" gets run.sh's settings of variant b: JSONL into a file under OUT,
# the cloud metadata endpoints on a closed port of 127.0.0.1.
#
#   WARMUP     seconds of load before measuring   (default: 40)
#   DURATION   seconds measured                   (default: 20)
#   OUT        output directory                   (default: a new directory under /tmp)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$1
shift
WARMUP=${WARMUP:-40}
DURATION=${DURATION:-20}
OUT=${OUT:-$(mktemp -d /tmp/thread-cpu-XXXXXX)}
mkdir -p "$OUT"
# shellcheck source=free-port.sh
source "$ROOT/benchmarks/e2e/free-port.sh"
PORT=$(free_port)
CLOSED_PORT=$(free_port)
CLK_TCK=$(getconf CLK_TCK)

args=()
if [[ $JAR == *telemetry* ]]; then
	off_cloud_args "$CLOSED_PORT" "$OUT/metadata-cache.json"
	args=("--telemetry.output.path=$OUT/telemetry.jsonl" "${OFF_CLOUD_ARGS[@]}")
fi
# shellcheck disable=SC2086
java -Xms512m -Xmx512m -XX:+UseParallelGC ${JAVA_EXTRA:-} -jar "$JAR" --server.address=127.0.0.1 \
	--server.port="$PORT" "${args[@]}" "$@" > "$OUT/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
URL="http://127.0.0.1:$PORT/owners?lastName="
until curl -s -o /dev/null "$URL"; do
	kill -0 $pid 2>/dev/null || { echo "the application did not start: $OUT/app.log" >&2; exit 1; }
	sleep 0.3
done
wrk -t1 -c8 -d"${WARMUP}s" "$URL" > /dev/null

# ticks of CPU per thread group: the thread's name with its digits replaced
snapshot() {
	for task in /proc/$pid/task/*; do
		stat=$(cat "$task/stat" 2>/dev/null) || continue
		name=${stat#*(}
		name=${name%)*}
		fields=(${stat##*) })
		echo "${name//[0-9]/#} $((fields[11] + fields[12]))"
	done | awk '{ v = $NF; $NF = ""; sum[$0] += v } END { for (k in sum) print k "\t" sum[k] }'
}

wrk -t1 -c8 -d"$((DURATION + 2))s" "$URL" > "$OUT/wrk.txt" &
wrk_pid=$!
sleep 1
before=$(snapshot)
started=$(date +%s%N)
sleep "$DURATION"
after=$(snapshot)
elapsed_ns=$(($(date +%s%N) - started))
wait $wrk_pid
rps=$(awk '/Requests\/sec/ { print $2 }' "$OUT/wrk.txt")

echo "$(basename "$JAR") ${JAVA_EXTRA:-} $*: $rps requests/s; CPU per request (µs) by thread:"
join -t $'\t' -a 2 -e 0 -o 0,1.2,2.2 <(echo "$before" | sort) <(echo "$after" | sort) \
	| awk -F '\t' -v rps="$rps" -v ns="$elapsed_ns" -v tck="$CLK_TCK" '
		{ us = ($3 - $2) * 1e6 / tck / (rps * ns / 1e9); total += us; if (us > 0) printf "  %-22s %9.1f\n", $1, us }
		END { printf "  %-22s %9.1f\n", "all threads", total }'
