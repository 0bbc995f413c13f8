#!/usr/bin/env bash
# Start-up cost only: starts each given fat jar STARTS times, alternating (v1 v2 v3, v1 v2 v3, ...), and
# records per start, when its "Started" line appears in the log: the JVM's own "process running for", the
# wall milliseconds from launching java, the process's CPU time (user + system, all threads, from
# /proc/<pid>/stat) and its main thread's (the start-up's critical path: work moved to another thread leaves
# it, not the process's total). On a shared machine the CPU times are the steadier figures. Prints the medians and each
# variant's delta against the first, the rounds' paired differences with a 95 % confidence interval, and the
# median CPU of each kind of thread at "Started" (main, the JIT's compilers, GC, the starter's, ended ones).
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
#   JAVA_OPTS_<variant>  that variant's JVM flags instead (e.g. its own -XX:SharedArchiveFile=)
#   JAVA_<variant>       that variant's java command (default: java on the PATH), e.g. another JDK's
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
	local opts_var="JAVA_OPTS_$name" java_var="JAVA_$name"
	local cmd=("${!java_var:-java}" ${!opts_var:-$JAVA_OPTS} -jar "${JAR[$name]}" "--server.address=127.0.0.1" "--server.port=$port")
	if [[ ${JAR[$name]} == *telemetry* ]]; then
		off_cloud_args "$CLOSED_PORT" "$OUT/metadata-cache-$name.json"
		cmd+=("--telemetry.output.path=$jsonl" "${OFF_CLOUD_ARGS[@]}")
	fi
	# shellcheck disable=SC2206
	[[ -n ${EXTRA[$name]} ]] && cmd+=(${EXTRA[$name]})
	: >"$log"
	t0=$(date +%s%N)
	"${cmd[@]}" >"$log" 2>&1 &
	pid=$!
	RUNNING+=("$pid")
	wait_started "$log" "$pid" || { echo "$name exited, see $log" >&2; exit 1; }
	cpu=$(awk -v t="$CLK_TCK" '{ print ($14 + $15) * 1000 / t }' "/proc/$pid/stat")
	main_cpu=$(main_thread_cpu "$pid")
	thread_cpu "$pid" "$cpu" >"$OUT/$name-$n.threads"
	wall=$((($(date +%s%N) - t0) / 1000000))
	jvm=$(sed -n 's/.*(process running for \([0-9.]*\)).*/\1/p' "$log" | awk '{ printf "%.0f", $1 * 1000 }')
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	printf '%s\t%d\t%s\t%s\t%s\t%s\t%s\n' "$name" "$n" "$jvm" "$wall" "$cpu" "$main_cpu" \
		"$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/starts.tsv"
}

# a start left running when this script stops (an error, ^C) is stopped with it
RUNNING=()
trap 'kill "${RUNNING[@]}" 2>/dev/null || true' EXIT
# an empty FIFO, read with a timeout: a pause that forks no process
TICK_FIFO=$OUT/.tick
[[ -p $TICK_FIFO ]] || mkfifo "$TICK_FIFO"
exec {TICK}<>"$TICK_FIFO"

# wait_started <log> <pid>: returns when the log has the "Started" line (1 when the process ended first). It
# forks nothing: the log is read on a descriptor of its own and the 20 ms pauses are reads with a timeout on the
# empty FIFO. Polling with grep and sleep, two processes every 20 ms, made an 8 s start about 3 s slower on
# 2 cores (twenty-second round).
wait_started() {
	local fd line partial=""
	exec {fd}<"$1"
	while true; do
		if IFS= read -r -u "$fd" line; then
			line=$partial$line
			partial=""
			if [[ $line == *'Started PetClinicApplication'* ]]; then
				exec {fd}<&-
				return 0
			fi
		else
			# at the end of what is written so far; a line being written is kept for the next read
			partial+=$line
			kill -0 "$2" 2>/dev/null || { exec {fd}<&-; return 1; }
			read -r -t 0.02 -u "$TICK" _ || true
		fi
	done
}

# thread_cpu <pid>: CPU ms per thread name at this moment, a trailing number folded to # ("GC Thread#0" and
# "GC Thread#1" count together; the kernel keeps 15 characters, so the compilers read "C1 CompilerThre" and
# "C2 CompilerThre"). Threads that have ended count together as "(ended threads)": <cpu ms> (the process's
# total, read just before) less the live threads' sum.
thread_cpu() {
	local task
	for task in /proc/"$1"/task/*; do
		printf '%s\t%s\n' "$(sed -E 's/[0-9]+$/#/' "$task/comm" 2>/dev/null)" \
			"$(sed 's/^.*) //' "$task/stat" 2>/dev/null | awk -v t="$CLK_TCK" '{ print ($12 + $13) * 1000 / t }')"
	done | awk -F'\t' -v total="$2" '$2 != "" { cpu[$1] += $2; sum += $2 }
		END { for (n in cpu) printf "%s\t%d\n", n, cpu[n]; d = total - sum; printf "(ended threads)\t%d\n", (d > 0) ? d : 0 }'
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
# paired by round: each variant's start against the first variant's start of the same round (the machine's
# speed drifts from round to round on a shared VM; a pair shares it); mean difference of "process running for"
# and its 95 % confidence interval (Student's t)
echo
printf 'variant\tpairs\tmean delta jvm\t95 %% CI\tmedian delta jvm\n'
for name in "${names[@]:1}"; do
	awk -F'\t' -v base="${names[0]}" -v v="$name" 'NR > 1 && $1 == base { a[$2] = $3 } NR > 1 && $1 == v { b[$2] = $3 }
		END {
			split("12.71 4.30 3.18 2.78 2.57 2.45 2.36 2.31 2.26 2.23 2.20 2.18 2.16 2.14 2.13 2.12 2.11 2.10 2.09 2.09", t, " ")
			for (k in b) if (k in a) { d[++n] = b[k] - a[k]; s += d[n] }
			if (n < 2) { printf "%s\t%d\t-\t-\t-\n", v, n; exit }
			m = s / n; for (i = 1; i <= n; i++) q += (d[i] - m) ^ 2
			se = sqrt(q / (n - 1) / n); tv = (n - 1 <= 20) ? t[n - 1] : 2.0
			for (i = 2; i <= n; i++) for (j = i; j > 1 && d[j - 1] > d[j]; j--) { x = d[j]; d[j] = d[j - 1]; d[j - 1] = x }
			med = (n % 2) ? d[(n + 1) / 2] : (d[n / 2] + d[n / 2 + 1]) / 2
			printf "%s\t%d\t%+.0f\t%+.0f to %+.0f\t%+.0f\n", v, n, m, m - tv * se, m + tv * se, med
		}' "$OUT/starts.tsv"
done | tee "$OUT/paired.tsv"
# per thread name: the median CPU ms at "Started" of each variant (a name a start lacks counts 0 there)
echo
printf 'thread\t%s\n' "$(IFS=$'\t'; echo "${names[*]}")"
for name in "${names[@]}"; do cat "$OUT/$name"-*.threads; done | cut -f1 | sort -u | while IFS= read -r t; do
	row=$t
	for name in "${names[@]}"; do
		m=$(for f in "$OUT/$name"-*.threads; do awk -F'\t' -v t="$t" '$1 == t { c = $2 } END { print c + 0 }' "$f"; done | median)
		row+=$'\t'$m
	done
	echo "$row"
done | sort -t$'\t' -k2,2nr | tee "$OUT/threads.tsv"
echo "output in $OUT"
