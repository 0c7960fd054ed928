#!/usr/bin/env bash
# The REST poller's delay end to end: changes in a NEMO-shaped REST server (testing/support FakeNemo)
# timed to their arrival at a TLS QoS 1 subscriber through the event-emitter (poller on), Redis, the
# mqtt-bridge and Mosquitto: tool enabled, disabled, a problem with shutdown, a reservation, and the
# first change after NEMO answered 503 for 60 s. Prints median and max per kind with the intervals.
# Usage: deploy/bench/poller.sh [samples per kind] [usage interval] [status interval]   (defaults: 5 5s 30s)
# More: BENCH_JAVA_OPTS=-Dbench.unreachable-seconds=60 (default). Results: deploy/bench/target/bench-poller.md
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
./mvn.sh -B -q package -DskipTests -pl event-emitter,mqtt-bridge,deploy/bench -am
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "deploy/bench/target/classes:$(cat deploy/bench/target/classpath.txt)" \
  -Dnemo.repo.root="$root" -Dbench.samples="${1:-5}" -Dbench.usage-interval="${2:-5s}" \
  -Dbench.status-interval="${3:-30s}" nemo.mqtt.bench.PollerDelay
