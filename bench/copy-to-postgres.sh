#!/usr/bin/env bash
# Copies a benchmark store from SQLite to PostgreSQL, so that a benchmark seeded once on SQLite (say
# bench/AudienceSeed.java) can be measured on PostgreSQL too: migrates the (empty) PostgreSQL database with the
# jar's own migrations, then copies workspaces, contacts, activity and events with COPY.
#
#   bash bench/copy-to-postgres.sh /tmp/aud/cueflow.db 'jdbc:postgresql://127.0.0.1:5432/aud?user=postgres'
#
# Environment: JAR=target/cueflow.jar. Needs: java, psql (the URL's host, port, database and user are
# passed to psql; a password, if any, through PGPASSWORD).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="${JAR:-$(dirname "$here")/target/cueflow.jar}"
db="$1"; url="$2"
die() { echo "copy-to-postgres.sh: $*" >&2; exit 1; }
[[ -f "$db" ]] || die "no SQLite store at $db"
[[ "$url" =~ ^jdbc:postgresql://([^:/]+):([0-9]+)/([^?]+)\?user=([^&]+) ]] || die "expected jdbc:postgresql://HOST:PORT/DB?user=USER"
host="${BASH_REMATCH[1]}"; port="${BASH_REMATCH[2]}"; database="${BASH_REMATCH[3]}"; user="${BASH_REMATCH[4]}"
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$user" -d "$database" "$@"; }

java -jar "$JAR" migrate --database-url "$url" >/dev/null || die "migrate failed"
psql_ -c "DELETE FROM api_keys; DELETE FROM workspaces"
copy() {  # table, columns[, the columns as read from SQLite]
  local started=$SECONDS
  java -cp "$JAR" "$here/SqliteCsv.java" "$db" "SELECT ${3:-$2} FROM $1" | psql_ -c "\\copy $1 ($2) FROM STDIN WITH (FORMAT csv)"
  echo "$1: $(psql_ -t -A -c "SELECT COUNT(*) FROM $1") rows in $((SECONDS - started)) s"
}
copy workspaces "id, name, created_at, event_retention_days"
copy contacts "workspace_id, id, external_id, email, name, phone, avatar_url, role, plan, signed_up_at, custom_attributes, created_at, updated_at, last_seen_at"
copy activity "workspace_id, contact_id, event_key, event_count, first_at, last_at"
copy events "workspace_id, id, contact_id, event_key, properties, occurred_at, created_at, event_id" \
  "workspace_id, id, contact_id, event_key, json(properties), occurred_at, created_at, event_id"
# The writer stores each event's jsonb copy of its properties itself (V70); COPY does not.
psql_ -c "UPDATE events SET properties_jsonb = jsonb_or_null(properties)"
psql_ -c "VACUUM ANALYZE"
