#!/usr/bin/env bash
# Scan benchmark: a synthetic monorepo of N services (code, Dockerfile, build script, Deployment,
# Service, HPA, NetworkPolicy each), scanned end to end, against the floor of just reading and
# YAML-parsing the same files. Prints wall time, files/s and peak RSS for each N.
#
# usage: bench/scan-bench.sh [N ...]        (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] || continue
    v=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then JAVA_HOME="$candidate"; fi
  done
fi
JAVA="$JAVA_HOME/bin/java"
[ -f target/rootcause.jar ] || ./mvnw -q -B -DskipTests package

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# wall_s and rss are the whole scan process (JVM start included); scan_s and floor_s are measured
# inside each process, so the ratio compares the work, not JVM or javac start-up.
# Each size is scanned twice: with plain `java -jar` (JVM defaults), and through bin/rootcause (the
# launcher's measured flags; its class-data archive is created by a warm-up run first).
printf '%-7s %-7s %-14s %-8s %-8s %-9s %-8s %-8s %-6s %s\n' N files launch wall_s rss_MiB files/s scan_s floor_s ratio findings
JAVA_HOME="$(dirname "$(dirname "$JAVA")")" bin/rootcause scan examples/cloudmart --fail-on none --no-cache > /dev/null

# One scan: row N LAUNCH CACHE-FLAG COMMAND...; prints wall, RSS, files/s, in-process scan time.
row() {
  local n=$1 launch=$2 flag=$3
  shift 3
  local out="$work/scan-$n.json" stats wall rss_kb findings scan_ms scan_s
  stats=$( { /usr/bin/time -f '%e %M' "$@" scan "$repo" --format json --fail-on none -o "$out" $flag >/dev/null; } 2>&1 | tail -1)
  wall=${stats% *}
  rss_kb=${stats#* }
  read -r findings scan_ms < <(python3 -c "import json; s=json.load(open('$out'))['summary']; print(s['findings'], s['elapsedMillis'])")
  scan_s=$(echo "$scan_ms / 1000" | bc -l)
  printf '%-7s %-7s %-14s %-8s %-8.0f %-9.0f %-8.2f %-8s %-6.2f %s\n' "$n" "$files" "$launch" "$wall" \
    "$(echo "$rss_kb / 1024" | bc -l)" "$(echo "$files / $wall" | bc -l)" "$scan_s" "$floor" \
    "$(echo "$scan_s / $floor" | bc -l)" "$findings"
}
for n in "${sizes[@]}"; do
  repo="$work/repo-$n"
  python3 bench/generate.py "$n" "$repo"
  files=$(find "$repo" -type f | wc -l)
  # Warm the page cache so both measurements read from memory.
  find "$repo" -type f -exec cat {} + > /dev/null
  floor=$("$JAVA" -cp target/rootcause.jar bench/ReadParseFloor.java "$repo" | sed -n 's/.* in \([0-9.]*\) s .*/\1/p')
  for launch in java-jar bin/rootcause; do
    if [ "$launch" = java-jar ]; then
      cmd=("$JAVA" -jar target/rootcause.jar)
    else
      cmd=(env JAVA_HOME="$(dirname "$(dirname "$JAVA")")" bin/rootcause)
    fi
    row "$n" "$launch" --no-cache "${cmd[@]}"
  done
  # The cache of per-file facts (bin/rootcause only): the first run writes it, the second finds
  # every file unchanged, the third finds one source file edited.
  cache="$work/cache-$n"
  cmd=(env JAVA_HOME="$(dirname "$(dirname "$JAVA")")" ROOTCAUSE_CACHE_DIR="$cache" bin/rootcause)
  row "$n" "cache-write" "" "${cmd[@]}"
  row "$n" "cache-warm" "" "${cmd[@]}"
  edited=$(find "$repo" -name '*.py' -print -quit)
  printf '\n# edited by the benchmark\n' >> "$edited"
  row "$n" "cache-1-edited" "" "${cmd[@]}"
done
