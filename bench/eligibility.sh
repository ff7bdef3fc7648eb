#!/usr/bin/env bash
# Cueflow eligibility benchmark: GET /api/v1/contacts/{id}/messages?url=... vs GET /health, measured with wrk.
#
#   bash bench/eligibility.sh                         # defaults: 10,000 contacts, 30 s per measurement, 3 runs
#   DURATION=5 RUNS=1 CONTACTS=2000 bash bench/eligibility.sh     # quick check
#
# Uses an existing jar (it does not build: mvn -B -q package -DskipTests). It creates a fresh temporary data
# dir and a key, starts the server on a free port in PORT_RANGE, seeds CONTACTS contacts with events of 20
# event keys each (batch endpoint) and 50 published messages with varied targetings (bench/seed-audience.js),
# warms up WARMUP seconds, then RUNS times runs wrk on GET /health and wrk with bench/eligibility.lua (THREADS
# threads, CONNECTIONS connections, DURATION seconds, --latency each), and prints every run plus the medians:
# requests/s, p50, p99, errors, the eligibility/health ratio and the machine. wrk's closed loop saturates the
# server, so its latencies are CONNECTIONS divided by the rate it reaches; each run then also paces wrk (every
# connection waits PACE_MS after each answer, so CONNECTIONS connections offer about CONNECTIONS * 1000 / PACE_MS
# requests/s, 10,000 by default) and prints the rate reached and the latencies at that rate. wrk times a request
# from when it was sent, so a stall that delays sending is not counted (no coordinated-omission correction). The server is stopped and the data
# dir deleted on exit. Exit status 1 if any response was an error (non-2xx on /health, non-200 on eligibility).
#
# Environment (all optional):
#   JAR=target/cueflow.jar  DURATION=30  CONNECTIONS=64  THREADS=2  RUNS=3  WARMUP=10  CONTACTS=10000
#   PACE_MS=6 (ms each connection waits between requests in the paced measurement; 0 leaves it out)
#   PORT=(a free port in PORT_RANGE)  PORT_RANGE="19000 19999"  JAVA_OPTS=  SERVE_ARGS=(extra `serve` arguments)
# Needs: java, wrk, node (20+), curl.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
JAR="${JAR:-$repo/target/cueflow.jar}"
DURATION="${DURATION:-30}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
RUNS="${RUNS:-3}"
WARMUP="${WARMUP:-10}"
CONTACTS="${CONTACTS:-10000}"
PACE_MS="${PACE_MS:-6}"
PORT_RANGE="${PORT_RANGE:-19000 19999}"
JAVA_OPTS="${JAVA_OPTS:-}"
SERVE_ARGS="${SERVE_ARGS:-}"

die() { echo "eligibility.sh: $*" >&2; exit 1; }

[[ -f "$JAR" ]] || die "jar not found: $JAR (build it first: mvn -B -q package -DskipTests, or set JAR=...)"
for tool in java node curl wrk; do command -v "$tool" >/dev/null || die "$tool is not installed"; done

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

work="$(mktemp -d "${TMPDIR:-/tmp}/cueflow-eligibility.XXXXXX")"
DATA="$work/data"
server_pid=""

