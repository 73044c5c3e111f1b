import time

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/")
def index():
    return jsonify({"service": "sre-assessment"})


# expect: app/health-endpoint-fails "GET /healthz answers 500 on every call"
@app.route("/healthz")
def healthz():
    return jsonify({"status": "unhealthy"}), 500
