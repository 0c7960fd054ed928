#!/usr/bin/env bash
# Runs one backing service of the local stack in the foreground (exec, so signals reach it),
# from the OS packages, installing them where they are missing:
#   services.sh redis     PORT DIR            Redis, AOF on, data in DIR
#   services.sh mosquitto PORT DIR CERT_DIR   Mosquitto, TLS listener with client certificates
#   services.sh postgres  PORT DIR [DB]       a private PostgreSQL cluster, database DB (default nemo)
#   services.sh nginx     PORT DIR UPSTREAM   nginx with a plain proxy_pass to 127.0.0.1:UPSTREAM and
#                                             nginx's default proxy settings, as a site might put in
#                                             front of the monitor (the tests check live pages through it)
# Used by deploy/local/run.sh and by the tests, so both run the same services the same way.
# From the environment (run.sh sets them; the tests' throwaway services run without):
#   NEMO_REDIS_PASSWORD  Redis requires it (AUTH); NEMO_PG_PASSWORD  user nemo needs it (SCRAM)
#   NEMO_MQTT_ACL        an ACL file for Mosquitto (deploy/local/mosquitto.acl); without it any
#                        client with a certificate may publish, as the tests that play the bridge need.
#   NEMO_PG_EXTRA        more PostgreSQL settings, e.g. "-c shared_preload_libraries=pg_stat_statements"
#                        to see a benchmark's statements (word-split: options without spaces in values)
# Data, logs and config written here are readable by their owner only.
set -euo pipefail
umask 077
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
kind=${1:?service kind}; port=${2:?port}; dir=${3:?dir}
mkdir -p "$dir"
chmod 700 "$dir"
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
    # The settings go in a file, not on the command line, where every local user could read the password.
    cat > "$dir/redis.conf" <<CONF
port $port
bind 127.0.0.1
dir $dir
appendonly yes
appendfsync everysec
save ""
daemonize no
protected-mode yes
logfile ""
CONF
    [ -z "${NEMO_REDIS_PASSWORD:-}" ] || printf 'requirepass "%s"\n' "$NEMO_REDIS_PASSWORD" >> "$dir/redis.conf"
    unset NEMO_REDIS_PASSWORD
    exec redis-server "$dir/redis.conf"
    ;;
  mosquitto)
    certs=${4:?cert dir}
    [ -x /usr/sbin/mosquitto ] || command -v mosquitto >/dev/null || install_packages mosquitto
    acl=()
    if [ -n "${NEMO_MQTT_ACL:-}" ]; then
      cp "$NEMO_MQTT_ACL" "$dir/acl"
    else
      acl=(-e '/^acl_file /d')
    fi
    sed -e "s|@PORT@|$port|g" -e "s|@CERTS@|$(cd "$certs" && pwd)|g" -e "s|@DATA@|$dir|g" \
      -e "s|@USER@|$(id -un)|g" "${acl[@]}" "$here/mosquitto.conf" > "$dir/mosquitto.conf"
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
      chown postgres: "$dir"
      mkdir -p "$data" && chown postgres: "$data" && chmod 700 "$data"
      "${as_owner[@]}" test -w "$data" || { echo "services.sh: user postgres cannot reach $data; make its parents traversable" >&2; exit 1; }
    fi
    if [ ! -s "$data/PG_VERSION" ]; then
      "${as_owner[@]}" "$bin/initdb" -D "$data" -U nemo --auth=trust -E UTF8 --no-instructions >"$dir/initdb.log"
    fi
    # Single-user mode creates the database before the server listens; "already exists" is fine.
    echo "CREATE DATABASE \"$db\"" | "${as_owner[@]}" "$bin/postgres" --single -D "$data" postgres >"$dir/createdb.log" 2>&1 || true
    grep -q -i "error" "$dir/createdb.log" && ! grep -q "already exists" "$dir/createdb.log" && { cat "$dir/createdb.log" >&2; exit 1; }
    # With a password, every connection (socket or TCP) must give it; without, the tests' trust.
    auth=trust
    if [ -n "${NEMO_PG_PASSWORD:-}" ]; then
      auth=scram-sha-256
      # on stdin, never on a command line; single-user mode needs no connection, so no old password
      # (its output may quote the statement, so it is dropped, not logged)
      out=$(printf "ALTER ROLE nemo PASSWORD '%s'\n" "${NEMO_PG_PASSWORD//\'/\'\'}" |
        "${as_owner[@]}" "$bin/postgres" --single -D "$data" postgres 2>&1) || out="error"
      if grep -q -i "error" <<<"$out"; then echo "services.sh: could not set the password of nemo" >&2; exit 1; fi
    fi
    unset NEMO_PG_PASSWORD
    printf '%s\n' "local all all $auth" "host all all 127.0.0.1/32 $auth" "host all all ::1/128 $auth" |
      "${as_owner[@]}" tee "$data/pg_hba.conf" >/dev/null
    exec "${as_owner[@]}" "$bin/postgres" -D "$data" -p "$port" -c listen_addresses=127.0.0.1 \
      -c unix_socket_directories="$data" -c unix_socket_permissions=0700 -c max_connections=200 -c fsync=on ${NEMO_PG_EXTRA:-}
    ;;
  nginx)
    upstream=${4:?upstream port}
    [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || install_packages nginx
    # Everything (pid, temp files, logs to stderr) stays in DIR; as root the workers keep this user.
    user=""; [ "$(id -u)" -ne 0 ] || user="user $(id -un);"
    cat > "$dir/nginx.conf" <<CONF
daemon off;
$user
worker_processes 1;
pid $dir/nginx.pid;
error_log stderr notice;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $dir/client_body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://127.0.0.1:$upstream;
    }
  }
}
CONF
    exec "$(command -v nginx || echo /usr/sbin/nginx)" -p "$dir/" -c "$dir/nginx.conf" -e stderr
    ;;
  *) echo "services.sh: unknown service $kind" >&2; exit 2 ;;
esac
