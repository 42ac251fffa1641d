#!/usr/bin/env bash
# The shared side-by-side benchmark (../shared/bench/compare.sh, unchanged) with Pulse on either server:
#   bench/compare.sh                     Pulse on Payara Micro (the shared harness as it is)
#   PULSE_SERVER=wildfly bench/compare.sh   Pulse on WildFly (bench/wildfly/run.sh stands in for the
#                                        harness's pulse/run.sh: same port 8002, database, users and rooms)
# Everything else (WORKLOADS, TARGETS, DUR, the reference server) as in ../shared/bench/README.md.
# Run from the project root after `mvn -DskipTests package` (for WildFly: `mvn -Pwildfly -DskipTests package`,
# which also prepares target/wildfly-*).
set -euo pipefail
SHARED="${PULSE_BENCH_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/shared/bench}"
[ -f "$SHARED/compare.sh" ] || SHARED="$(cd "$(dirname "$0")/../../shared/bench" 2>/dev/null && pwd)"
if [ "${PULSE_SERVER:-payara}" = payara ]; then
  exec "$SHARED/compare.sh"
fi
# A copy of the harness whose Pulse start script is the WildFly one; results land where the shared one puts them.
copy="$(pwd)/target/bench-harness-wildfly"
rm -rf "$copy"; mkdir -p "$copy/pulse"
cp -r "$SHARED/LoadGen.java" "$SHARED/summarize.py" "$SHARED/compare.sh" "$SHARED/nodews" "$copy/"
cp "$(dirname "$0")/wildfly/run.sh" "$copy/pulse/run.sh"
chmod +x "$copy/compare.sh" "$copy/pulse/run.sh"
exec "$copy/compare.sh"
