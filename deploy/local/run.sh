#!/usr/bin/env bash
# Runs the whole NEMO MQTT stack on this machine: a private Redis (AOF), a Mosquitto with a TLS
# listener that requires client certificates, a private PostgreSQL, then event-emitter, mqtt-bridge
# and monitor-ui. Prints the URLs and the API token; Ctrl-C stops all of it.
# It never touches services on the default ports: everything here has its own ports and data
# (NEMO_STATE_DIR, default .local/). Ports can be moved with the NEMO_*_PORT variables below.
# The services' JVM: NEMO_JAVA_HOME (default: the JDK of java on PATH), NEMO_JAVA_OPTS (default below),
# NEMO_CLASS_CACHE=0 to start them without a class cache; NEMO_BUILD_ONLY=1 builds what the run would
# need, then exits.
# The three services listen on NEMO_BIND_ADDRESS (default 127.0.0.1, this machine only). Redis and
# PostgreSQL require generated passwords; those, the API token and the settings encryption key are
# files under the state directory that only this user can read, as is everything else there.
set -euo pipefail
umask 077
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
state=${NEMO_STATE_DIR:-$root/.local}
certs=${NEMO_CERTS_DIR:-$root/certs/out}
redis_port=${NEMO_REDIS_PORT:-16379}
mqtt_port=${NEMO_MQTT_PORT:-18883}
pg_port=${NEMO_PG_PORT:-15432}
monitor_port=${NEMO_MONITOR_PORT:-8080}
emitter_port=${NEMO_EMITTER_PORT:-8081}
bridge_port=${NEMO_BRIDGE_PORT:-8082}
bind=${NEMO_BIND_ADDRESS:-127.0.0.1}
# where this script reaches the services: the bound address, or loopback when bound to all
case "$bind" in 0.0.0.0|::|"[::]") host=127.0.0.1 ;; *:*) host="[$bind]" ;; *) host=$bind ;; esac
services="$root/deploy/local/services.sh"
modules=(event-emitter mqtt-bridge monitor-ui)

say() { printf '\033[1m[nemo]\033[0m %s\n' "$*"; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

command -v java >/dev/null || { echo "Java 17+ is needed (apt-get install -y openjdk-17-jdk-headless)" >&2; exit 1; }
if [ "${NEMO_BUILD_ONLY:-}" != 1 ]; then
  for port in "$redis_port" "$mqtt_port" "$pg_port" "$monitor_port" "$emitter_port" "$bridge_port"; do
    if listening "$port"; then
      echo "Port $port is already in use; stop what uses it or move the stack (NEMO_*_PORT, see $0)." >&2
      exit 1
    fi
  done
fi

# The services' JVM and its class cache. Most of a start goes into reading, verifying and linking
# 8,700 (bridge) to 14,500 (emitter) classes. A training run records the classes each service loads
# and, from then on, every start maps them ready-made: on a JDK 25 or newer an AOT cache (JEP 483, 514,
# 515: classes loaded and linked), on JDK 17 to 24 a dynamic class-data sharing archive (JEP 350:
# classes parsed and verified). Both only hold classes of the JDK's own class loaders, so these runs use
# Quarkus' aot-jar layout (everything on the class path), built beside the usual fast-jar into
# target/quarkus-aot. NEMO_CLASS_CACHE=0: the fast-jar without a cache (README, "The services' JVM").
java_major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true; }
java_home=${NEMO_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
java=java
[ -z "${NEMO_JAVA_HOME:-}" ] || java="$java_home/bin/java"
cache=0 layout=quarkus-app
if [ "${NEMO_CLASS_CACHE:-1}" != 0 ] && [ "$(java_major "$java_home")" -ge 17 ] 2>/dev/null; then
  cache=1 layout=quarkus-aot
fi
cache_record=-XX:AOTCacheOutput cache_use=-XX:AOTCache cache_suffix=aot
if [ "$cache" = 1 ] && [ "$(java_major "$java_home")" -lt 25 ]; then
  cache_record=-XX:ArchiveClassesAtExit cache_use=-XX:SharedArchiveFile cache_suffix=jsa
  # JDK 17's sharing crashes the JVM when a class file load hook is on from the start (JFR started by
  # -XX:StartFlightRecording, a Java agent): SIGSEGV in KlassFactory::check_shared_class_file_load_hook
  # (17.0.15). JFR started later with jcmd is fine.
  case " ${NEMO_JAVA_OPTS:-} ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-} " in
    *StartFlightRecording*|*-javaagent*|*-agentlib*|*-agentpath*) cache=0 layout=quarkus-app ;;
  esac
