import threading
import time

import schedule
from flask import Flask, jsonify

app = Flask(__name__)
queue = []


def drain_queue():
    # Runs in its own thread: the pause does not delay any request.
    while True:
        if queue:
            queue.pop(0)
        time.sleep(0.5)


def nightly_cleanup():
    time.sleep(2)


schedule.every().day.at("03:00").do(nightly_cleanup)
threading.Thread(target=drain_queue, daemon=True).start()


@app.route("/jobs", methods=["POST"])
def submit():
    threading.Thread(target=nightly_cleanup).start()
    return jsonify({"queued": True}), 202


@app.route("/healthz")
def healthz():
    time.sleep(0)
    return jsonify({"status": "ok"})
