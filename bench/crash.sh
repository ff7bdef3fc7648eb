#!/usr/bin/env bash
# Crash safety under a heavier load than CI's: SIGKILL mid-load, then every acknowledged event must
# be stored exactly once and activity must equal a recount. Prints the figures line of the test.
#   CLIENTS=64 SECONDS_OF_LOAD=20 CONTACTS=10000 bash bench/crash.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B verify -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=CrashSafetyIT \
  -Dcrash.clients="${CLIENTS:-64}" -Dcrash.seconds="${SECONDS_OF_LOAD:-20}" -Dcrash.contacts="${CONTACTS:-10000}" \
  | grep -E "crash test:|Tests run:|FAIL"
