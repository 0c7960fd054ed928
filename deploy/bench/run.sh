#!/usr/bin/env bash
# Bridge throughput benchmark: the mqtt-bridge against a plain Vert.x publisher (the baseline, same
# broker, TLS and window) in one run, plus the broker-restart recovery time.
# Usage: deploy/bench/run.sh [messages]   (default 100000). Results: deploy/bench/target/bench-*.{md,json}
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
./mvn.sh -B -q package -DskipTests -pl mqtt-bridge,deploy/bench -am
exec java -Xmx1g -cp "deploy/bench/target/classes:$(cat deploy/bench/target/classpath.txt)" \
  -Dnemo.repo.root="$root" \
  nemo.mqtt.bench.BridgeThroughput "${1:-100000}"
