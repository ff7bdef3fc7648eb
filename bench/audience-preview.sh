#!/usr/bin/env bash
# Cueflow audience preview benchmark: POST /api/v1/audiences/preview over a large store.
#
#   bash bench/audience-preview.sh                          # 1,000,000 contacts x 20 event keys, 3 timed runs each
#   CONTACTS=100000 bash bench/audience-preview.sh          # quicker
#   DATA=/tmp/aud KEEP=1 bash bench/audience-preview.sh     # keep the seeded store; a later run with the same DATA reuses it
#
# Uses an existing jar (mvn -B -q package -DskipTests). Seeds the store with bench/AudienceSeed.java (direct batched
# JDBC: contacts, 20 activity rollups each, raw events of purchase_completed only), creates a key, starts the server
# on a free port in PORT_RANGE, then for each of 5 typical targetings sends one untimed warm-up preview and RUNS
# timed ones (curl's time_total, client side, so HTTP included) and prints the count, every time and the median.
# The server is stopped and the store deleted on exit (unless KEEP=1).
#
# Environment (all optional): JAR=target/cueflow.jar CONTACTS=1000000 RUNS=3 DATA=(temp dir) KEEP=0
#   PORT=(free port in PORT_RANGE) PORT_RANGE="19000 19999" JAVA_OPTS= (for the server, e.g. -XX:StartFlightRecording=...)
# Needs: java, curl. A 1,000,000-contact store takes ~5 GB and a few minutes to seed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
JAR="${JAR:-$repo/target/cueflow.jar}"
CONTACTS="${CONTACTS:-1000000}"
RUNS="${RUNS:-3}"
KEEP="${KEEP:-0}"
PORT_RANGE="${PORT_RANGE:-19000 19999}"
JAVA_OPTS="${JAVA_OPTS:-}"

die() { echo "audience-preview.sh: $*" >&2; exit 1; }
[[ -f "$JAR" ]] || die "jar not found: $JAR (build it first: mvn -B -q package -DskipTests, or set JAR=...)"
for tool in java curl; do command -v "$tool" >/dev/null || die "$tool is not installed"; done

port_free() { ! (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -z "${PORT:-}" ]]; then
  read -r lo hi <<<"$PORT_RANGE"
  for _ in $(seq 1 50); do
    candidate=$((lo + RANDOM % (hi - lo + 1)))
    if port_free "$candidate"; then PORT=$candidate; break; fi
  done
  [[ -n "${PORT:-}" ]] || die "no free port in $PORT_RANGE"
fi
port_free "$PORT" || die "port $PORT is already in use"
URL="http://127.0.0.1:$PORT"

created_data=0
if [[ -z "${DATA:-}" ]]; then DATA="$(mktemp -d "${TMPDIR:-/tmp}/cueflow-audience.XXXXXX")"; created_data=1; fi
server_pid=""
cleanup() {
  local rc=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [[ "$KEEP" != 1 ]]; then rm -rf "$DATA"; elif [[ $created_data == 1 ]]; then echo "kept the store in $DATA" >&2; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -f "$DATA/cueflow.db" && -f "$DATA/.audience-seeded" ]]; then
  echo "== reusing the store in $DATA ($(cat "$DATA/.audience-seeded") contacts)"
else
  echo "== seeding $CONTACTS contacts into $DATA"
  java -cp "$JAR" "$here/AudienceSeed.java" "$DATA" "$CONTACTS" || die "seeding failed"
  echo "$CONTACTS" >"$DATA/.audience-seeded"
fi
echo "store: $(du -sh "$DATA" | cut -f1)"
KEY="$(java -jar "$JAR" keys create --data "$DATA" --workspace default --name preview-bench 2>/dev/null | grep -o 'sk_[A-Za-z0-9]*' | tail -n 1)"
[[ -n "$KEY" ]] || die "keys create printed no key"

echo "== starting the server on $URL"
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" serve --port "$PORT" --host 127.0.0.1 --data "$DATA" >"$DATA/server.log" 2>&1 &
server_pid=$!
for i in $(seq 1 240); do
  if curl -fsS -m 2 "$URL/health" >/dev/null 2>&1; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { tail -n 40 "$DATA/server.log" >&2; die "the server exited during startup"; }
  [[ $i -lt 240 ]] || die "no answer on $URL/health after 120 s"
  sleep 0.5
done

