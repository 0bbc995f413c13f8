#!/usr/bin/env bash
# Whose code a request's CPU goes to, with and without the starter. Starts one JVM of each variant (a: the
# e2e application without the starter, b: with it at its defaults, JSONL into a file), one after the other,
# loads it with `wrk -t1 -c8` on the owner-search page, and after the warm-up profiles it for DURATION seconds
# with async-profiler (CPU samples that keep the frames the JIT inlined, loaded into the running JVM with
# `jcmd JVMTI.agent_load`). Each sample of a request thread is charged to the innermost frame that belongs to
# a known code base, JDK and JVM frames skipped: a sample in `ThreadLocal.get` called by the starter is the
# starter's, one in H2 called through the starter's JDBC wrapper is H2's. Prints CPU µs per request by code
# base for each variant and b − a, then the other threads (the starter's writer, GC, JIT) per request.
#
# Unlike requests per second, which move by 10-30 % from one JVM of a jar to the next with how the JIT
# compiled Spring's static-resource code, the starter's own share of a request is read off directly.
#
#   bash benchmarks/e2e/cpu-share.sh
#
#   LAYOUT     fat (default) or extracted (see run.sh)
#   WARMUP     seconds of load before profiling     (default: 90)
#   DURATION   seconds profiled                      (default: 20)
#   INTERVAL   sampling interval, µs                 (default: 1000)
#   EVENT      async-profiler event: cpu (perf_events, the default) or itimer where perf_events is not allowed
#   OUT        output directory                      (default: a new directory under /tmp)
#   ORDER      the order the two JVMs run in         (default: "a b"). On the VM of benchmarks/README.md the
#              second JVM served 17-32 % more requests per second than the first in four runs of four, in
#              either order: compare the two columns only in the starter's own rows (its code, Spring AOP,
#              logging, its threads), which the other JVM does not have, and leave throughput to run.sh
#
# async-profiler (tools.profiler:async-profiler, Apache-2.0) is fetched from Maven Central by the Maven
# wrapper the first time; it is not a dependency of anything the project ships.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WARMUP=${WARMUP:-90}
DURATION=${DURATION:-20}
INTERVAL=${INTERVAL:-1000}
EVENT=${EVENT:-cpu}
LAYOUT=${LAYOUT:-fat}
OUT=${OUT:-$(mktemp -d /tmp/cpu-share-XXXXXX)}
AP_VERSION=4.2
mkdir -p "$OUT"
die() { echo "cpu-share.sh: $*" >&2; exit 1; }
APP_PID=
trap '[[ -z $APP_PID ]] || kill "$APP_PID" 2>/dev/null || true' EXIT
# shellcheck source=free-port.sh
source "$ROOT/benchmarks/e2e/free-port.sh"

JAR_A=$ROOT/benchmarks/e2e-app/target/e2e-app.jar
JAR_B=$ROOT/benchmarks/e2e-app-telemetry/target/e2e-app-telemetry.jar
for jar in "$JAR_A" "$JAR_B"; do
	[[ -f $jar ]] || die "$jar is missing; build it: ./mvnw -q -DskipTests package -pl benchmarks/e2e-app,benchmarks/e2e-app-telemetry -am"
done
command -v wrk >/dev/null || die "wrk is missing (Debian: apt-get install wrk)"
command -v jcmd >/dev/null || die "jcmd is missing (a JDK, not a JRE)"

case $(uname -m) in
	x86_64) platform=linux-x64 ;;
	aarch64) platform=linux-arm64 ;;
	*) die "async-profiler has no library for $(uname -m)" ;;
esac
LIB=$OUT/async-profiler/$platform/libasyncProfiler.so
if [[ ! -f $LIB ]]; then
	(cd "$ROOT" && ./mvnw -N -q -B dependency:copy "-Dartifact=tools.profiler:async-profiler:$AP_VERSION" \
		"-DoutputDirectory=$OUT/async-profiler" >/dev/null) || die "could not fetch async-profiler $AP_VERSION"
	(cd "$OUT/async-profiler" && unzip -q -o "async-profiler-$AP_VERSION.jar" "$platform/libasyncProfiler.so")
