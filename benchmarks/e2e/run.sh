#!/usr/bin/env bash
# End-to-end cost of the telemetry starter in a server-rendered application (issue #8, "End to end").
#
# Runs the PetClinic-like application of benchmarks/e2e-app as three variants, same JVM flags:
#   a  e2e-app.jar            without the starter
#   b  e2e-app-telemetry.jar  with the starter at default settings, JSONL into a file
#   c  e2e-app-telemetry.jar  with the starter on the class path and telemetry.enabled=false
#   o  e2e-app-telemetry.jar  as b, with the starter's jar of another build (STARTER_O) in its place: a
#                             regression of the starter shows as o/a against b/a in one run
# and reports, as ratios to (a): start-up time, requests per second, p50 and p99 latency under
# `wrk -t1 -c8 --latency` on the owner-search page (rounds alternating between the variants), the CPU
# time each application process spent per request, and the fat jar sizes and jar counts. It then checks
# that the JSONL written by (b) is not empty and that a sample of its lines is schema-valid.
#
# Build the jars first (the script builds nothing unless BUILD=1):
#   ./mvnw -q -DskipTests package -pl benchmarks,benchmarks/e2e-app,benchmarks/e2e-app-telemetry -am
# Run (about 8 minutes with the defaults on an idle 2-core machine):
#   benchmarks/e2e/run.sh
# Settings, all optional environment variables:
#   JAVA_OPTS     JVM flags of every variant     (default: -Xms512m -Xmx512m -XX:+UseParallelGC)
#   STARTS        starts per variant              (default: 3)
#   WARMUP        seconds of load per variant before measuring (default: 30)
#   ROUNDS        measured rounds per variant     (default: 4)
#   INSTANCES     JVMs started per variant for the load, one after the other, each warmed up and measured
#                 for ROUNDS rounds (default: 1). Two JVMs of the same jar differ by several per cent after
#                 the same warm-up (what the JIT compiled, and when): more instances average that out.
#   WARMUP_MAX    after WARMUP, the load stays on in 10 s chunks until the JIT compiler threads used at most
#                 JIT_QUIET per cent (default: 2) of the process's CPU in a chunk, up to this many seconds of
#                 warm-up in all (default: 300); WARMUP_MAX=0 keeps the fixed warm-up
#   DURATION      seconds per round               (default: 20; with many short rounds, e.g. ROUNDS=12
#                 DURATION=5, the paired ratios of the report follow a drifting machine more closely)
#   CONNECTIONS   wrk connections                 (default: 8; one wrk thread)
#   URL_PATH      page under load                 (default: /owners?lastName=)
#   OUT           directory for logs, wrk output, JSONL and report.md (default: a new /tmp/e2e-run.*)
#   BUILD=1       build the jars with the Maven wrapper first
#   VARIANTS      the variants to run, a first    (default: "a b c"; "a b" halves a long run: c/a has been
#                 0.97-1.07 in every run so far; "a b o" compares this build's starter with STARTER_O's)
#   STARTER_O     for variant o: a telemetry-autoconfigure jar of another build, e.g. of an earlier commit
#                 (git worktree add --detach /tmp/old <commit>; in it ./mvnw -q -pl telemetry-autoconfigure
#                 package -DskipTests; then STARTER_O=/tmp/old/telemetry-autoconfigure/target/telemetry-autoconfigure-*-SNAPSHOT.jar
#                 with a glob that names one jar). Needs LAYOUT=extracted: the other jar takes the place of this
#                 build's in the extracted lib/ directory, the application and every other library unchanged
#   REPORT_ONLY=1 run nothing, write the report again from the files of an earlier run in OUT
#   LAYOUT        fat (default): java -jar on the fat jars; extracted: each fat jar unpacked first with Spring
#                 Boot's `java -Djarmode=tools -jar <jar> extract` and run as `java -jar <dir>/<name>.jar`
#                 (its libraries are plain jars on the class path: the layout Boot recommends for production
#                 and the one its buildpacks build images with, without the nested-jar URL handler)
# Everything listens on and talks to 127.0.0.1 only: the starter's cloud metadata endpoints are pointed
# at a closed local port (what an off-cloud host sees: connection refused), so no probe leaves the host.
set -euo pipefail

ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
JAR_A=$ROOT/benchmarks/e2e-app/target/e2e-app.jar
JAR_T=$ROOT/benchmarks/e2e-app-telemetry/target/e2e-app-telemetry.jar
CHECK_JAR=$ROOT/benchmarks/target/benchmarks.jar
SCHEMA=$ROOT/docs/telemetry-v2.schema.json

JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
STARTS=${STARTS:-3}
WARMUP=${WARMUP:-30}
ROUNDS=${ROUNDS:-4}
INSTANCES=${INSTANCES:-1}
DURATION=${DURATION:-20}
WARMUP_MAX=${WARMUP_MAX:-300}
JIT_QUIET=${JIT_QUIET:-2}
CONNECTIONS=${CONNECTIONS:-8}
URL_PATH=${URL_PATH:-/owners?lastName=}
OUT=${OUT:-$(mktemp -d /tmp/e2e-run.XXXXXX)}
# shellcheck disable=SC2206
VARIANTS=(${VARIANTS:-a b c})
[[ ${VARIANTS[0]} == a ]] || { echo "VARIANTS must start with a" >&2; exit 1; }
mkdir -p "$OUT"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

ensure_wrk() {
	command -v wrk >/dev/null && return
	if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
		log "installing wrk (Debian package)"
		apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	fi
	command -v wrk >/dev/null || die "wrk is missing: install the Debian package (sudo apt-get install wrk) and run again"
}

if [[ ${BUILD:-0} == 1 ]]; then
	(cd "$ROOT" && ./mvnw -q -DskipTests package -pl benchmarks,benchmarks/e2e-app,benchmarks/e2e-app-telemetry -am)
fi
for jar in "$JAR_A" "$JAR_T" "$CHECK_JAR"; do
	[[ -f $jar ]] || die "$jar is missing; build it: ./mvnw -q -DskipTests package -pl benchmarks,benchmarks/e2e-app,benchmarks/e2e-app-telemetry -am"
done
LAYOUT=${LAYOUT:-fat}
# The jar each variant runs: the fat jar itself, or the launcher jar of its extracted layout.
RUN_A=$JAR_A RUN_T=$JAR_T
case $LAYOUT in
	fat) ;;
	extracted)
		extract() {
			local dir=$OUT/extracted/$(basename "$1" .jar)
			[[ -f $dir/$(basename "$1") ]] || java -Djarmode=tools -jar "$1" extract --destination "$dir" >&2 \
				|| die "could not extract $1"
			printf '%s\n' "$dir/$(basename "$1")"
		}
		RUN_A=$(extract "$JAR_A")
		RUN_T=$(extract "$JAR_T")
		[[ -f $RUN_A && -f $RUN_T ]] || die "extracting the jars failed"
		if [[ " ${VARIANTS[*]} " == *" o "* ]]; then
			[[ -f ${STARTER_O:-} ]] || die "variant o needs STARTER_O, a telemetry-autoconfigure jar (not ${STARTER_O:-set})"
			other=$OUT/extracted/other-starter
			[[ -d $other ]] || cp -r "$(dirname "$RUN_T")" "$other"
			mine=$(find "$other/lib" -maxdepth 1 -name 'telemetry-autoconfigure-*.jar')
			[[ $(wc -w <<<"$mine") == 1 ]] || die "no single telemetry-autoconfigure jar in $other/lib"
			cmp -s "$STARTER_O" "$mine" || cp "$STARTER_O" "$mine"
			RUN_O=$other/$(basename "$RUN_T")
		fi
		;;
	*) die "LAYOUT must be fat or extracted, not $LAYOUT" ;;
esac
[[ " ${VARIANTS[*]} " != *" o "* || $LAYOUT == extracted ]] || die "variant o needs LAYOUT=extracted"
ensure_wrk
command -v curl >/dev/null || die "curl is missing"

# shellcheck source=free-port.sh
source "$ROOT/benchmarks/e2e/free-port.sh"

CLOSED_PORT=$(free_port) || die "no free port found"
off_cloud_args "$CLOSED_PORT" "$OUT/metadata-cache.json"

