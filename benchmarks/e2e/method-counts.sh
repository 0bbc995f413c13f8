#!/usr/bin/env bash
# How often, and how long, chosen methods run per page in a warm JVM of the e2e application: starts one fat jar,
# loads it with `wrk -t1 -c8` (a warm-up), then records JDK 25's method timing (JEP 520: JFR `method-timing`,
# started with jcmd so that start-up is not counted) over REQUESTS requests made one after the other, and prints
# `jfr view method-timing`. Comparing the counts of two variants tells "the same code, slower" from "more calls"
# (benchmarks/README.md, fifteenth round):
#
#   bash benchmarks/e2e/method-counts.sh benchmarks/e2e-app/target/e2e-app.jar
#   bash benchmarks/e2e/method-counts.sh benchmarks/e2e-app-telemetry/target/e2e-app-telemetry.jar
#
# A jar whose name contains "telemetry" gets run.sh's settings of variant b: JSONL into a file under OUT, the cloud
# metadata endpoints on a closed port of 127.0.0.1.
#
#   JAVA25     a JDK 25 or later       (default: the newest /usr/lib/jvm/*25* or later found, else $JAVA_HOME)
#   METHODS    JFR method filter, ';'-separated (default: Spring's static-resource URL resolution down to the
#              class loader and Spring Boot's jar: URL handler)
#   WARMUP     seconds of load before recording   (default: 20)
#   REQUESTS   requests recorded                  (default: 500)
#   OUT        output directory                   (default: a new directory under /tmp)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$1
shift
WARMUP=${WARMUP:-20}
REQUESTS=${REQUESTS:-500}
OUT=${OUT:-$(mktemp -d /tmp/method-counts-XXXXXX)}
METHODS=${METHODS:-org.springframework.web.servlet.DispatcherServlet::doDispatch;org.springframework.web.servlet.resource.ResourceUrlProvider::getForLookupPath;org.springframework.web.servlet.resource.PathResourceResolver::getResource;java.lang.ClassLoader::getResource;org.springframework.boot.loader.net.protocol.jar.Handler::parseURL}
URL_PATH=${URL_PATH:-/owners?lastName=}
mkdir -p "$OUT"

if [[ -z ${JAVA25:-} ]]; then
	for home in /usr/lib/jvm/* ${JAVA_HOME:-}; do
		version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release" 2>/dev/null || true)
		if [[ -n $version && $version -ge 25 ]]; then JAVA25=$home; fi
	done
fi
[[ -n ${JAVA25:-} && -x $JAVA25/bin/jcmd ]] || { echo "needs a JDK 25 or later: set JAVA25" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: sudo apt-get install wrk" >&2; exit 1; }

# shellcheck source=free-port.sh
source "$ROOT/benchmarks/e2e/free-port.sh"
PORT=$(free_port)
CLOSED_PORT=$(free_port)
args=()
if [[ $JAR == *telemetry* ]]; then
	off_cloud_args "$CLOSED_PORT" "$OUT/metadata-cache.json"
	args=("--telemetry.output.path=$OUT/telemetry.jsonl" "${OFF_CLOUD_ARGS[@]}")
fi
"$JAVA25/bin/java" -Xms512m -Xmx512m -XX:+UseParallelGC -jar "$JAR" --server.address=127.0.0.1 \
	--server.port="$PORT" "${args[@]}" "$@" > "$OUT/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do
	grep -q "Started " "$OUT/app.log" && break
	kill -0 $pid 2>/dev/null || { cat "$OUT/app.log" >&2; exit 1; }
	sleep 0.1
done
url="http://127.0.0.1:$PORT$URL_PATH"
wrk -t1 -c8 "-d${WARMUP}s" "$url" > "$OUT/warmup.txt"
"$JAVA25/bin/jcmd" $pid JFR.start name=counts "method-timing=$METHODS" filename="$OUT/counts.jfr" > /dev/null
for _ in $(seq 1 "$REQUESTS"); do
	curl -s -o /dev/null "$url"
done
"$JAVA25/bin/jcmd" $pid JFR.stop name=counts > /dev/null
echo "$(basename "$JAR"): $REQUESTS requests after ${WARMUP} s of load; $OUT"
"$JAVA25/bin/jfr" view --width 200 method-timing "$OUT/counts.jfr"
