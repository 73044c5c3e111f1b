import threading

from flask import Flask, jsonify

app = Flask(__name__)
lock = threading.Lock()
counter = 0


@app.route("/hit")
def hit():
    global counter
    with lock:
        counter += 1
    return jsonify({"ok": True})


@app.route("/stats")
def stats():
    # expect: app/unguarded-shared-state "counter is updated under a lock (line 14) but read here without it (in GET /stats)"
    return jsonify({"hits": counter})


def reset_for_tests():
    global counter
    # expect: app/unguarded-shared-state "counter is updated under a lock (line 14) but written here without it"
    counter = 0