cleanup() {
  local rc=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== creating a key in a fresh data dir ($DATA)"
mkdir -p "$DATA"
# shellcheck disable=SC2086
key_out="$(java $JAVA_OPTS -jar "$JAR" keys create --data "$DATA" --workspace default --name bench)" || die "keys create failed"
export CUEFLOW_API_KEY
CUEFLOW_API_KEY="$(grep -o 'sk_[A-Za-z0-9]*' <<<"$key_out" | tail -n 1 || true)"
[[ -n "$CUEFLOW_API_KEY" ]] || die "keys create printed no sk_ key: $key_out"

echo "== starting the server on $URL"
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" serve --port "$PORT" --host 127.0.0.1 --data "$DATA" $SERVE_ARGS >"$work/server.log" 2>&1 &
server_pid=$!
for i in $(seq 1 120); do
  if curl -fsS -m 2 "$URL/health" >/dev/null 2>&1; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { tail -n 40 "$work/server.log" >&2; die "the server exited during startup"; }
  [[ $i -lt 120 ]] || { tail -n 40 "$work/server.log" >&2; die "no answer on $URL/health after 60 s"; }
  sleep 0.5
done

echo "== seeding $CONTACTS contacts, 20 event keys each, and 50 published messages"
node "$here/seed-audience.js" "$URL" - "$CONTACTS" || { tail -n 20 "$work/server.log" >&2; die "seeding failed"; }
echo "store: $(du -sh "$DATA" | cut -f1)"
echo "sample: $(curl -sS -m 5 -H "Authorization: Bearer $CUEFLOW_API_KEY" "$URL/api/v1/contacts/user-1/messages?url=%2Fsettings" \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const b=JSON.parse(s);console.log(`user-1 on /settings sees ${b.messages.length} of 50 messages (${s.length} bytes)`)})')"

export CUEFLOW_BENCH_CONTACTS="$CONTACTS"
wrk_health() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" --latency "$URL/health"; }
wrk_eligibility() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" --latency -s "$here/eligibility.lua" "$URL" -- "$CONTACTS"; }

# wrk prints latencies as 123.45us / 1.23ms / 1.02s / 2.00m: convert to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.3f", n }'
}
rps_of() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
pct_of() { to_ms "$(awk -v p="$2%" '$1 == p {print $2; exit}' "$1")"; }
non2xx_of() { awk '/Non-2xx or 3xx responses:/ {n = $NF} END {print n + 0}' "$1"; }
non200_of() { awk -F= '/^NON200=/ {n = $2} END {print n + 0}' "$1"; }
sockerr_of() { awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10; f = 1} END {if (!f) print 0}' "$1"; }
median() { local fmt="$1"; shift; printf '%s\n' "$@" | grep -v '^$' | sort -g | awk -v f="$fmt" '{a[NR] = $1} END {
  if (NR == 0) print "n/a"; else printf f "\n", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "== warming up for ${WARMUP}s (eligibility, then health)"
wrk_eligibility "$WARMUP" >"$work/warmup.txt" 2>&1 || { cat "$work/warmup.txt" >&2; die "wrk warm-up failed"; }
grep -E '^(Requests/sec|eligibility.lua:)' "$work/warmup.txt" | sed 's/^/   /'
wrk_health 3 >/dev/null 2>&1 || true

# The server's CPU seconds so far: on a shared machine req/s mostly measures the share of the cores the server
# got; CPU per request is what one costs.
CLK_TCK="$(getconf CLK_TCK)"
server_cpu() { awk -v hz="$CLK_TCK" '{printf "%.3f", ($14 + $15) / hz}' "/proc/$server_pid/stat"; }
requests_of() { awk '/requests in/ {print $1; exit}' "$1"; }

declare -a H_RPS H_P50 H_P99 H_ERR E_RPS E_P50 E_P99 E_ERR E_CPU LOAD O_RPS O_P50 O_P99 O_ERR O_CPU
for run in $(seq 1 "$RUNS"); do
  h="$work/run$run-health.txt"; e="$work/run$run-eligibility.txt"
  echo "== run $run/$RUNS: wrk GET /health (${DURATION}s, $CONNECTIONS connections, $THREADS threads)"
  wrk_health "$DURATION" >"$h" 2>&1 || { cat "$h" >&2; die "wrk failed"; }
  cat "$h"
  echo "== run $run/$RUNS: wrk GET /api/v1/contacts/{id}/messages?url=... (${DURATION}s, $CONNECTIONS connections, $THREADS threads)"
  cpu_before="$(server_cpu)"
  wrk_eligibility "$DURATION" >"$e" 2>&1 || { cat "$e" >&2; die "wrk failed"; }
  cpu_after="$(server_cpu)"
  cat "$e"
  E_CPU+=("$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$(requests_of "$e")" 'BEGIN {printf "%.3f", (b - a) * 1000 / n}')")
  LOAD+=("$(cut -d' ' -f1 /proc/loadavg)")
  H_RPS+=("$(rps_of "$h")"); H_P50+=("$(pct_of "$h" 50)"); H_P99+=("$(pct_of "$h" 99)")
  H_ERR+=("$(( $(non2xx_of "$h") + $(sockerr_of "$h") ))")
  E_RPS+=("$(rps_of "$e")"); E_P50+=("$(pct_of "$e" 50)"); E_P99+=("$(pct_of "$e" 99)")
  E_ERR+=("$(( $(non200_of "$e") + $(sockerr_of "$e") ))")
  if (( PACE_MS > 0 )); then
    o="$work/run$run-paced.txt"
    echo "== run $run/$RUNS: wrk paced, each connection waiting ${PACE_MS} ms between requests (${DURATION}s, $CONNECTIONS connections)"
    cpu_before="$(server_cpu)"
    CUEFLOW_BENCH_PACE_MS="$PACE_MS" wrk_eligibility "$DURATION" >"$o" 2>&1 || { cat "$o" >&2; die "wrk failed"; }
    cpu_after="$(server_cpu)"
    cat "$o"
    O_CPU+=("$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$(requests_of "$o")" 'BEGIN {printf "%.3f", (b - a) * 1000 / n}')")
    O_RPS+=("$(rps_of "$o")"); O_P50+=("$(pct_of "$o" 50)"); O_P99+=("$(pct_of "$o" 99)")
    O_ERR+=("$(( $(non200_of "$o") + $(sockerr_of "$o") ))")
  fi
done

cache_metrics="$(curl -sS -m 5 "$URL/metrics" | awk '/^cueflow_eligibility_cache_(hits|misses)_total/ {printf "%s=%d ", $1, $2}')"
total_errors=0
for x in "${H_ERR[@]}" "${E_ERR[@]}" "${O_ERR[@]}"; do total_errors=$((total_errors + x)); done
cpu_model="$(awk -F': *' '/^(model name|Model|cpu model)/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)"

echo
echo "================ Cueflow eligibility benchmark ================"
echo "jar:         $JAR"
echo "machine:     nproc=$(nproc), CPU: ${cpu_model:-unknown}, memory: $(free -g | awk '/^Mem:/ {print $2}') GiB"
echo "java:        $(java -version 2>&1 | head -n 1)"
echo "wrk:         $THREADS threads, $CONNECTIONS connections, ${DURATION}s per measurement, $RUNS run(s), ${WARMUP}s warm-up"
echo "data:        $CONTACTS contacts x 20 event keys (1-4 events each), 50 published messages; wrk on the same machine"
echo
printf '%-8s %-12s %12s %10s %10s %10s %12s %6s\n' run endpoint req/s p50_ms p99_ms errors cpu_ms/req load
for i in $(seq 0 $((RUNS - 1))); do
  printf '%-8s %-12s %12s %10s %10s %10s\n' "$((i + 1))" health "${H_RPS[$i]}" "${H_P50[$i]}" "${H_P99[$i]}" "${H_ERR[$i]}"
  printf '%-8s %-12s %12s %10s %10s %10s %12s %6s\n' "$((i + 1))" eligibility "${E_RPS[$i]}" "${E_P50[$i]}" "${E_P99[$i]}" \
    "${E_ERR[$i]}" "${E_CPU[$i]}" "${LOAD[$i]}"
  if (( PACE_MS > 0 )); then
    printf '%-8s %-12s %12s %10s %10s %10s %12s\n' "$((i + 1))" "paced" "${O_RPS[$i]}" "${O_P50[$i]}" "${O_P99[$i]}" \
      "${O_ERR[$i]}" "${O_CPU[$i]}"
  fi
done
mh_rps="$(median %.2f "${H_RPS[@]}")"; me_rps="$(median %.2f "${E_RPS[@]}")"
printf '%-8s %-12s %12s %10s %10s %10s\n' median health "$mh_rps" "$(median %.3f "${H_P50[@]}")" \
  "$(median %.3f "${H_P99[@]}")" "$(median %.0f "${H_ERR[@]}")"
printf '%-8s %-12s %12s %10s %10s %10s %12s\n' median eligibility "$me_rps" "$(median %.3f "${E_P50[@]}")" \
  "$(median %.3f "${E_P99[@]}")" "$(median %.0f "${E_ERR[@]}")" "$(median %.3f "${E_CPU[@]}")"
if (( PACE_MS > 0 )); then
  printf '%-8s %-12s %12s %10s %10s %10s %12s\n' median "paced" "$(median %.2f "${O_RPS[@]}")" \
    "$(median %.3f "${O_P50[@]}")" "$(median %.3f "${O_P99[@]}")" "$(median %.0f "${O_ERR[@]}")" "$(median %.3f "${O_CPU[@]}")"
fi
echo
echo "activity cache over the whole run (warm-up included): ${cache_metrics:-not reported}"
echo "eligibility/health ratio (median req/s): $(awk -v e="$me_rps" -v h="$mh_rps" 'BEGIN { if (h > 0) printf "%.3f", e / h; else print "n/a" }')"
echo "target (issue 11): >= 10000 req/s and p99 <= 10 ms for eligibility (saturated: eligibility rows; at about that rate: paced rows)"
if (( total_errors > 0 )); then
  echo "WARNING: $total_errors error responses in total: these figures do not measure successful eligibility" >&2
  tail -n 20 "$work/server.log" >&2
  exit 1
fi