# The command line of a variant: java, its flags, the jar and the application arguments.
variant_command() {
	local variant=$1 port=$2 jsonl=$3
	# shellcheck disable=SC2206
	local cmd=(java $JAVA_OPTS -jar)
	case $variant in
		a) cmd+=("$RUN_A") ;;
		b) cmd+=("$RUN_T" "--telemetry.output.path=$jsonl" "${OFF_CLOUD_ARGS[@]}") ;;
		c) cmd+=("$RUN_T" "--telemetry.enabled=false" "--telemetry.output.path=$jsonl" "${OFF_CLOUD_ARGS[@]}") ;;
		o) cmd+=("$RUN_O" "--telemetry.output.path=$jsonl" "${OFF_CLOUD_ARGS[@]}") ;;
	esac
	cmd+=("--server.address=127.0.0.1" "--server.port=$port")
	printf '%s\n' "${cmd[@]}"
}

declare -A PID PORT

# Files of the load phase's JVM number i: instance 0 keeps the names of a run with one instance.
suffix() { (($1 == 0)) || printf -- '-i%d' "$1"; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
CLK_TCK=$(getconf CLK_TCK)

now_ns() { date +%s%N; }

# Starts a variant and waits for the first 200 on the page under load; sets START_WALL, the milliseconds
# from launching the JVM to that 200, and START_JVM, the JVM's own "process running for" of its "Started"
# line, and START_CPU, the CPU milliseconds (user + system, all threads) the JVM had used by then: on a
# shared machine the wall times mostly measure the wait for a core, the CPU time does not. Runs in this shell (not in a $(...) subshell) so that PID and PORT keep the process.
start_app() {
	local variant=$1 name=$2 jsonl=$3 port t0 t1 code
	port=$(free_port) || die "no free port found"
	mapfile -t cmd < <(variant_command "$variant" "$port" "$jsonl")
	t0=$(now_ns)
	"${cmd[@]}" >"$OUT/$name.log" 2>&1 &
	PID[$variant]=$!
	PORT[$variant]=$port
	while true; do
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port$URL_PATH" || true)
		[[ $code == 200 ]] && break
		kill -0 "${PID[$variant]}" 2>/dev/null || die "variant $variant exited during start-up, see $OUT/$name.log"
		(($(now_ns) - t0 < 600000000000)) || die "variant $variant not ready after 600 s, see $OUT/$name.log"
		sleep 0.05
	done
	t1=$(now_ns)
	START_CPU=$(($(cpu_ticks "${PID[$variant]}") * 1000 / CLK_TCK))
	START_WALL=$(((t1 - t0) / 1000000))
	START_JVM=$(sed -n 's/.*Started PetClinicApplication in [0-9.]* seconds (process running for \([0-9.]*\)).*/\1/p' "$OUT/$name.log" |
		awk '{ printf "%.0f", $1 * 1000 }')
	START_JVM=${START_JVM:-NA}
}

stop_app() {
	local variant=$1
	kill "${PID[$variant]}" 2>/dev/null || true
	wait "${PID[$variant]}" 2>/dev/null || true
	unset "PID[$variant]"
}

cleanup() {
	for variant in "${!PID[@]}"; do
		kill "${PID[$variant]}" 2>/dev/null || true
	done
}
trap cleanup EXIT

# Round r visits the variants in a rotated order: a b c, b c a, c a b, ...
rotation() {
	local r=$1 i n=${#VARIANTS[@]}
	for ((i = 0; i < n; i++)); do
		echo "${VARIANTS[$(((r + i) % n))]}"
	done
}

log "output in $OUT; JAVA_OPTS=$JAVA_OPTS; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ ${REPORT_ONLY:-0} != 1 ]]; then
# --- start-up -------------------------------------------------------------------------------------
: >"$OUT/startup.tsv"
for ((s = 0; s < STARTS; s++)); do
	for variant in $(rotation "$s"); do
		start_app "$variant" "startup-$variant-$s" "$OUT/startup-$variant-$s.jsonl"
		stop_app "$variant"
		printf '%s\t%s\t%s\t%s\t%s\n' "$variant" "$s" "$START_WALL" "$START_JVM" "$START_CPU" >>"$OUT/startup.tsv"
		log "start-up $variant #$s: first 200 after $START_WALL ms (JVM: process running for $START_JVM ms when Started; $START_CPU ms CPU)"
	done
done

run_wrk() {
	local variant=$1 seconds=$2 file=$3 before after
	before=$(cpu_ticks "${PID[$variant]}")
	wrk -t1 "-c$CONNECTIONS" "-d${seconds}s" --timeout 10s --latency \
		"http://127.0.0.1:${PORT[$variant]}$URL_PATH" >"$file"
	after=$(cpu_ticks "${PID[$variant]}")
	echo "cpu_ticks $((after - before))" >>"$file"
	! grep -q 'Non-2xx' "$file" || die "the application answered errors during the load, see $file"
	! grep -q 'Socket errors' "$file" || log "$(grep 'Socket errors' "$file") in $file (reported in the last column)"
}

# CPU ticks of the JIT compiler threads (C1, C2) of a process.
jit_ticks() {
	local task total=0 comm
	for task in /proc/"$1"/task/*; do
		comm=$(cat "$task/comm" 2>/dev/null) || continue
		[[ $comm == C1\ Compiler* || $comm == C2\ Compiler* ]] || continue
		# utime + stime, counted after the ")" that ends the thread's name (which has a space in it)
		total=$((total + $(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }' || echo 0)))
	done
	echo "$total"
}

# Keeps the load on, in 10 s chunks, until the JIT compilers used at most JIT_QUIET per cent of the process's CPU
# in a chunk, for at most WARMUP_MAX seconds in all: after a fixed warm-up of a minute C2 was still taking 4-20 %
# of the CPU (more in the variant with more code), which measured the JIT's lag rather than the application.
warm_until_jit_quiet() {
	local variant=$1 prefix=$2 spent=$WARMUP chunk=0 cpu0 jit0 cpu jit share=unmeasured
	while ((spent < WARMUP_MAX)); do
		cpu0=$(cpu_ticks "${PID[$variant]}")
		jit0=$(jit_ticks "${PID[$variant]}")
		run_wrk "$variant" 10 "$prefix-jit-$chunk.txt"
		cpu=$(($(cpu_ticks "${PID[$variant]}") - cpu0))
		jit=$(($(jit_ticks "${PID[$variant]}") - jit0))
		share=$((cpu > 0 ? jit * 100 / cpu : 0))
		spent=$((spent + 10))
		chunk=$((chunk + 1))
		if ((share <= JIT_QUIET)); then
			log "warm-up $variant: JIT at $share % of the CPU after $spent s"
			echo "$spent" >"$prefix-seconds.txt"
			return
		fi
	done
	((WARMUP_MAX <= WARMUP)) || log "warm-up $variant: JIT still at $share % of the CPU after $spent s (WARMUP_MAX)"
	echo "$spent" >"$prefix-seconds.txt"
}

# --- load -----------------------------------------------------------------------------------------
for ((i = 0; i < INSTANCES; i++)); do
	for variant in "${VARIANTS[@]}"; do
		start_app "$variant" "load-$variant$(suffix "$i")" "$OUT/load-$variant$(suffix "$i").jsonl"
		log "variant $variant (instance $i) listening on ${PORT[$variant]} (ready after $START_WALL ms)"
	done
	curl -s "http://127.0.0.1:${PORT[a]}$URL_PATH" >"$OUT/page-a.html"
	grep -q 'href="/resources/css/petclinic-[0-9a-f]\{32\}\.css"' "$OUT/page-a.html" ||
		die "the page does not link content-hashed static resources; see $OUT/page-a.html"
	for variant in "${VARIANTS[@]}"; do
		log "warm-up $variant (${WARMUP} s)"
		run_wrk "$variant" "$WARMUP" "$OUT/warmup-$variant$(suffix "$i").txt"
		warm_until_jit_quiet "$variant" "$OUT/warmup-$variant$(suffix "$i")"
	done
	for ((r = 0; r < ROUNDS; r++)); do
		for variant in $(rotation "$((r + i))"); do
			run_wrk "$variant" "$DURATION" "$OUT/round-$r-$variant$(suffix "$i").txt"
			log "instance $i round $r $variant: $(grep 'Requests/sec' "$OUT/round-$r-$variant$(suffix "$i").txt")"
		done
	done
	for variant in "${VARIANTS[@]}"; do
		stop_app "$variant"
	done
done
fi

# --- figures --------------------------------------------------------------------------------------
# One line per round: variant, requests/s, p50 ms, p99 ms, CPU ms per request, wrk socket errors.
: >"$OUT/rounds.tsv"
for ((i = 0; i < INSTANCES; i++)); do
	for ((r = 0; r < ROUNDS; r++)); do
		for variant in "${VARIANTS[@]}"; do
			awk -v variant="$variant" -v tck="$CLK_TCK" '
				function ms(v) {
					if (v ~ /us$/) return v / 1000
					if (v ~ /ms$/) return v + 0
					if (v ~ /s$/) return v * 1000
					return v + 0
				}
				/requests in/ { requests = $1 }
				/Requests\/sec/ { rps = $2 }
				$1 == "50%" { p50 = ms($2) }
				$1 == "99%" { p99 = ms($2) }
				$1 == "cpu_ticks" { cpu = $2 * 1000 / tck }
				/Socket errors/ { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
				END { printf "%s\t%.1f\t%.3f\t%.3f\t%.3f\t%d\n", variant, rps, p50, p99, cpu / requests, errors }
			' "$OUT/round-$r-$variant$(suffix "$i").txt" >>"$OUT/rounds.tsv"
		done
	done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
column_of() { awk -v variant="$1" -v col="$2" '$1 == variant { print $col }' "$3" | median; }
range_of() { awk -v variant="$1" -v col="$2" '$1 == variant { print $col }' "$3" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "–" hi }'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%.3f", x / y }'; }
# Median (and range) over the rounds of variant/a in column $2 of rounds.tsv, each round against its own a:
# rounds.tsv holds the variants of a round together, in the order of VARIANTS (a first).
paired() {
	awk -v variant="$1" -v col="$2" '$1 == "a" { a = $col } $1 == variant && a > 0 { printf "%.4f\n", $col / a }' \
		"$OUT/rounds.tsv" | sort -g | awk '{ v[NR] = $1 } END {
			m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
			printf "%.3f (%.3f–%.3f)", m, v[1], v[NR] }'
}
# Geometric mean of the ratios on stdin (one per line) and its 95 % confidence interval: Student's t over
# their logarithms (two-sided, n - 1 degrees of freedom; the table's last value beyond 30).
confidence() {
	awk 'BEGIN { split("12.706 4.303 3.182 2.776 2.571 2.447 2.365 2.306 2.262 2.228 2.201 2.179 2.160 2.145 2.131 2.120 2.110 2.101 2.093 2.086 2.080 2.074 2.069 2.064 2.060 2.056 2.052 2.048 2.045 2.042", t, " ") }
		$1 > 0 { x[++n] = log($1); sum += log($1) }
		END {
			if (n < 2) { printf "%.3f (one pair)", exp(sum / n); exit }
			mean = sum / n
			for (i = 1; i <= n; i++) ss += (x[i] - mean) ^ 2
			half = (n - 1 <= 30 ? t[n - 1] : 1.960) * sqrt(ss / (n - 1) / n)
			printf "%.3f (95 %% CI %.3f–%.3f)", exp(mean), exp(mean - half), exp(mean + half)
		}'
}
delta() { awk -v x="$1" -v y="$2" 'BEGIN { printf "%d", x - y }'; }

jar_figures() {
	unzip -l "$1" | awk '$4 ~ /^BOOT-INF\/lib\/.*\.jar$/ { n++; bytes += $1 } END { printf "%d %.1f\n", n, bytes / 1048576 }'
}
read -r libs_a mb_a < <(jar_figures "$JAR_A")
read -r libs_t mb_t < <(jar_figures "$JAR_T")
size_a=$(stat -c %s "$JAR_A")
size_t=$(stat -c %s "$JAR_T")

# --- JSONL of (b), and nothing from (c) -----------------------------------------------------------
log "checking $OUT/load-b.jsonl against $SCHEMA"
java "-Dtelemetry.schema=$SCHEMA" -cp "$CHECK_JAR" dev.cloudtelemetry.benchmarks.JsonlSchemaCheck \
	"$OUT/load-b.jsonl" 500 >"$OUT/jsonl-check.txt" || die "JSONL check failed: $(cat "$OUT/jsonl-check.txt")"
check() { sed -n "s/^$1=//p" "$OUT/jsonl-check.txt"; }
requests_b=$(check events.http_request)
c_files=$(find "$OUT" -maxdepth 1 -name '*-c*.jsonl' | wc -l)

{
	echo "## End-to-end run $(date -u '+%Y-%m-%d %H:%M') UTC"
	echo
	echo "- machine: $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
	echo "- JAVA_OPTS: \`$JAVA_OPTS\`; wrk -t1 -c$CONNECTIONS, $INSTANCES JVM(s) per variant one after the other, each with $WARMUP s warm-up (then on until the JIT was quiet, see below) and $ROUNDS rounds of $DURATION s, alternating; page \`$URL_PATH\`; layout: $LAYOUT"
	echo "- warm-up until the JIT compilers took ≤ $JIT_QUIET % of the CPU in 10 s (at most $WARMUP_MAX s), seconds per JVM: $(for f in "$OUT"/warmup-*-seconds.txt; do [[ -f $f ]] && printf '%s %s; ' "$(basename "$f" -seconds.txt | sed 's/^warmup-//')" "$(cat "$f")"; done)"
	echo
	echo "| variant | start-up, ms to first 200 (median; min–max) | JVM \"process running for\", ms | start-up CPU, ms | requests/s (median; min–max) | p50 ms | p99 ms | CPU ms / request |"
	echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
	for variant in "${VARIANTS[@]}"; do
		label=$variant
		case $variant in
			a) label="a: without the starter" ;;
			b) label="b: starter, defaults, JSONL file" ;;
			c) label="c: starter, telemetry.enabled=false" ;;
			o) label="o: starter of $(basename "$STARTER_O") ($(stat -c %y "$STARTER_O" | cut -c1-16)), defaults, JSONL file" ;;
		esac
		printf '| %s | %s; %s | %s | %s | %s; %s | %s | %s | %s |\n' "$label" \
			"$(column_of "$variant" 3 "$OUT/startup.tsv")" "$(range_of "$variant" 3 "$OUT/startup.tsv")" \
			"$(column_of "$variant" 4 "$OUT/startup.tsv")" "$(column_of "$variant" 5 "$OUT/startup.tsv")" \
			"$(column_of "$variant" 2 "$OUT/rounds.tsv")" "$(range_of "$variant" 2 "$OUT/rounds.tsv")" \
			"$(column_of "$variant" 3 "$OUT/rounds.tsv")" "$(column_of "$variant" 4 "$OUT/rounds.tsv")" \
			"$(column_of "$variant" 5 "$OUT/rounds.tsv")"
	done
	echo
	echo "| ratio to (a) | throughput (goal ≥ 0.97) | p50 | p99 (goal ≤ 1.05) | CPU / request | start-up delta, ms (goal ≤ +300) | start-up CPU delta, ms |"
	echo "| --- | --- | --- | --- | --- | --- | --- |"
	for variant in "${VARIANTS[@]:1}"; do
		printf '| %s/a | %s | %s | %s | %s | %+d | %+d |\n' "$variant" \
			"$(ratio "$(column_of "$variant" 2 "$OUT/rounds.tsv")" "$(column_of a 2 "$OUT/rounds.tsv")")" \
			"$(ratio "$(column_of "$variant" 3 "$OUT/rounds.tsv")" "$(column_of a 3 "$OUT/rounds.tsv")")" \
			"$(ratio "$(column_of "$variant" 4 "$OUT/rounds.tsv")" "$(column_of a 4 "$OUT/rounds.tsv")")" \
			"$(ratio "$(column_of "$variant" 5 "$OUT/rounds.tsv")" "$(column_of a 5 "$OUT/rounds.tsv")")" \
			"$(delta "$(column_of "$variant" 3 "$OUT/startup.tsv")" "$(column_of a 3 "$OUT/startup.tsv")")" \
			"$(delta "$(column_of "$variant" 5 "$OUT/startup.tsv")" "$(column_of a 5 "$OUT/startup.tsv")")"
	done
	echo
	echo "Paired by round (each round runs the variants ${VARIANTS[*]} back to back, so a drift of the machine's speed"
	echo "during the run, which moves them all, cancels out): the median over the rounds of each round's own ratio, and its range."
	echo
	echo "| paired ratio to (a) | throughput | p99 | CPU / request | rounds |"
	echo "| --- | --- | --- | --- | --- |"
	for variant in "${VARIANTS[@]:1}"; do
		printf '| %s/a | %s | %s | %s | %s |\n' "$variant" \
			"$(paired "$variant" 2)" "$(paired "$variant" 4)" "$(paired "$variant" 5)" "$((ROUNDS * INSTANCES))"
	done
	echo
	echo "Per JVM pair (instance: the median of its rounds' paired throughput and CPU per request):"
	rm -f "$OUT"/pairs-*.tmp
	echo
	for variant in "${VARIANTS[@]:1}"; do
		for ((i = 0; i < INSTANCES; i++)); do
			awk -v variant="$variant" -v first=$((i * ROUNDS * ${#VARIANTS[@]} + 1)) -v last=$(((i + 1) * ROUNDS * ${#VARIANTS[@]})) \
				'NR >= first && NR <= last { if ($1 == "a") { a = $2; ac = $5 } else if ($1 == variant) { print $2 / a, $5 / ac } }' \
				"$OUT/rounds.tsv" >"$OUT/pair.tmp"
			pair_rps=$(cut -d' ' -f1 "$OUT/pair.tmp" | median | awk '{ printf "%.4f", $1 }')
			pair_cpu=$(cut -d' ' -f2 "$OUT/pair.tmp" | median | awk '{ printf "%.4f", $1 }')
			echo "$pair_rps $pair_cpu" >>"$OUT/pairs-$variant.tmp"
			printf -- '- %s/a instance %d: throughput %.3f, CPU / request %.3f\n' "$variant" "$i" "$pair_rps" "$pair_cpu"
		done
	done
	if ((INSTANCES > 1)); then
		echo
		echo "Across the JVM pairs (the pair is the unit: two JVMs of one jar differ more than the rounds of one JVM):"
		echo "geometric mean of the pairs' ratios and its 95 % confidence interval (Student's t over their logarithms)."
		echo
		for variant in "${VARIANTS[@]:1}"; do
			printf -- '- %s/a over %d pairs: throughput %s; CPU / request %s\n' "$variant" "$INSTANCES" \
				"$(cut -d' ' -f1 "$OUT/pairs-$variant.tmp" | confidence)" "$(cut -d' ' -f2 "$OUT/pairs-$variant.tmp" | confidence)"
		done
	fi
	rm -f "$OUT/pair.tmp" "$OUT"/pairs-*.tmp
	echo
	echo "| fat jar | bytes | BOOT-INF/lib jars | their size, MiB |"
	echo "| --- | --- | --- | --- |"
	echo "| e2e-app.jar (a) | $size_a | $libs_a | $mb_a |"
	echo "| e2e-app-telemetry.jar (b, c) | $size_t | $libs_t | $mb_t |"
	echo "| added by the starter | +$((size_t - size_a)) | +$((libs_t - libs_a)) | +$(awk -v x="$mb_t" -v y="$mb_a" 'BEGIN { printf "%.1f", x - y }') |"
	echo
	echo "JSONL of (b), from its start to the end of the load phase: $(check lines) lines, $(check bytes) bytes;" \
		"$(check validated) lines spread over the file validated against docs/telemetry-v2.schema.json." \
		"Per request ($requests_b http_request events):"
	echo
	echo "- events: $(awk -v n="$(check lines)" -v d="$requests_b" 'BEGIN { printf "%.1f", n / d }')," \
		"bytes: $(awk -v n="$(check bytes)" -v d="$requests_b" 'BEGIN { printf "%.0f", n / d }')"
	echo "- function_entry (traced bean calls): $(awk -v n="$(check events.function_entry)" -v d="$requests_b" 'BEGIN { printf "%.2f", n / d }')"
	echo "- db_query inside a request: $(awk -v n="$(check events_in_span.db_query)" -v d="$requests_b" 'BEGIN { printf "%.2f", n / d }')" \
		"($(( $(check events.db_query) - $(check events_in_span.db_query) )) more at start-up: schema.sql and data.sql)"
	echo
	if [[ " ${VARIANTS[*]} " == *" c "* ]]; then
		echo "(c) wrote $c_files JSONL files (expected 0)."
		echo
	fi
	echo "Per round (variant, requests/s, p50 ms, p99 ms, CPU ms/request, wrk socket errors: connect, read, write, timeout):"
	echo
	echo '```'
	cat "$OUT/rounds.tsv"
	echo '```'
} | tee "$OUT/report.md"
log "report: $OUT/report.md"
