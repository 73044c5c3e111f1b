import random

from flask import Flask, abort, jsonify

app = Flask(__name__)


@app.get("/healthz")
def healthz():
    return "ok"


@app.get("/orders")
def orders():
    return jsonify([])


@app.get("/chaos")
def chaos():
    """Game-day endpoint: fails half the time so alerts can be tested."""
    # expect: app/random-failure-injection "a demo route, failing on purpose by its name"
    if random.random() < 0.5:
        abort(503)
    return jsonify(survived=True)
