#!/usr/bin/env bash
# Makes the development PKI for the local stack and the tests, idempotently:
#   ca.pem/ca.key            the dev CA that the broker and every client trust
#   server.pem/server.key    the broker's certificate (SAN localhost, 127.0.0.1, ::1, or NEMO_CERT_SERVER_SAN)
#   bridge, monitor, display client certificates (PEM) for mqtt-bridge, monitor-ui and subscribers
# Usage: certs/make-certs.sh [out-dir]   (default: certs/out; keys are git-ignored, never committed)
set -euo pipefail
out=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/out}
cn_prefix=${NEMO_CERT_CN_PREFIX:-NEMO MQTT dev}
server_san=${NEMO_CERT_SERVER_SAN:-DNS:localhost,IP:127.0.0.1,IP:::1}
mkdir -p "$out"
cd "$out"
umask 077

key() { [ -s "$1.key" ] || openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }

if [ ! -s ca.pem ] || [ ! -s ca.key ]; then
  rm -f ca.key
  key ca
  openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/CN=$cn_prefix CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out ca.pem 2>/dev/null
fi

# leaf NAME CN EXTENSIONS: (re)issues NAME.pem unless it exists and still chains to this CA.
leaf() {
  local name=$1 cn=$2 ext=$3
  if [ -s "$name.pem" ] && [ -s "$name.key" ] && openssl verify -CAfile ca.pem "$name.pem" >/dev/null 2>&1; then
    return
  fi
  key "$name"
  openssl req -new -key "$name.key" -subj "/CN=$cn" 2>/dev/null |
    openssl x509 -req -CA ca.pem -CAkey ca.key -CAcreateserial -sha256 -days 825 \
      -extfile <(printf '%s\n' "$ext") -out "$name.pem" 2>/dev/null
}

leaf server "localhost" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=$server_san"
for client in bridge monitor display; do
  leaf "$client" "nemo-$client" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth"
done
chmod 600 ./*.key
chmod 644 ./*.pem
rm -f ca.srl
echo "$out"
