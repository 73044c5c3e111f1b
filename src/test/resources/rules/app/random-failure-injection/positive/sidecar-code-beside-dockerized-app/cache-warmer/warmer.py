"""Sidecar: warms the catalog cache and reports its own status on :9000."""
import random
import threading
import time

import requests
from flask import Flask, jsonify

app = Flask(__name__)
state = {"last_run": None}


def warm():
    while True:
        requests.get("http://localhost:3000/products/sku-1", timeout=2)
        state["last_run"] = time.time()
        time.sleep(30)


@app.route("/status")
def status():
    # expect: app/random-failure-injection
    if random.random() < 0.2:
        return jsonify(error="warmer busy"), 503
    return jsonify(state)


if __name__ == "__main__":
    threading.Thread(target=warm, daemon=True).start()
    app.run(host="0.0.0.0", port=9000)
