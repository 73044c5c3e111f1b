"""SRE assessment service: a tiny HTTP API used by the candidate exercise."""
import random
import time

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/")
def index():
    # Simulates a slow dependency.
    # expect: app/sleep-in-handler "GET / sleeps in time.sleep(random.randint(3, 8)) on every request"
    time.sleep(random.randint(3, 8))
    return jsonify({"service": "sre-assessment", "status": "running"})


@app.route("/healthz")
def healthz():
    return jsonify({"status": "ok"})
