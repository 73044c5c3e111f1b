import time

from flask import Flask, jsonify

app = Flask(__name__)
STARTED = time.time()


@app.route("/health")
def health():
    # Simulates a dependency that drops out for 3 s in every 10 s.
    # expect: app/random-failure-injection "by the clock: 30% of the time"
    if time.time() % 10 < 3:
        return jsonify(status="degraded"), 500
    return jsonify(status="ok", uptime=round(time.time() - STARTED))


@app.route("/rates")
def rates():
    return jsonify(eur=1.0, usd=1.09)