fi

run_jar() {
	local jar=$1
	[[ $LAYOUT == fat ]] && { echo "$jar"; return; }
	[[ $LAYOUT == extracted ]] || die "LAYOUT must be fat or extracted, not $LAYOUT"
	local dir=$OUT/extracted/$(basename "$jar" .jar)
	[[ -f $dir/$(basename "$jar") ]] || java -Djarmode=tools -jar "$jar" extract --destination "$dir" >/dev/null \
		|| die "could not extract $jar"
	echo "$dir/$(basename "$jar")"
}

# agent <pid> <async-profiler command> <log>: runs the command in the JVM. jcmd splits its arguments at '=',
# so the command goes in double quotes; async-profiler's own errors go to the JVM's output.
agent() {
	local out
	out=$(jcmd "$1" JVMTI.agent_load "$LIB" "\"$2\"") || true
	echo "$out" >>"$3"
	[[ $out == *"return code: 0"* ]] || die "async-profiler refused \"$2\": see $3 and the application's log"
}

profile() {
	local variant=$1 jar args=() port closed pid url started ended rps
	port=$(free_port)
	closed=$(free_port)
	if [[ $variant == a ]]; then
		jar=$(run_jar "$JAR_A")
	else
		jar=$(run_jar "$JAR_B")
		off_cloud_args "$closed" "$OUT/metadata-cache.json"
		args=("--telemetry.output.path=$OUT/telemetry-$variant.jsonl" "${OFF_CLOUD_ARGS[@]}")
	fi
	java -Xms512m -Xmx512m -XX:+UseParallelGC -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
		"${args[@]}" >"$OUT/app-$variant.log" 2>&1 &
	pid=$!
	APP_PID=$pid
	url="http://127.0.0.1:$port/owners?lastName="
	until curl -s -o /dev/null "$url"; do
		kill -0 $pid 2>/dev/null || die "variant $variant did not start: $OUT/app-$variant.log"
		sleep 0.3
	done
	wrk -t1 -c8 -d"${WARMUP}s" "$url" >/dev/null
	wrk -t1 -c8 -d"$((DURATION + 4))s" "$url" >"$OUT/wrk-$variant.txt" &
	local wrk_pid=$!
	sleep 2
	started=$(date +%s%N)
	agent $pid "start,event=$EVENT,interval=${INTERVAL}us,threads" "$OUT/agent-$variant.log"
	sleep "$DURATION"
	agent $pid "stop,collapsed,threads,file=$OUT/$variant.collapsed" "$OUT/agent-$variant.log"
	ended=$(date +%s%N)
	wait $wrk_pid
	kill $pid
	wait $pid 2>/dev/null || true
	APP_PID=
	[[ -s $OUT/$variant.collapsed ]] || die "no profile of $variant: $OUT/agent-$variant.log"
	rps=$(awk '/Requests\/sec/ { print $2 }' "$OUT/wrk-$variant.txt")
	# µs of CPU per sample and requests in the profiled window
	echo "$variant $rps $(((ended - started) / 1000000))" >>"$OUT/windows.txt"
}

