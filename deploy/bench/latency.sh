#!/usr/bin/env bash
# End-to-end latency and footprint of the whole local stack (deploy/local/run.sh on free ports):
# single events POSTed open-loop at fixed rates, timed from each intended send time to a TLS QoS 1
# subscriber, against a plain Vert.x MQTT publisher straight to the same broker (the baseline) in the
# same run; RSS of each service at idle and after the heaviest rate; startup-to-ready per service.
# Usage: deploy/bench/latency.sh [seconds per rate] [rates]   (defaults: 20 200,2000, the rates of issue 16's goals)
# Results: deploy/bench/target/bench-latency.{md,json,png}
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
./mvn.sh -B -q package -DskipTests -pl deploy/bench -am
# the services as run.sh runs them (with their class caches), built when older than their sources
NEMO_BUILD_ONLY=1 deploy/local/run.sh
exec java -Xmx1g -Djava.awt.headless=true ${BENCH_JAVA_OPTS:-} \
  -cp "deploy/bench/target/classes:$(cat deploy/bench/target/classpath.txt)" \
  -Dnemo.repo.root="$root" nemo.mqtt.bench.EndToEndLatency "${1:-20}" "${2:-200,2000}"
