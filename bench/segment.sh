#!/usr/bin/env bash
# Segment-spec ingestion against native ingestion, in the same run on the same store: wrk posts
# realistic Segment batches to /v1/batch (bench/segment-batches.lua: analytics-node's track calls with
# context, _metadata, nested properties and unique messageIds) and native batches of the same size to
# /api/v1/events/batch (bench/batches.lua), beside GET /health as the machine's yardstick.
#
#   bash bench/segment.sh                     # 3 runs, 100,000 contacts, 200 events per batch
#   RUNS=1 DURATION=10 bash bench/segment.sh
#
# Per run: a fresh store seeded with CONTACTS contacts, the server started on it, a warm-up of both,
# wrk on /health (64 connections, 10 s), then native and Segment batches (CONNECTIONS connections,
# DURATION seconds each; the order alternates between runs). Prints each run and the medians.
# Environment: JAR RUNS=3 CONTACTS=100000 BATCH=200 CONNECTIONS=4 DURATION=20 WARMUP=5 JAVA_OPTS SERVE_ARGS
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
JAR="${JAR:-$repo/target/cueflow.jar}"
RUNS="${RUNS:-3}"; CONTACTS="${CONTACTS:-100000}"; BATCH="${BATCH:-200}"
CONNECTIONS="${CONNECTIONS:-4}"; DURATION="${DURATION:-20}"; WARMUP="${WARMUP:-5}"
JAVA_OPTS="${JAVA_OPTS:-}"; SERVE_ARGS="${SERVE_ARGS:-}"
[[ -f "$JAR" ]] || { echo "segment.sh: build the jar first (mvn -B package -DskipTests)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "segment.sh: wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/cueflow-segment.XXXXXX")"
server=""
cleanup() { if [[ -n "$server" ]]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
only200() { grep -qE "^status 200: [0-9]+$" "$1" && ! grep -qE "^status [^2]" "$1" || { cat "$1"; echo "segment.sh: non-200 responses" >&2; exit 1; }; }

native() { wrk -t2 -c"$CONNECTIONS" -d"$1" -s "$here/batches.lua" "$url" -- "$CONTACTS" "$BATCH"; }
segment() { wrk -t2 -c"$CONNECTIONS" -d"$1" -s "$here/segment-batches.lua" "$url" -- "$CONTACTS" "$BATCH"; }

declare -a natives segments ratios healths
for run in $(seq 1 "$RUNS"); do
  data="$work/data-$run"
  key=$(java -cp "$JAR" "$here/SeedContacts.java" "$data" "$CONTACTS" 2>/dev/null)
  java $JAVA_OPTS -jar "$JAR" serve --host 127.0.0.1 --port "$port" --data "$data" $SERVE_ARGS >"$work/server-$run.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -sf "$url/health" >/dev/null && break; sleep 0.2; done
  export CUEFLOW_API_KEY="$key" CUEFLOW_BASIC_AUTH="$(printf '%s:' "$key" | base64 -w0)"
  native "${WARMUP}s" >/dev/null 2>&1; segment "${WARMUP}s" >/dev/null 2>&1
  wrk -t2 -c64 -d10s "$url/health" >"$work/health-$run.txt" 2>&1
  if (( run % 2 )); then
    native "${DURATION}s" >"$work/native-$run.txt" 2>&1; segment "${DURATION}s" >"$work/segment-$run.txt" 2>&1
  else
    segment "${DURATION}s" >"$work/segment-$run.txt" 2>&1; native "${DURATION}s" >"$work/native-$run.txt" 2>&1
  fi
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  only200 "$work/native-$run.txt"; only200 "$work/segment-$run.txt"
  grep -q "BATCHES_WITH_REJECTED=0" "$work/native-$run.txt" || { cat "$work/native-$run.txt"; exit 1; }
  n=$(awk -v r="$(rps "$work/native-$run.txt")" -v b="$BATCH" 'BEGIN {printf "%.0f", r * b}')
  s=$(awk -v r="$(rps "$work/segment-$run.txt")" -v b="$BATCH" 'BEGIN {printf "%.0f", r * b}')
  ratio=$(awk -v a="$s" -v b="$n" 'BEGIN {printf "%.2f", a / b}')
  health=$(rps "$work/health-$run.txt" | awk '{printf "%.0f", $1}')
  echo "run $run: native /api/v1/events/batch $n events/s | Segment /v1/batch $s events/s = ${ratio}x native | /health $health req/s"
  natives+=("$n"); segments+=("$s"); ratios+=("$ratio"); healths+=("$health")
done
echo "median: native $(printf '%s\n' "${natives[@]}" | median) events/s | Segment $(printf '%s\n' "${segments[@]}" | median) events/s = $(printf '%s\n' "${ratios[@]}" | median)x | /health $(printf '%s\n' "${healths[@]}" | median) req/s"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
