#!/usr/bin/env bash
# Change data capture end to end (issue 12): NEMO's changes (usage start/end, one transaction each, on
# 100 tools) committed open-loop into NEMO's PostgreSQL (wal_level=logical, NEMO's tables), timed from
# each commit to its arrival at a TLS QoS 1 subscriber through the event-emitter (capture on), Redis,
# the mqtt-bridge and Mosquitto. Prints rate, committed/s, delivered/s, p50/p95/p99/max and the goal
# (p99 < 250 ms). Usage: deploy/bench/capture.sh [seconds per rate] [rates]   (defaults: 30 20,200)
# Results: deploy/bench/target/bench-capture.{md,json}; service logs in deploy/bench/target/capture-logs
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
./mvn.sh -B -q package -DskipTests -pl event-emitter,mqtt-bridge,deploy/bench -am
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "deploy/bench/target/classes:$(cat deploy/bench/target/classpath.txt)" \
  -Dnemo.repo.root="$root" nemo.mqtt.bench.CaptureLatency "${1:-30}" "${2:-20,200}"
