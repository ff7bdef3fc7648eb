#!/usr/bin/env bash
# Dashboard pages over a big store: CONTACTS contacts and EVENTS events (SQLite), each page's
# time to the last byte (p50/p95 of SAMPLES sequential requests, beside GET /health), then the CSV
# export of every contact while the server's resident memory is sampled every 0.2 s.
set -euo pipefail
JAR=${JAR:-target/cueflow.jar}
CONTACTS=${CONTACTS:-100000}
EVENTS=${EVENTS:-2000000}
SAMPLES=${SAMPLES:-40}
RUNS=${RUNS:-3}
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
DATA=$(mktemp -d /tmp/cueflow-dashboard-bench.XXXXXX)
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$JAR" bench/DashboardSeed.java "$DATA" "$CONTACTS" "$EVENTS"
java -jar "$JAR" serve --data "$DATA" --host 127.0.0.1 --port "$PORT" ${JAVA_SERVE_ARGS:-} > "$DATA/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/health" > /dev/null && break; sleep 0.2; done
for run in $(seq 1 "$RUNS"); do
  LINK=$(java -jar "$JAR" users create --data "$DATA" --email "bench$run@example.com" --workspace bench --role admin | grep -o '/setup?token=[A-Za-z0-9_-]*')
  echo "== run $run (load $(cut -d' ' -f1-3 /proc/loadavg))"
  ( peak=0; while kill -0 $SERVER 2>/dev/null; do
      rss=$(awk '/VmRSS/{print $2}' /proc/$SERVER/status); [ "$rss" -gt "$peak" ] && peak=$rss && echo "$peak" > "$DATA/rss-$run"; sleep 0.2; done ) &
  SAMPLER=$!
  echo "server RSS before: $(awk '/VmRSS/{print int($2/1024)}' /proc/$SERVER/status) MiB"
  java bench/DashboardBench.java "http://127.0.0.1:$PORT" "$LINK" "$SAMPLES"
  echo "server RSS after: $(awk '/VmRSS/{print int($2/1024)}' /proc/$SERVER/status) MiB, peak during the run: $(( $(cat "$DATA/rss-$run") / 1024 )) MiB"
  kill $SAMPLER 2>/dev/null || true
done
