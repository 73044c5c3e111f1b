#!/usr/bin/env bash
# Re-makes docs/img/postmortem.png, the README's screenshot of the HTML postmortem: seed 003 (a
# Flask app whose / fails half the time) replayed against a real server on loopback, with
# --incident on probe, scan and verify, then `report --format html` photographed by headless
# Chromium (Debian: apt-get install -y chromium). Nothing here runs in the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/rootcause.jar ] || ./mvnw -B -q -DskipTests package
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
rc() { bin/rootcause "$@" --store "$work/rootcause.db"; }  # picks a JDK 21+ itself
at() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }

# The seed's app, in the standard library: / fails at random half the time until FIXED is set.
cat > "$work/app.py" <<'PY'
import http.server, os, random, sys
random.seed(3)
class App(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        bad = not os.environ.get("FIXED") and random.choice([True, False])
        body = b"Internal Server Error" if bad else b'{"status": "ok"}'
        self.send_response(500 if bad else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 128
Server(("127.0.0.1", int(sys.argv[1])), App).serve_forever()
PY
python3 "$work/app.py" 5001 & FIXED=1 python3 "$work/app.py" 5002 &
sleep 1

rc slo set buggy-app --availability 99.9% --window 30d >/dev/null
id=$(rc incident open --title 'buggy-app returns 500 on about half of the requests to /' \
  --severity SEV3 --service buggy-app --at "$(at '-50 min')" --impact-start "$(at '-65 min')")
rc incident note "$id" 'Random spikes in error rate; curl localhost:5001/ fails intermittently' \
  --at "$(at '-49 min')" >/dev/null
for m in 48 43 38 33; do
  rc probe http://127.0.0.1:5001/ --requests 40 --record buggy-app --incident "$id" \
    --incident-at "$(at "-$m min")" >/dev/null 2>&1 || true
done
rc scan examples/flask-random-500 --no-cache --incident "$id" --incident-at "$(at '-40 min')" \
  >/dev/null 2>&1 || true
rc incident status "$id" identified -m 'random.choice([True, False]) raises in GET /' \
  --at "$(at '-39 min')" >/dev/null
rc incident status "$id" monitoring -m 'random failure removed and redeployed' \
  --at "$(at '-25 min')" >/dev/null
for m in 23 18; do
  rc probe http://127.0.0.1:5002/ --requests 40 --record buggy-app --incident "$id" \
    --incident-at "$(at "-$m min")" >/dev/null 2>&1
done
rc verify http://127.0.0.1:5002/ --incident "$id" --incident-at "$(at '-16 min')" >/dev/null 2>&1
rc incident status "$id" resolved -m '/ returns {"status": "ok"} every time' \
  --at "$(at '-15 min')" >/dev/null
rc incident note "$id" --lesson 'Call every endpoint many times in CI: a 50% failure passes one manual check half the time' \
  --at "$(at '-5 min')" >/dev/null
rc report "$id" --format html --output "$work/postmortem.html" >/dev/null

chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --window-size=${WINDOW:-1040,1500} --screenshot="$PWD/docs/img/postmortem.png" \
  "file://$work/postmortem.html" 2>/dev/null
cp "$work/postmortem.html" "${KEEP_HTML:-/dev/null}" 2>/dev/null || true
echo "wrote docs/img/postmortem.png ($id)"