# collapsed stacks -> "group<TAB>code base<TAB>samples": request threads by the innermost frame of a known
# code base, every other thread by its name (digits dropped)
classify() {
	awk '
		function base(f) {
			gsub(/\//, ".", f)
			if (f ~ /^dev\.cloudtelemetry\./) return "the starter (incl. its datasource-proxy)"
			if (f ~ /\$\$SpringCGLIB\$\$|^org\.springframework\.(aop|cglib)\./) return "Spring AOP and proxies"
			if (f ~ /^org\.springframework\./) return "Spring"
			if (f ~ /^(org\.hibernate|jakarta\.persistence)\./) return "Hibernate"
			if (f ~ /^org\.h2\./) return "H2"
			if (f ~ /^com\.zaxxer\./) return "HikariCP"
			if (f ~ /^(org\.thymeleaf|org\.attoparser|org\.unbescape)\./) return "Thymeleaf"
			if (f ~ /^(org\.apache|jakarta\.servlet)\./) return "Tomcat"
			if (f ~ /^(ch\.qos|org\.slf4j)\./) return "logging"
			if (f ~ /^benchmarks\./) return "the application"
			if (f ~ /^(java|javax|jdk|sun|com\.sun)\./) return ""
			if (f ~ /^[a-z][a-z0-9_]*\.[a-z0-9_.]*[A-Z]/) { split(f, p, "."); return "other: " p[1] "." p[2] }
			return ""
		}
		{
			n = $NF
			sub(/ [0-9]+$/, "")
			k = split($0, fr, ";")
			thread = fr[1]
			if (thread ~ /^\[/) { sub(/^\[/, "", thread); sub(/ tid=[0-9]+\]$/, "", thread); sub(/\]$/, "", thread); first = 2 }
			else { thread = "?"; first = 1 }
			if (thread !~ /^http-nio-/) {
				gsub(/#?[0-9]+/, "#", thread)
				s[thread "\t" "-"] += n
				next
			}
			cat = "JDK and JVM only"
			for (i = k; i >= first; i--) { b = base(fr[i]); if (b != "") { cat = b; break } }
			s["request threads\t" cat] += n
		}
		END { for (x in s) print x "\t" s[x] }
	' "$1"
}

rm -f "$OUT/windows.txt"
for variant in ${ORDER:-a b}; do
	profile "$variant"
done

read -r _ rps_a ms_a < <(grep '^a ' "$OUT/windows.txt")
read -r _ rps_b ms_b < <(grep '^b ' "$OUT/windows.txt")
classify "$OUT/a.collapsed" | sort >"$OUT/a.tsv"
classify "$OUT/b.collapsed" | sort >"$OUT/b.tsv"
{
	echo "## CPU per request by code base ($(date -u '+%Y-%m-%d %H:%M') UTC, layout $LAYOUT, $DURATION s profiled after $WARMUP s of load)"
	echo
	echo "- a: $rps_a requests/s; b: $rps_b requests/s (one JVM each: JVM-to-JVM spread included)"
	echo "- async-profiler $AP_VERSION, event $EVENT, a sample every $INTERVAL µs of CPU; µs per request = samples × interval / (requests/s × seconds profiled)"
	echo
	echo "| thread group, code base | a, µs / request | b, µs / request | b − a |"
	echo "| --- | --- | --- | --- |"
	join -t $'\t' -a 1 -a 2 -e 0 -o 0,1.2,2.2 \
		<(awk -F '\t' '{ print $1 " | " $2 "\t" $3 }' "$OUT/a.tsv" | sort) \
		<(awk -F '\t' '{ print $1 " | " $2 "\t" $3 }' "$OUT/b.tsv" | sort) |
		awk -F '\t' -v iv="$INTERVAL" -v ra="$rps_a" -v ma="$ms_a" -v rb="$rps_b" -v mb="$ms_b" '
			{ ua = $2 * iv / (ra * ma / 1000); ub = $3 * iv / (rb * mb / 1000); ta += ua; tb += ub
			  if (ua >= 0.5 || ub >= 0.5) { label = $1; sub(/ \| -$/, "", label); printf "| %s | %.1f | %.1f | %+.1f |\n", label, ua, ub, ub - ua } }
			END { printf "| **all threads** | %.1f | %.1f | %+.1f |\n", ta, tb, tb - ta }'
} | tee "$OUT/report.md"
echo
echo "profiles: $OUT/a.collapsed, $OUT/b.collapsed (flame graph: any collapsed-stack viewer); report: $OUT/report.md"
