import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/report")
def report():
    # Read per request: a missing key fails this route, not the start.
    token = os.environ["REPORTING_TOKEN"]
    return jsonify({"authorized": bool(token)})


@app.route("/healthz")
def healthz():
    return jsonify({"status": "ok"})
