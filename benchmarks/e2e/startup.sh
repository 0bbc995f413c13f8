#!/usr/bin/env bash
# Start-up cost only: starts each given fat jar STARTS times, alternating (v1 v2 v3, v1 v2 v3, ...), and
# records per start, when its "Started" line appears in the log: the JVM's own "process running for", the
# wall milliseconds from launching java, the process's CPU time (user + system, all threads, from
# /proc/<pid>/stat) and its main thread's (the start-up's critical path: work moved to another thread leaves
# it, not the process's total). On a shared machine the CPU times are the steadier figures. Prints the medians and each
# variant's delta against the first.
#
#   bash benchmarks/e2e/startup.sh a=benchmarks/e2e-app/target/e2e-app.jar \
#       b=benchmarks/e2e-app-telemetry/target/e2e-app-telemetry.jar
#
# A jar whose name contains "telemetry" gets the settings of run.sh's variant b: JSONL into a file, the cloud
# metadata endpoints on a closed port of 127.0.0.1 (what an off-cloud host sees), the metadata cache in the
# output directory. Append arguments to a variant with a second "=": b2=<jar>=--telemetry.enabled=false.
#
#   STARTS     starts per variant                  (default 5)
#   JAVA_OPTS  JVM flags of every variant          (default: -Xms512m -Xmx512m -XX:+UseParallelGC, as run.sh)
#   OUT        output directory                    (default: a new directory under /tmp)
#   PARALLEL   1: the variants of a round start at the same time, side by side (on a loaded machine a
#              sequential run is long and each start meets a different load; compare CPU times then)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STARTS=${STARTS:-5}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
OUT=${OUT:-$(mktemp -d /tmp/startup-XXXXXX)}
mkdir -p "$OUT"
# shellcheck source=free-port.sh
source "$ROOT/benchmarks/e2e/free-port.sh"
CLOSED_PORT=$(free_port)
CLK_TCK=$(getconf CLK_TCK)

names=()
declare -A JAR EXTRA
for spec in "$@"; do
	name=${spec%%=*}
	rest=${spec#*=}
	JAR[$name]=${rest%%=*}
	EXTRA[$name]=""
	[[ $rest == *=* ]] && EXTRA[$name]=${rest#*=}
	names+=("$name")
done

start_once() {
	local name=$1 n=$2 log jsonl port t0 pid cpu wall jvm
	log=$OUT/$name-$n.log
	jsonl=$OUT/$name-$n.jsonl
	port=$(free_port)
	# shellcheck disable=SC2206
	local cmd=(java $JAVA_OPTS -jar "${JAR[$name]}" "--server.address=127.0.0.1" "--server.port=$port")
	if [[ ${JAR[$name]} == *telemetry* ]]; then
		off_cloud_args "$CLOSED_PORT" "$OUT/metadata-cache-$name.json"
		cmd+=("--telemetry.output.path=$jsonl" "${OFF_CLOUD_ARGS[@]}")
	fi
	# shellcheck disable=SC2206
	[[ -n ${EXTRA[$name]} ]] && cmd+=(${EXTRA[$name]})
	t0=$(date +%s%N)
	"${cmd[@]}" >"$log" 2>&1 &
	pid=$!
	until grep -q 'Started PetClinicApplication' "$log"; do
		kill -0 "$pid" 2>/dev/null || { echo "$name exited, see $log" >&2; exit 1; }
		sleep 0.02
	done
	cpu=$(awk -v t="$CLK_TCK" '{ print ($14 + $15) * 1000 / t }' "/proc/$pid/stat")
	main_cpu=$(main_thread_cpu "$pid")
	wall=$((($(date +%s%N) - t0) / 1000000))
	jvm=$(sed -n 's/.*(process running for \([0-9.]*\)).*/\1/p' "$log" | awk '{ printf "%.0f", $1 * 1000 }')
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	printf '%s\t%d\t%s\t%s\t%s\t%s\t%s\n' "$name" "$n" "$jvm" "$wall" "$cpu" "$main_cpu" \
		"$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/starts.tsv"
}

# main_thread_cpu <pid>: CPU ms of the JVM's main thread, the one that runs the start-up (of the threads the
# kernel names "java", the launcher's first thread waits; the busiest is Java's main)
main_thread_cpu() {
	local task best=0 ticks
	for task in /proc/"$1"/task/*; do
		[[ $(cat "$task/comm" 2>/dev/null) == java ]] || continue
		ticks=$(sed 's/^.*) //' "$task/stat" | awk '{ print $12 + $13 }')
		((ticks > best)) && best=$ticks
	done
	echo $((best * 1000 / CLK_TCK))
}

printf 'variant\tstart\tjvm_ms\twall_ms\tcpu_ms\tmain_cpu_ms\tload1\n' | tee "$OUT/starts.tsv"
for ((n = 0; n < STARTS; n++)); do
	# round n starts with variant n mod count: every variant is first as often as the others
	for ((i = 0; i < ${#names[@]}; i++)); do
		name=${names[$(((n + i) % ${#names[@]}))]}
		if [[ ${PARALLEL:-0} == 1 ]]; then
			start_once "$name" "$n" &
		else
			start_once "$name" "$n"
		fi
	done
	wait
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
printf 'variant\tmedian jvm_ms\tmedian cpu_ms\tmedian main_cpu_ms\tdelta jvm\tdelta cpu\tdelta main cpu\n'
base_jvm="" base_cpu="" base_main=""
for name in "${names[@]}"; do
	jvm=$(awk -v v="$name" '$1 == v { print $3 }' "$OUT/starts.tsv" | median)
	cpu=$(awk -v v="$name" '$1 == v { print $5 }' "$OUT/starts.tsv" | median)
	main=$(awk -v v="$name" '$1 == v { print $6 }' "$OUT/starts.tsv" | median)
	[[ -z $base_jvm ]] && base_jvm=$jvm base_cpu=$cpu base_main=$main
	printf '%s\t%s\t%s\t%s\t%+d\t%+d\t%+d\n' "$name" "$jvm" "$cpu" "$main" "$((${jvm%.*} - ${base_jvm%.*}))" \
		"$((${cpu%.*} - ${base_cpu%.*}))" "$((${main%.*} - ${base_main%.*}))"
done | tee "$OUT/summary.tsv"
echo "output in $OUT"
