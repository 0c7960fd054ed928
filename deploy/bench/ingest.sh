#!/usr/bin/env bash
# event-emitter ingest benchmark: sustained POST rate and latency percentiles against a plain
# PostgreSQL INSERT baseline, in one run. Usage: deploy/bench/ingest.sh [seconds]   (default 20)
# Results: deploy/bench/target/bench-ingest.{md,json}
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
./mvn.sh -B -q package -DskipTests -pl event-emitter,deploy/bench -am
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "deploy/bench/target/classes:$(cat deploy/bench/target/classpath.txt)" \
  -Dnemo.repo.root="$root" \
  nemo.mqtt.bench.EmitterIngest "${1:-20}"