declare -a NAMES BODIES
NAMES+=("feature adoption: advanced_export_viewed has_done AND advanced_export_used has_not_done")
BODIES+=('{"targeting":{"groups":[{"rules":[{"type":"event","eventKey":"advanced_export_viewed","operator":"has_done"},{"type":"event","eventKey":"advanced_export_used","operator":"has_not_done"}]}]}}')
NAMES+=("report_viewed count_greater_than 5 OR plan equals pro")
BODIES+=('{"targeting":{"groups":[{"rules":[{"type":"event","eventKey":"report_viewed","operator":"count_greater_than","value":5}]},{"rules":[{"type":"contact","field":"plan","operator":"equals","value":"pro"}]}]}}')
NAMES+=("session_started last_done_within 7 AND customAttributes.seats greater_than 10")
BODIES+=('{"targeting":{"groups":[{"rules":[{"type":"event","eventKey":"session_started","operator":"last_done_within","days":7},{"type":"contact","field":"customAttributes.seats","operator":"greater_than","value":10}]}]}}')
NAMES+=("purchase_completed count_greater_than 1 withinDays 30 where amount > 100 (raw events)")
BODIES+=('{"targeting":{"groups":[{"rules":[{"type":"event","eventKey":"purchase_completed","operator":"count_greater_than","value":1,"withinDays":30,"where":[{"property":"amount","operator":"greater_than","value":100}]}]}]}}')
NAMES+=("inactive: purchase_completed has_not_done withinDays 7 AND plan not_equals free (raw events)")
BODIES+=('{"targeting":{"groups":[{"rules":[{"type":"event","eventKey":"purchase_completed","operator":"has_not_done","withinDays":7},{"type":"contact","field":"plan","operator":"not_equals","value":"free"}]}]}}')

preview() {
  curl -sS -m 600 -o "$DATA/preview.json" -w '%{http_code} %{time_total}' -X POST "$URL/api/v1/audiences/preview" \
    -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" -d "$1"
}
# The server's CPU seconds (user + system) so far: on a shared machine the wall time of a preview mostly measures
# the wait for a core, and its CPU time what it costs.
CLK_TCK="$(getconf CLK_TCK)"
server_cpu() { awk -v hz="$CLK_TCK" '{printf "%.3f", ($14 + $15) / hz}' "/proc/$server_pid/stat"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END { printf "%.3f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# A bare request through the same server and client, for scale: the preview's time less this is the counting.
health_times=()
for _ in $(seq 1 "$((RUNS + 2))"); do health_times+=("$(curl -sS -o /dev/null -w '%{time_total}' "$URL/health")"); done

declare -a SUMMARY
for t in "${!NAMES[@]}"; do
  echo "== targeting $((t + 1)): ${NAMES[$t]}"
  read -r status seconds <<<"$(preview "${BODIES[$t]}")"
  [[ "$status" == 200 ]] || die "preview answered $status: $(cat "$DATA/preview.json")"
  count="$(grep -o '"count":[0-9]*' "$DATA/preview.json" | cut -d: -f2)"
  echo "   warm-up: ${seconds}s, count $count"
  times=(); cpus=()
  for run in $(seq 1 "$RUNS"); do
    cpu_before="$(server_cpu)"
    read -r status seconds <<<"$(preview "${BODIES[$t]}")"
    [[ "$status" == 200 ]] || die "preview answered $status: $(cat "$DATA/preview.json")"
    cpu="$(awk -v a="$cpu_before" -v b="$(server_cpu)" 'BEGIN {printf "%.3f", b - a}')"
    echo "   run $run: ${seconds}s (server CPU ${cpu}s, load $(cut -d' ' -f1 /proc/loadavg))"
    times+=("$seconds"); cpus+=("$cpu")
  done
  SUMMARY+=("$(printf '%-4s %10s %10s %12s   %s' "$((t + 1))" "$count" "$(median "${times[@]}")" "$(median "${cpus[@]}")" "${NAMES[$t]}")")
done

cpu_model="$(awk -F': *' '/^(model name|Model|cpu model)/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)"
echo
echo "================ Cueflow audience preview benchmark ================"
echo "machine:  nproc=$(nproc), CPU: ${cpu_model:-unknown}, memory: $(free -g | awk '/^Mem:/ {print $2}') GiB; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java:     $(java -version 2>&1 | head -n 1)"
echo "store:    $(cat "$DATA/.audience-seeded") contacts x 20 event keys (activity rollups), raw events for purchase_completed only; $(du -sh "$DATA" | cut -f1)"
echo "timing:   client-side curl time_total and the server's CPU seconds, median of $RUNS after one warm-up; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "/health:  median $(median "${health_times[@]}") s over ${#health_times[@]} requests (same server, same client)"
echo
printf '%-4s %10s %10s %12s   %s\n' "#" count median_s median_cpu_s targeting
printf '%s\n' "${SUMMARY[@]}"
