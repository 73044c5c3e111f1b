import os
import random

from flask import Flask, abort, jsonify

app = Flask(__name__)
FAILURE_RATE = float(os.getenv("FAILURE_RATE", "0.1"))


@app.route("/quote")
def quote():
    # expect: app/random-failure-injection "aborts with 503 when random.random() < FAILURE_RATE (about 10% of requests, rate from FAILURE_RATE)"
    if random.random() < FAILURE_RATE:
        abort(503)
    return jsonify({"price": 42})


@app.route("/checkout", methods=["POST"])
def checkout():
    unlucky = random.randint(1, 10) > 8
    # expect: app/random-failure-injection "POST /checkout returns 500 when unlucky is true (about 20% of requests)"
    if unlucky:
        return jsonify({"error": "payment gateway flaked"}), 500
    return jsonify({"ok": True})
