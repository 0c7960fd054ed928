#!/usr/bin/env bash
# The chaos suite (testing/e2e ChaosTest) for longer than CI runs it: SIGKILLs the broker, Redis,
# the emitter and one of two bridge replicas at random moments during a steady stream of POSTs,
# restarts each after a random pause, then checks that nothing accepted was lost or reordered and
# that every tool's retained status is its last event. Prints the seed, the counts and the recovery
# time of each fault; a failure lists the lost event ids.
# Usage: deploy/bench/chaos.sh [duration] [seed]   (default 3m; e.g. 90s, 10m, 1h)
# More: BENCH_MAVEN_ARGS="-Dchaos.rate=80 -Dchaos.tools=40" deploy/bench/chaos.sh 10m
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
args=("-Dchaos.duration=${1:-3m}")
if [ -n "${2:-}" ]; then args+=("-Dchaos.seed=$2"); fi
# verify packages the services the test starts; -Dtest and -DskipITs leave every other test out
exec ./mvn.sh -B verify -pl testing/e2e -am -Dtest=ChaosTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs \
  "${args[@]}" ${BENCH_MAVEN_ARGS:-}
