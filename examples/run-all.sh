#!/usr/bin/env bash
# Run the Node, Python and PHP examples against a live Cueflow server; fail if any fails.
#
#   CUEFLOW_URL=http://localhost:8080 CUEFLOW_API_KEY=sk_... bash examples/run-all.sh
#
# Needs node (20+), python3 and php (php-cli) on the PATH. Exit status: 0 when all three
# examples succeeded, 1 when at least one failed, 2 when CUEFLOW_API_KEY is missing.
set -uo pipefail

if [[ -z "${CUEFLOW_API_KEY:-}" ]]; then
  echo "CUEFLOW_API_KEY is not set: export a secret key (sk_...) first." >&2
  exit 2
fi
export CUEFLOW_URL="${CUEFLOW_URL:-http://localhost:8080}"
export CUEFLOW_API_KEY

dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
failed=()

run() {
  local name="$1"; shift
  echo "=== $name: $* ==="
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "FAIL $name: '$1' is not installed" >&2
    failed+=("$name")
  elif "$@"; then
    echo "PASS $name"
  else
    echo "FAIL $name (exit $?)" >&2
    failed+=("$name")
  fi
  echo
}

run node   node    "$dir/node/track.js"
run python python3 "$dir/python/track.py"
run php    php     "$dir/php/track.php"

if (( ${#failed[@]} > 0 )); then
  echo "examples failed: ${failed[*]}" >&2
  exit 1
fi
echo "all examples passed against $CUEFLOW_URL"
