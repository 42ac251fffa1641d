#!/usr/bin/env bash
# Serves Pulse on WildFly in the foreground (mvn -Prun-wildfly -DskipTests package calls it):
#   wildfly-config/run.sh <WILDFLY_HOME> <pulse.war> [http port, default 8080]
# Each port gets a server directory of its own (target/wildfly-run-<port>), and every other port of
# the server moves with the HTTP one (management at 9990 + port - 8080), so several instances run
# side by side. They form one Hazelcast cluster on loopback, as the Payara run profile does, unless
# PULSE_CLUSTER_MEMBERS says otherwise.
set -euo pipefail
home=$(cd "$1" && pwd)
war=$2
port=${3:-8080}
base="$(dirname "$home")/wildfly-run-$port"
rm -rf "$base"
cp -r "$home/standalone" "$base"
cp "$war" "$base/deployments/ROOT.war"
export PULSE_CLUSTER_MEMBERS=${PULSE_CLUSTER_MEMBERS:-127.0.0.1:5701}
export PULSE_CLUSTER_INTERFACE=${PULSE_CLUSTER_INTERFACE:-127.0.0.1}
# JAVA_OPTS replaces standalone.conf's defaults; WILDFLY_JAVA_OPTIONS (pom.xml) opens JDK internals to Hazelcast.
export JAVA_OPTS="-Xmx768m ${WILDFLY_JAVA_OPTIONS:-}"
exec "$home/bin/standalone.sh" -Djboss.server.base.dir="$base" \
    -Djboss.socket.binding.port-offset=$((port - 8080)) -Djboss.tx.node.id="pulse-$port" \
    -b 0.0.0.0 -bmanagement 127.0.0.1
