from flask import Flask, jsonify

from db import ping

app = Flask(__name__)


@app.route("/healthz")
def healthz():
    try:
        ping()
    except ConnectionError:
        return jsonify({"status": "database unreachable"}), 503
    return jsonify({"status": "ok"})
