#!/usr/bin/env bash
# The shared harness's pulse/run.sh contract, on WildFly: start Pulse (a built checkout) on PostgreSQL,
# print "PID COOKIE" (PID: WildFly's JVM, whose CPU and RSS the harness samples).
# Usage: bench/wildfly/run.sh CHECKOUT [port] [rooms]   (default 8002, 0 extra rooms)
# Needs target/pulse.war and target/wildfly-* prepared (mvn -Pwildfly -DskipTests package).
set -euo pipefail
CO="$1"; PORT="${2:-8002}"; ROOMS="${3:-0}"
HOME_DIR="$(ls -d "$CO"/target/wildfly-[0-9]* | head -1)"
BASE="$CO/target/wildfly-bench-$PORT"
OFFSET=$((PORT - 8080))
psql -q -h 127.0.0.1 -U postgres -c 'DROP DATABASE IF EXISTS pulse_bench' -c 'CREATE DATABASE pulse_bench' >&2
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
rm -rf "$BASE"; mkdir -p "$BASE/deployments"; cp -r "$HOME_DIR/standalone/configuration" "$BASE/"
cp "$CO/target/pulse.war" "$BASE/deployments/ROOT.war"
OPTS=$(sed -n 's:.*<wildfly.java.options>\(.*\)</wildfly.java.options>.*:\1:p' "$CO/pom.xml")
DB_CLASS=org.postgresql.ds.PGSimpleDataSource DB_URL=jdbc:postgresql://127.0.0.1:5432/pulse_bench DB_USER=postgres DB_PASSWORD=x \
PULSE_ADMIN_PASSWORD=bench-admin-pw PULSE_CHAT_POST_LIMIT=100000000 PULSE_ACCOUNTS_REGISTRATIONS_PER_ADDRESS=1000 \
PULSE_CLUSTER_MEMBERS=127.0.0.1:6950 PULSE_CLUSTER_PORT=6950 PULSE_CLUSTER_NAME=pulsebench PULSE_CLUSTER_INTERFACE=127.0.0.1 \
LAUNCH_JBOSS_IN_BACKGROUND=1 JAVA_OPTS="-Xmx2g $OPTS" \
nohup "$HOME_DIR/bin/standalone.sh" -Djboss.server.base.dir="$BASE" -Djboss.socket.binding.port-offset=$OFFSET \
  -b 127.0.0.1 -bmanagement 127.0.0.1 > "${BENCH_LOG:-/tmp/pulse-bench-$PORT.log}" 2>&1 &
SCRIPT=$!
READY="http://127.0.0.1:$((9990 + OFFSET))/health/ready"
for _ in $(seq 600); do curl -sf -o /dev/null "$READY" && break; sleep 0.2; done
PID=$(pgrep -f -- "-Djboss.server.base.dir=$BASE" | grep -v "^$SCRIPT\$" | while read -r p; do [ "$(cat /proc/$p/comm)" = java ] && echo "$p"; done | head -1)
curl -sf -o /dev/null "$READY" || { echo "pulse on WildFly did not become ready" >&2; kill $SCRIPT; exit 1; }
if [ "$ROOMS" -gt 0 ]; then
  ADMIN=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d '{"username":"admin","password":"bench-admin-pw"}' "http://127.0.0.1:$PORT/api/accounts/login" \
    | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(JSESSIONID=[^;]*\).*/\1/p' | head -1)
  for r in $(seq 0 $((ROOMS-1))); do curl -s -o /dev/null -H "Cookie: $ADMIN" -H 'Content-Type: application/json' -d "{\"name\":\"r$r\"}" "http://127.0.0.1:$PORT/api/chat/rooms"; done
fi
curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"username":"bench","password":"Quiet-Harbor-4821"}' "http://127.0.0.1:$PORT/api/accounts/register"
COOKIE=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d '{"username":"bench","password":"Quiet-Harbor-4821"}' "http://127.0.0.1:$PORT/api/accounts/login" \
  | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(JSESSIONID=[^;]*\).*/\1/p' | head -1)
[ -n "$COOKIE" ] || { echo "login failed" >&2; kill "$PID"; exit 1; }
echo "$PID $COOKIE"
