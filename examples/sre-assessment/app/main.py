"""SRE assessment service: a tiny HTTP API used by the candidate exercise."""
import os
import random
import time

from flask import Flask, jsonify

app = Flask(__name__)

START_TIME = time.time()


@app.route("/")
def index():
    # Simulates a slow dependency.
    time.sleep(random.randint(3, 8))
    return jsonify({"service": "sre-assessment", "status": "running"})


@app.route("/healthz")
def healthz():
    return jsonify({"status": "unhealthy"}), 500


@app.route("/version")
def version():
    return jsonify({"version": os.environ.get("APP_VERSION", "dev"),
                    "uptime_seconds": int(time.time() - START_TIME)})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
