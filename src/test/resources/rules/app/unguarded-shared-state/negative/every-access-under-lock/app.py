import threading

from flask import Flask, jsonify

app = Flask(__name__)
lock = threading.RLock()
counter = 0


@app.route("/hit")
def hit():
    global counter
    with lock:
        counter += 1
    return jsonify({"ok": True})


@app.route("/stats")
def stats():
    with lock:
        hits = counter
    return jsonify({"hits": hits})


@app.route("/reset", methods=["POST"])
def reset():
    global counter
    lock.acquire()
    try:
        counter = 0
    finally:
        lock.release()
    return jsonify({"hits": 0})
