#!/usr/bin/env bash
# Benchmarks `rootcause probe` against wrk and hey on one local nginx serving a static file on
# loopback, at concurrency 1, 50 and 200, and prints requests/s, p50 and p99 per tool.
#
#   bench/probe-vs-wrk.sh [--duration SECONDS] [--rounds N] [--no-build] [--port PORT]
#
# The load generators and nginx share this machine's cores: a tool that burns CPU takes it from
# the server, so throughput measures the generator's efficiency as much as the server's speed.
# Tools run one after another (never at the same time), in a rotating order per round; with
# --rounds N the median of the N rounds is reported.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=10
ROUNDS=1
BUILD=1
PORT=18089
CONCURRENCY=(1 50 200)
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --port) PORT="$2"; shift 2 ;;
    *) echo "usage: $0 [--duration SECONDS] [--rounds N] [--no-build] [--port PORT]" >&2; exit 2 ;;
  esac
done

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
  JAVA_HOME=""
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then JAVA_HOME="$candidate"; fi
  done
  [ -n "$JAVA_HOME" ] || { echo "bench: no JDK >= 21 under /usr/lib/jvm" >&2; exit 2; }
fi
export JAVA_HOME

missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
command -v hey >/dev/null || missing+=(hey)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "bench: installing ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "bench: please install ${missing[*]} (Debian packages)" >&2; exit 2
  fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

if [ "$BUILD" = 1 ]; then
  echo "bench: building target/rootcause.jar" >&2
  ./mvnw -q -B -DskipTests package
fi
JAR=target/rootcause.jar
[ -f "$JAR" ] || { echo "bench: $JAR missing (run without --no-build)" >&2; exit 2; }

WORK=$(mktemp -d)
mkdir -p "$WORK/html" "$WORK/logs"
head -c 612 /dev/zero | tr '\0' 'x' > "$WORK/html/index.html"
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 10000000;
  keepalive_timeout 120s;
  server {
    listen 127.0.0.1:$PORT;
    root $WORK/html;
  }
}
CONF
cleanup() {
  if [ -f "$WORK/nginx.pid" ]; then kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true; fi
  sleep 0.2
  rm -rf "$WORK"
}
trap cleanup EXIT
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/logs/error.log"
URL="http://127.0.0.1:$PORT/index.html"
for _ in $(seq 50); do curl -fsS -o /dev/null "$URL" 2>/dev/null && break; sleep 0.1; done

# Each runner prints: rps p50_ms p99_ms
to_ms() { # 560.00us | 2.20ms | 1.02s -> milliseconds
  python3 -c "import sys,re; v=sys.argv[1]; m=re.match(r'([0-9.]+)(us|ms|s|m)\$', v); n=float(m.group(1)); u=m.group(2); print(n/1000 if u=='us' else n if u=='ms' else n*1000 if u=='s' else n*60000)" "$1"
}
run_wrk() {
  local c=$1 t=$(( $1 < 2 ? 1 : 2 ))
  local out; out=$(wrk -t"$t" -c"$c" -d"${DURATION}s" --latency "$URL")
  local rps p50 p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}
run_hey() {
  local c=$1
  local out; out=$(hey -z "${DURATION}s" -c "$c" "$URL")
  local rps p50 p99
  rps=$(awk '/Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" && $2=="in" {print $3*1000}' <<<"$out")
  p99=$(awk '$1=="99%" && $2=="in" {print $3*1000}' <<<"$out")
  echo "$rps $p50 $p99"
}
run_rootcause() {
  local c=$1
  "$JAVA_HOME/bin/java" -jar "$JAR" probe "$URL" -d "${DURATION}s" --concurrency "$c" -f json -q \
    | python3 -c "import json,sys; e=json.load(sys.stdin)['endpoints'][0]; l=e['latencyMicros']; print(e['rps'], l['p50']/1000, l['p99']/1000)"
}

declare -A RESULTS
TOOLS=(rootcause wrk hey)
for round in $(seq "$ROUNDS"); do
  for c in "${CONCURRENCY[@]}"; do
    # Rotate the order each round so no tool always runs on a warmer or cooler machine.
    for i in 0 1 2; do
      tool=${TOOLS[$(( (i + round) % 3 ))]}
      echo "bench: round $round, concurrency $c, $tool, ${DURATION}s" >&2
      RESULTS["$tool,$c,$round"]=$(run_"$tool" "$c")
    done
  done
done

median() { python3 -c "import sys,statistics; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
field() { awk -v i="$1" '{print $i}' <<<"$2"; }
summary() { # tool c -> "rps p50 p99" (medians over rounds)
  local tool=$1 c=$2 rps=() p50=() p99=()
  for round in $(seq "$ROUNDS"); do
    local r=${RESULTS["$tool,$c,$round"]}
    rps+=("$(field 1 "$r")"); p50+=("$(field 2 "$r")"); p99+=("$(field 3 "$r")")
  done
  echo "$(median "${rps[@]}") $(median "${p50[@]}") $(median "${p99[@]}")"
}

echo
echo "nginx 1 worker, static 612-byte file, ${DURATION}s per run, $ROUNDS round(s), $(nproc) cores shared by server and load generator"
printf '%-6s %-10s %12s %10s %10s\n' "conns" "tool" "requests/s" "p50 ms" "p99 ms"
for c in "${CONCURRENCY[@]}"; do
  for tool in "${TOOLS[@]}"; do
    s=$(summary "$tool" "$c")
    printf '%-6s %-10s %12.0f %10.3f %10.3f\n' "$c" "$tool" "$(field 1 "$s")" "$(field 2 "$s")" "$(field 3 "$s")"
  done
  r=$(summary rootcause "$c"); w=$(summary wrk "$c"); h=$(summary hey "$c")
  python3 - "$c" $r $w $h <<'PY'
import sys
c = sys.argv[1]
r, w, h = [list(map(float, sys.argv[i:i + 3])) for i in (2, 5, 8)]
def pct(a, b):
    return 100.0 * a / b if b else float('nan')
print(f"       rootcause/wrk throughput {pct(r[0], w[0]):.0f}%, rootcause/hey {pct(r[0], h[0]):.0f}%,"
      f" p50 vs wrk {pct(r[1], w[1]) - 100:+.0f}%, p99 vs wrk {pct(r[2], w[2]) - 100:+.0f}%")
PY
done
