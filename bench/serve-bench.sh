#!/usr/bin/env bash
# Page times of `rootcause serve` with 1,000 incidents and one incident of 5,000 timeline entries.
# Usage: bench/serve-bench.sh [REQUESTS-PER-PAGE]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ ! -f target/rootcause.jar ]; then
  ./mvnw -B -q -o -DskipTests -Dspotless.check.skip=true package
fi
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp target/rootcause.jar bench/ServeBench.java "${1:-200}"
