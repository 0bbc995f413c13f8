#!/usr/bin/env bash
# Starts the real fat jar of benchmarks/e2e-app-telemetry (the PetClinic application with the starter, as a user
# ships it: Spring Boot's nested-jar class loader, the AWS and Kubernetes bundles inside telemetry-autoconfigure's jar),
# requests the owner-search page, stops the application and checks what it wrote. Fails (exit status 1) when:
#   - the fat jar's BOOT-INF/lib holds more than telemetry-autoconfigure beyond the jars of benchmarks/e2e-app (the
#     same application without the starter), e.g. the starter's own jar of dependencies;
#   - the two fat jars' class paths (BOOT-INF/classpath.idx) differ in more than that jar: the end-to-end benchmark
#     compares them, and the order of a class path alone moves start-up time (a jar far down the list is looked up
#     after all the others);
#   - the application does not answer 200 within START_TIMEOUT seconds, or exits;
#   - its log names a NoClassDefFoundError, ClassNotFoundException, NoSuchMethodError or a telemetry WARN/ERROR
#     (a bundle class loading problem on the metadata thread shows only there);
#   - the JSONL is missing or empty, has no http_request event, or one of its lines is not valid against
#     docs/telemetry-v2.schema.json (every line is checked, with JsonlSchemaCheck of benchmarks.jar).
# Run by .ci/run after `./mvnw verify`, which builds both jars. Needs curl. Everything on 127.0.0.1: the cloud
# metadata endpoints point at a closed local port (an off-cloud host), the cache file is in the run's directory.
#   START_TIMEOUT  seconds to wait for the first 200 (default: 300; a start takes seconds on a quiet machine)
#   OUT            directory for the log and the JSONL (default: a new /tmp/e2e-smoke.*)
#   JAVA           the java that runs the application (default: java on the PATH; the schema check always runs on it)
#   APP_ARGS       more arguments for the application, e.g. --spring.threads.virtual.enabled=true
set -euo pipefail

ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
JAR=$ROOT/benchmarks/e2e-app-telemetry/target/e2e-app-telemetry.jar
CHECK_JAR=$ROOT/benchmarks/target/benchmarks.jar
SCHEMA=$ROOT/docs/telemetry-v2.schema.json
START_TIMEOUT=${START_TIMEOUT:-300}
OUT=${OUT:-$(mktemp -d /tmp/e2e-smoke.XXXXXX)}
mkdir -p "$OUT"

fail() {
	echo "e2e smoke test FAILED: $*" >&2
	exit 1
}

for file in "$JAR" "$CHECK_JAR" "$SCHEMA"; do
	[[ -f $file ]] || fail "$file is missing (built by ./mvnw verify or package)"
done
command -v curl >/dev/null || fail "curl is missing"

# What Spring Boot's packaging put into the fat jar beyond the application's own jars: the starter's own jar is a
# jar of dependencies only (Spring-Boot-Jar-Type: dependencies-starter) and must be left out.
BASE_JAR=$ROOT/benchmarks/e2e-app/target/e2e-app.jar
if [[ -f $BASE_JAR ]]; then
	JAR_TOOL=$(dirname "$(readlink -f "$(command -v java)")")/jar
	lib_jars() { "$JAR_TOOL" tf "$1" | sed -n 's|^BOOT-INF/lib/\(.*\)-[0-9][^/]*\.jar$|\1|p' | sort; }
	added=$(comm -13 <(lib_jars "$BASE_JAR") <(lib_jars "$JAR") | tr '\n' ' ')
	echo "jars the starter adds to the fat jar: $added"
	[[ $added == "telemetry-autoconfigure " ]] || fail "the starter adds other jars than telemetry-autoconfigure: $added"
	class_path() { (cd "$(mktemp -d "$OUT/idx.XXXXXX")" && "$JAR_TOOL" xf "$1" BOOT-INF/classpath.idx \
		&& grep -v 'telemetry-autoconfigure' BOOT-INF/classpath.idx); }
	diff <(class_path "$BASE_JAR") <(class_path "$JAR") >&2 \
		|| fail "the class path of $JAR is not e2e-app's plus telemetry-autoconfigure, in the same order (above)"
fi

# shellcheck source=free-port.sh
source "$ROOT/benchmarks/e2e/free-port.sh"

port=$(free_port) || fail "no free local port"
closed=$(free_port) || fail "no free local port"
# the closed port stands for an off-cloud metadata endpoint: it must not be the application's own
while [[ $closed == "$port" ]]; do closed=$(free_port) || fail "no free local port"; done
jsonl=$OUT/telemetry.jsonl
log=$OUT/application.log
off_cloud_args "$closed" "$OUT/metadata-cache.json"
# shellcheck disable=SC2086
"${JAVA:-java}" -Xmx512m -jar "$JAR" --server.address=127.0.0.1 "--server.port=$port" \
	"--telemetry.output.path=$jsonl" "${OFF_CLOUD_ARGS[@]}" ${APP_ARGS:-} >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT

start=$SECONDS
url="http://127.0.0.1:$port/owners?lastName="
until [[ $(curl -s -o "$OUT/page.html" -w '%{http_code}' --max-time 10 "$url" || true) == 200 ]]; do
	kill -0 "$pid" 2>/dev/null || { tail -n 40 "$log" >&2; fail "the application exited during start-up, log: $log"; }
	((SECONDS - start < START_TIMEOUT)) || { tail -n 40 "$log" >&2; fail "no 200 from $url after $START_TIMEOUT s"; }
	sleep 0.2
done
echo "first 200 after $((SECONDS - start)) s"
grep -q 'Find owners' "$OUT/page.html" || fail "not the owner-search page: $OUT/page.html"

# a graceful stop: the writer drains its queue into the file on shutdown
kill "$pid"
for _ in $(seq 1 300); do
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
	kill -9 "$pid"
	fail "the application did not stop within 30 s of SIGTERM, log: $log"
fi
wait "$pid" 2>/dev/null || true
trap - EXIT

if grep -nE 'NoClassDefFoundError|ClassNotFoundException|NoSuchMethodError|LinkageError' "$log" >&2; then
	fail "class loading error in the log: $log"
fi
if grep -nE '(WARN|ERROR).*([Tt]elemetry|dev\.cloudtelemetry)' "$log" >&2; then
	fail "telemetry warning or error in the log: $log"
fi
[[ -s $jsonl ]] || fail "no JSONL written to $jsonl"
# a sample size of every line: JsonlSchemaCheck then validates each line
java "-Dtelemetry.schema=$SCHEMA" -cp "$CHECK_JAR" dev.cloudtelemetry.benchmarks.JsonlSchemaCheck \
	"$jsonl" 1000000000 >"$OUT/check.txt" || { cat "$OUT/check.txt" >&2; fail "JSONL not valid against $SCHEMA"; }
grep -q '^events.http_request=[1-9]' "$OUT/check.txt" || fail "no http_request event in $jsonl"
echo "e2e smoke test passed: $(tr '\n' ' ' <"$OUT/check.txt")"