fi

# stale MODULE: whether MODULE's packaged jar in the layout used is missing or older than its sources or
# those of the modules it packages (wire, service-support) or the parent pom.
stale() {
  local jar="$root/$1/target/$layout/quarkus-run.jar" dir sources=("$root/pom.xml")
  for dir in "$1" wire service-support; do sources+=("$root/$dir/src/main" "$root/$dir/pom.xml"); done
  [ ! -f "$jar" ] || [ -n "$(find "${sources[@]}" -newer "$jar" -print -quit)" ]
}
# Build what is missing or older than its sources (NEMO_BUILD_ONLY=1: only that, then exit).
stale=()
for module in "${modules[@]}"; do
  if stale "$module"; then stale+=("$module"); fi
done
if [ "${#stale[@]}" -gt 0 ] && [ "${NEMO_SKIP_BUILD:-}" != "1" ]; then
  say "building ${stale[*]} (first run takes a few minutes)"
  layout_props=()
  [ "$cache" = 0 ] || layout_props=(-Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=$layout)
  (IFS=,; "$root/mvn.sh" -B -q package -DskipTests -pl "${stale[*]}" -am "${layout_props[@]}")
elif [ "${#stale[@]}" -gt 0 ] && [ "$cache" = 1 ]; then
  # NEMO_SKIP_BUILD=1 (the tests, after their own build) and no current aot-jar layout: the fast-jar as built.
  cache=0 layout=quarkus-app
fi
[ "${NEMO_BUILD_ONLY:-}" != 1 ] || exit 0

command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }
mkdir -p "$state/logs"
# As root, PostgreSQL runs as user postgres, which must pass through (not list) the state directory.
if [ "$(id -u)" -eq 0 ]; then chmod 711 "$state"; else chmod 700 "$state"; fi
chmod 700 "$state/logs"

say "making the dev certificates in $certs"
"$root/certs/make-certs.sh" "$certs" >/dev/null

# generated NAME: a random secret kept in $state/NAME (mode 0600) across runs, printed to stdout.
generated() {
  local file="$state/$1"
  [ -s "$file" ] || head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$file"
  chmod 600 "$file"
  cat "$file"
}
token=$(generated api-token)
redis_password=$(generated redis-password)
pg_password=$(generated postgres-password)
# The key that encrypts secrets (the broker's client key) in the stored broker settings: 32 bytes.
key_file="$state/settings-encryption-key"
[ -s "$key_file" ] || openssl rand -base64 32 > "$key_file"
chmod 600 "$key_file"
settings_key=$(cat "$key_file")

# The monitor's sign-in: an admin and a viewer with generated passwords, and the key that encrypts
# session cookies, in a file only this user can read (kept across runs, like the token).
monitor_config="$state/monitor.properties"
if [ ! -s "$monitor_config" ]; then
  secret() { head -c 24 /dev/urandom | base64 | tr -d '/+=\n'; }
  (umask 077; cat > "$monitor_config" <<PROPS
quarkus.security.users.embedded.users.admin=$(secret)
quarkus.security.users.embedded.roles.admin=admin
quarkus.security.users.embedded.users.viewer=$(secret)
quarkus.security.users.embedded.roles.viewer=viewer
nemo.monitor.session-key=$(secret)$(secret)
PROPS
  )
fi

