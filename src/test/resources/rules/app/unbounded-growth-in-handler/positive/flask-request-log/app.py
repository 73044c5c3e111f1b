import time

from flask import Flask, jsonify, request

app = Flask(__name__)
request_log = []
sessions = {}


@app.route("/track", methods=["POST"])
def track():
    # expect: app/unbounded-growth-in-handler "request_log gets a new entry on every request (request_log.append"
    request_log.append({"at": time.time(), "path": request.path, "body": request.get_json()})
    return jsonify({"tracked": len(request_log)}), 201


@app.route("/login", methods=["POST"])
def login():
    token = request.form["token"]
    # expect: app/unbounded-growth-in-handler "sessions gets a new key on every request (sessions[token] = ...)"
    sessions[token] = {"user": request.form["user"], "at": time.time()}
    return jsonify({"ok": True})
