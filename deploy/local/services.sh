#!/usr/bin/env bash
# Runs one backing service of the local stack in the foreground (exec, so signals reach it),
# from the OS packages, installing them where they are missing:
#   services.sh redis     PORT DIR            Redis, AOF on, data in DIR
#   services.sh mosquitto PORT DIR CERT_DIR   Mosquitto, TLS listener with client certificates
#   services.sh postgres  PORT DIR [DB]       a private PostgreSQL cluster, database DB (default nemo)
# Used by deploy/local/run.sh and by the tests, so both run the same services the same way.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
kind=${1:?service kind}; port=${2:?port}; dir=${3:?dir}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

install_packages() {
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "services.sh: installing $* from the OS packages" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}
need() { command -v "$1" >/dev/null 2>&1 || install_packages "$2"; }

case "$kind" in
  redis)
    need redis-server redis-server
    exec redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --appendonly yes \
      --appendfsync everysec --save "" --daemonize no --protected-mode yes --logfile ""
    ;;
  mosquitto)
    certs=${4:?cert dir}
    [ -x /usr/sbin/mosquitto ] || command -v mosquitto >/dev/null || install_packages mosquitto
    sed -e "s|@PORT@|$port|g" -e "s|@CERTS@|$(cd "$certs" && pwd)|g" -e "s|@DATA@|$dir|g" \
      -e "s|@USER@|$(id -un)|g" "$here/mosquitto.conf" > "$dir/mosquitto.conf"
    exec "$(command -v mosquitto || echo /usr/sbin/mosquitto)" -c "$dir/mosquitto.conf"
    ;;
  postgres)
    db=${4:-nemo}
    ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || install_packages postgresql
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    data="$dir/pgdata"
    as_owner=()
    if [ "$(id -u)" -eq 0 ]; then
      # PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
      as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups)
      mkdir -p "$data" && chown postgres: "$data" && chmod 700 "$data"
      "${as_owner[@]}" test -w "$data" || { echo "services.sh: user postgres cannot reach $data; make its parents traversable" >&2; exit 1; }
    fi
    if [ ! -s "$data/PG_VERSION" ]; then
      "${as_owner[@]}" "$bin/initdb" -D "$data" -U nemo --auth=trust -E UTF8 --no-instructions >"$dir/initdb.log"
    fi
    # Single-user mode creates the database before the server listens; "already exists" is fine.
    echo "CREATE DATABASE \"$db\"" | "${as_owner[@]}" "$bin/postgres" --single -D "$data" postgres >"$dir/createdb.log" 2>&1 || true
    grep -q -i "error" "$dir/createdb.log" && ! grep -q "already exists" "$dir/createdb.log" && { cat "$dir/createdb.log" >&2; exit 1; }
    exec "${as_owner[@]}" "$bin/postgres" -D "$data" -p "$port" -c listen_addresses=127.0.0.1 \
      -c unix_socket_directories="$data" -c max_connections=200 -c fsync=on
    ;;
  *) echo "services.sh: unknown service $kind" >&2; exit 2 ;;
esac
