#!/usr/bin/env bash
# Runs Maven 3.9.16 (Quarkus needs 3.9.12+). The first call fetches that Maven through the
# system Maven from the configured repositories, so no download address lives in this repository.
set -euo pipefail
version=3.9.16
root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
home="$root/.maven/apache-maven-$version"
if [ ! -x "$home/bin/mvn" ]; then
  command -v mvn >/dev/null || { echo "mvn.sh: a system Maven is needed to bootstrap Maven $version (apt-get install -y maven)" >&2; exit 1; }
  (cd "$root/.maven" 2>/dev/null || mkdir -p "$root/.maven"
   cd "$root/.maven" && mvn -q -B -N org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
     -Dartifact=org.apache.maven:apache-maven:$version:tar.gz:bin -DoutputDirectory="$root/.maven" -Dmdep.overWriteReleases=true)
fi
exec "$home/bin/mvn" "$@"
