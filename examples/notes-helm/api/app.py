import os

from flask import Flask, jsonify

app = Flask(__name__)
DATABASE_HOST = os.environ.get("DATABASE_HOST", "localhost")
WELCOME = [{"id": 1, "text": "Welcome to notes"}]


@app.route("/healthz")
def healthz():
    return "ok"


@app.route("/notes")
def notes():
    return jsonify(WELCOME)