declare -A pids=()
stopping=0
# terminate NAME SIGNAL TENTHS: sends NAME's process SIGNAL, waits up to TENTHS tenths of a second for
# it to exit, then kills it.
terminate() {
  local pid=${pids[$1]:-}
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -"$2" "$pid" 2>/dev/null || true
    for _ in $(seq 1 "$3"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
}
stop_all() {
  [ "$stopping" = 1 ] && return
  stopping=1
  trap - INT TERM
  say "stopping"
  # Services first so they disconnect cleanly, then the infrastructure.
  for name in monitor-ui mqtt-bridge event-emitter mosquitto redis postgres; do
    if [ "$name" = postgres ]; then terminate "$name" INT 300; else terminate "$name" TERM 300; fi
  done
  wait 2>/dev/null || true
  say "stopped"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

start() {
  local name=$1; shift
  "$@" >"$state/logs/$name.log" 2>&1 &
  pids[$name]=$!
}

# await NAME CHECK...: waits up to 3 minutes for CHECK to succeed while NAME is alive.
await() {
  local name=$1; shift
  for _ in $(seq 1 1800); do
    "$@" && return 0
    if ! kill -0 "${pids[$name]}" 2>/dev/null; then
      echo "$name exited; the end of $state/logs/$name.log:" >&2
      tail -n 30 "$state/logs/$name.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "$name did not become ready; see $state/logs/$name.log" >&2
  exit 1
}
ready() { curl -fs -o /dev/null "http://$host:$1/q/health/ready"; }

say "starting Redis :$redis_port, PostgreSQL :$pg_port, Mosquitto (TLS) :$mqtt_port"
NEMO_REDIS_PASSWORD=$redis_password start redis "$services" redis "$redis_port" "$state/redis"
NEMO_PG_PASSWORD=$pg_password start postgres "$services" postgres "$pg_port" "$state/postgres" nemo
NEMO_MQTT_ACL="$root/deploy/local/mosquitto.acl" \
  start mosquitto "$services" mosquitto "$mqtt_port" "$state/mosquitto" "$certs"
await redis listening "$redis_port"
await postgres listening "$pg_port"
await mosquitto listening "$mqtt_port"

export QUARKUS_REDIS_HOSTS="redis://:$redis_password@127.0.0.1:$redis_port"
export QUARKUS_HTTP_HOST=$bind
# Small-footprint JVM options (README, "The services' JVM"): one GC thread, a heap sized to the live
# data (13-22 MiB after a full collection) with a 32 MiB young generation, no C2 compiler. (-Xms32m
# saved about 50 MiB each at idle but doubled the stack's p99 at 200 events/s: more collections.)
# One Vert.x event loop per service, where Quarkus makes two per core: the six servers share this
# machine, and each hand-over between two loops costs a thread wake-up.
java_opts=(${NEMO_JAVA_OPTS:--XX:+UseSerialGC -Xmx128m -Xmn32m -XX:TieredStopAtLevel=1 -Dquarkus.vertx.event-loops-pool-size=1})
# Each service's class cache, for this JDK build and these JVM options (a cache made with other options
# may not load), in its aot-jar layout; a build of the layout makes it stale.
cache_file="jdk-$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$java_home/release" 2>/dev/null || true)"
cache_file+="-$(printf '%s\n' "${java_opts[@]}" | cksum | cut -d' ' -f1).$cache_suffix"
cache_training=0

# exported VAR=VALUE... -- COMMAND...: runs COMMAND with those variables in its environment, never on a
# command line (where ps would show the secrets among them).
exported() {
  while [ "$1" != -- ]; do export "$1"; shift; done
  shift
  exec "$@"
}
# service MODULE PORT VAR=VALUE...: starts MODULE's packaged jar on PORT with those variables added; on
# the aot-jar layout from its class cache, or recording it (cache_training=1).
service() {
  local module=$1 port=$2; shift 2
  local app="$root/$module/target/$layout" jvm=("${java_opts[@]}")
  if [ "$cache" = 1 ] && [ "$cache_training" = 1 ]; then
    jvm+=("$cache_record=$app/$cache_file.new")
  elif [ "$cache" = 1 ] && [ -s "$app/$cache_file" ]; then
    jvm+=("$cache_use=$app/$cache_file")
  fi
  start "$module" exported QUARKUS_HTTP_PORT="$port" "$@" -- "$java" "${jvm[@]}" -jar "$app/quarkus-run.jar"
}
# What the emitter and the monitor need to reach PostgreSQL.
postgres_env=(
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$pg_port/nemo"
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$pg_port/nemo"
  QUARKUS_DATASOURCE_PASSWORD="$pg_password"
)
# broker_env CLIENT HOST PORT CA CERT KEY: prints the variables, under the names the service's config
# gives them, that point it at Mosquitto over TLS with the CA and CLIENT's certificate and key.
broker_env() {
  printf '%s\n' "$2=localhost" "$3=$mqtt_port" "$4=$certs/ca.pem" "$5=$certs/$1.pem" "$6=$certs/$1.key"
}
mapfile -t bridge_broker < <(broker_env bridge NEMO_BRIDGE_BROKER_{HOST,PORT,TLS_CA_FILE,TLS_CERT_FILE,TLS_KEY_FILE})
mapfile -t monitor_broker < <(broker_env monitor \
  MP_MESSAGING_INCOMING_NEMO_{HOST,PORT,SSL_TRUSTSTORE_LOCATION,SSL_KEYSTORE_LOCATION,SSL_KEYSTORE_PASSWORD})

# Starts the three services and waits until each is ready.
start_services() {
  service event-emitter "$emitter_port" "${postgres_env[@]}" NEMO_EMITTER_API_TOKENS_LOCAL="$token"
  service mqtt-bridge "$bridge_port" NEMO_BRIDGE_CONSUMER_NAME=local-bridge-1 "${bridge_broker[@]}" \
    NEMO_SETTINGS_ENCRYPTION_KEY="$settings_key"
  service monitor-ui "$monitor_port" QUARKUS_CONFIG_LOCATIONS="$monitor_config" "${postgres_env[@]}" \
    "${monitor_broker[@]}" NEMO_SETTINGS_ENCRYPTION_KEY="$settings_key"
  await event-emitter ready "$emitter_port"
  await mqtt-bridge ready "$bridge_port"
  await monitor-ui ready "$monitor_port"
}
# cache_current MODULE: whether MODULE has a cache newer than every jar of its layout.
cache_current() {
  local app="$root/$1/target/$layout"
  [ -s "$app/$cache_file" ] && [ -z "$(find "$app" -name '*.jar' -newer "$app/$cache_file" -print -quit)" ]
}
if [ "$cache" = 1 ]; then
  untrained=()
  for module in "${modules[@]}"; do cache_current "$module" || untrained+=("$module"); done
  if [ "${#untrained[@]}" -gt 0 ] && [ "${NEMO_SKIP_BUILD:-}" = "1" ]; then
    cache=0 layout=quarkus-app # the tests never wait for a training run: the fast-jar they built
  elif [ "${#untrained[@]}" -gt 0 ]; then
    # The training run: the services start once as usual while the JVM records, and stop once ready;
    # at exit each JVM writes its cache (some seconds). Again only after a new build, another JDK or
    # other NEMO_JAVA_OPTS.
    say "training the class caches of ${untrained[*]}: starting and stopping all three once ($java_home)"
    cache_training=1
    start_services
    for module in "${modules[@]}"; do kill -TERM "${pids[$module]}"; done
    for module in "${modules[@]}"; do
      terminate "$module" 0 1800 # stopping already; up to 3 minutes to write the cache
      mv "$state/logs/$module.log" "$state/logs/$module-cache-training.log"
      app="$root/$module/target/$layout"
      if [ -s "$app/$cache_file.new" ]; then
        mv "$app/$cache_file.new" "$app/$cache_file"
      else
        say "no class cache recorded for $module; it starts without (see $state/logs/$module-cache-training.log)"
      fi
    done
    cache_training=0
  fi
fi

jvm_note="$java"
[ "$cache" = 0 ] || jvm_note+=", class cache $cache_file"
say "starting event-emitter :$emitter_port, mqtt-bridge :$bridge_port, monitor-ui :$monitor_port ($jvm_note)"
start_services

cat <<INFO

NEMO MQTT is running.
  Monitor              http://$host:$monitor_port/   users admin and viewer, passwords in $monitor_config
  Event API            http://$host:$emitter_port/api/v1/events   (OpenAPI: http://$host:$emitter_port/q/openapi)
  API token            $token
  Bridge health        http://$host:$bridge_port/q/health
  MQTT broker (TLS)    localhost:$mqtt_port   CA and client certificates: $certs
                       only the bridge's certificate may publish (deploy/local/mosquitto.acl)
  Secrets              $state/{redis-password,postgres-password,settings-encryption-key} (mode 0600)
  Logs                 $state/logs/

Send an event:
  curl -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \\
       -d '{"event":"tool_enabled","tool_id":1,"tool_name":"Woollam","user_name":"Alice Smith"}' \\
       http://$host:$emitter_port/api/v1/events
Watch the broker:
  mosquitto_sub -h localhost -p $mqtt_port --cafile $certs/ca.pem --cert $certs/display.pem --key $certs/display.key -t 'nemo/#' -v

Ctrl-C stops everything.
INFO

# Runs until Ctrl-C, or until one of the processes dies.
wait -n "${pids[@]}" || true
if [ "$stopping" = 0 ]; then
  for name in "${!pids[@]}"; do
    kill -0 "${pids[$name]}" 2>/dev/null || echo "$name stopped unexpectedly; see $state/logs/$name.log" >&2
  done
  exit 1
fi
