import os
import random
import time

from flask import Flask, jsonify

app = Flask(__name__)
CHAOS = os.getenv("CHAOS_ENABLED", "false") == "true"
API_KEY = os.environ["API_KEY"]


@app.route("/healthz")
def healthz():
    return "ok"


@app.route("/api/items")
def items():
    if CHAOS and random.randint(1, 4) == 1:
        return jsonify(error="chaos"), 500
    return jsonify(items=["a", "b", "c"], key_suffix=API_KEY[-4:])


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
