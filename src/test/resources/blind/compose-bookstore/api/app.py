import os
import random

import psycopg
from flask import Flask, abort, jsonify

app = Flask(__name__)
DATABASE_URL = os.environ["DATABASE_URL"]
FAILURE_RATE = float(os.environ.get("FAILURE_RATE", "0"))


@app.route("/health")
def health():
    return jsonify(status="ok")


@app.route("/books")
def books():
    if random.random() < FAILURE_RATE:
        abort(503)
    with psycopg.connect(DATABASE_URL) as conn:
        rows = conn.execute("SELECT id, title FROM books ORDER BY title").fetchall()
    return jsonify([{"id": r[0], "title": r[1]} for r in rows])
