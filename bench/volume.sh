#!/usr/bin/env bash
# Ingestion at volume: the storage ceiling (events written straight through the ingest writer,
# no HTTP, no JSON) beside batches of 1,000 events over HTTP, on the same workload, in one run.
#
#   bash bench/volume.sh                          # 3 runs, 100,000 contacts, 30 event keys
#   RUNS=1 DURATION=10 EVENTS=200000 bash bench/volume.sh
#
# Per run: StorageCeiling (EVENTS events after a warm-up, submissions of 1,000, IN_FLIGHT at once),
# then a fresh store seeded with CONTACTS contacts, the server started on it, wrk on GET /health
# (64 connections) and wrk with bench/batches.lua (CONNECTIONS connections) for DURATION seconds,
# sampling the server's RSS every second. Prints each run and the medians.
# Environment: JAR RUNS=3 CONTACTS=100000 EVENTS=1000000 IN_FLIGHT=4 CONNECTIONS=4 DURATION=40
#              WARMUP=5 JAVA_OPTS SERVE_ARGS
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
JAR="${JAR:-$repo/target/cueflow.jar}"
RUNS="${RUNS:-3}"; CONTACTS="${CONTACTS:-100000}"; EVENTS="${EVENTS:-1000000}"; IN_FLIGHT="${IN_FLIGHT:-4}"
CONNECTIONS="${CONNECTIONS:-4}"; DURATION="${DURATION:-40}"; WARMUP="${WARMUP:-5}"
JAVA_OPTS="${JAVA_OPTS:-}"; SERVE_ARGS="${SERVE_ARGS:-}"
[[ -f "$JAR" ]] || { echo "volume.sh: build the jar first (mvn -B package -DskipTests)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "volume.sh: wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/cueflow-volume.XXXXXX")"
server=""
cleanup() { if [[ -n "$server" ]]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }

declare -a ceilings httpeps healths ratios rsss
for run in $(seq 1 "$RUNS"); do
  ceiling=$(java $JAVA_OPTS -cp "$JAR" "$here/StorageCeiling.java" "$CONTACTS" "$EVENTS" 1000 "$IN_FLIGHT" 2>/dev/null \
    | grep -o '= [0-9]* events/s' | grep -o '[0-9]*')
  data="$work/data-$run"
  key=$(java -cp "$JAR" "$here/SeedContacts.java" "$data" "$CONTACTS" 2>/dev/null)
  java $JAVA_OPTS -jar "$JAR" serve --host 127.0.0.1 --port "$port" --data "$data" $SERVE_ARGS >"$work/server-$run.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -sf "$url/health" >/dev/null && break; sleep 0.2; done
  export CUEFLOW_API_KEY="$key"
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$here/batches.lua" "$url" -- "$CONTACTS" >/dev/null 2>&1
  wrk -t2 -c64 -d10s "$url/health" >"$work/health-$run.txt" 2>&1
  ( peak=0; while kill -0 "$server" 2>/dev/null; do r=$(ps -o rss= -p "$server" | tr -d ' '); [[ -n "$r" && "$r" -gt "$peak" ]] && peak=$r && echo "$peak" >"$work/rss-$run"; sleep 1; done ) &
  sampler=$!
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$here/batches.lua" "$url" -- "$CONTACTS" >"$work/batch-$run.txt" 2>&1
  kill "$server"; wait "$server" 2>/dev/null || true; server=""; wait "$sampler" 2>/dev/null || true
  grep -q "BATCHES_WITH_REJECTED=0" "$work/batch-$run.txt" || { cat "$work/batch-$run.txt"; echo "volume.sh: some batches had rejected items" >&2; exit 1; }
  grep -qE "^status 200: [0-9]+$" "$work/batch-$run.txt" && ! grep -qE "^status [^2]" "$work/batch-$run.txt" \
    || { cat "$work/batch-$run.txt"; echo "volume.sh: non-200 batch responses" >&2; exit 1; }
  eps=$(awk -v r="$(rps "$work/batch-$run.txt")" 'BEGIN {printf "%.0f", r * 1000}')
  health=$(rps "$work/health-$run.txt" | awk '{printf "%.0f", $1}')
  rss=$(( $(cat "$work/rss-$run") / 1024 ))
  ratio=$(awk -v a="$eps" -v b="$ceiling" 'BEGIN {printf "%.2f", a / b}')
  p99=$(awk '/ 99%/ {print $2}' "$work/batch-$run.txt")
  echo "run $run: storage ceiling $ceiling events/s | HTTP batches $eps events/s (p99 per batch $p99) = ${ratio}x ceiling | /health $health req/s | server RSS peak ${rss} MiB"
  ceilings+=("$ceiling"); httpeps+=("$eps"); healths+=("$health"); ratios+=("$ratio"); rsss+=("$rss")
done
echo "median: storage ceiling $(printf '%s\n' "${ceilings[@]}" | median) events/s | HTTP batches $(printf '%s\n' "${httpeps[@]}" | median) events/s = $(printf '%s\n' "${ratios[@]}" | median)x | /health $(printf '%s\n' "${healths[@]}" | median) req/s | RSS peak $(printf '%s\n' "${rsss[@]}" | median) MiB"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1)"
