#!/usr/bin/env bash
# Makes an unzipped WildFly ready for Pulse, once (the configuration itself records it):
#   wildfly-config/install.sh <WILDFLY_HOME> <hazelcast.jar>
# The com.hazelcast module (the cluster member Pulse starts on WildFly), then configure.cli.
# Called by the build (profiles run-wildfly and wildfly, pom.xml); safe to call again.
set -euo pipefail
home=$1
hazelcast_jar=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$home/modules/com/hazelcast/main"
cp "$here/modules/com/hazelcast/main/module.xml" "$home/modules/com/hazelcast/main/"
cp "$hazelcast_jar" "$home/modules/com/hazelcast/main/hazelcast.jar"
# configure.cli adds the micrometer extension: its presence means the file was configured (an
# unpack over it restores the original, which then gets configured again).
if ! grep -q 'module="org.wildfly.extension.micrometer"' "$home/standalone/configuration/standalone.xml"; then
  "$home/bin/jboss-cli.sh" --file="$here/configure.cli"
fi
# A deployment an earlier test run left behind (Arquillian deploys through the management API, which
# records it in standalone.xml; a run killed before undeploying leaves it): every run starts empty.
perl -0pi -e 's#\s*<deployments>.*?</deployments>##s' "$home/standalone/configuration/standalone.xml"
