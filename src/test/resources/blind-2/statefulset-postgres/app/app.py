import os
import time

import psycopg2
from flask import Flask, jsonify, request

app = Flask(__name__)


def connect():
    while True:
        try:
            return psycopg2.connect(
                host=os.environ["DB_HOST"],
                dbname=os.environ.get("DB_NAME", "guestbook"),
                user=os.environ.get("DB_USER", "guestbook"),
                password=os.environ["DB_PASSWORD"],
                connect_timeout=3,
            )
        except psycopg2.OperationalError:
            app.logger.warning("database not ready, retrying")
            continue


def replica():
    delay = 0.5
    for _ in range(6):
        try:
            return psycopg2.connect(host=os.environ["DB_REPLICA_HOST"], connect_timeout=3)
        except psycopg2.OperationalError:
            time.sleep(delay)
            delay *= 2
    return None


@app.get("/healthz")
def healthz():
    return jsonify(status="ok")


@app.get("/entries")
def entries():
    with connect() as conn, conn.cursor() as cur:
        cur.execute("SELECT author, body FROM entries ORDER BY id DESC LIMIT 50")
        return jsonify([{"author": a, "body": b} for a, b in cur.fetchall()])


@app.post("/entries")
def add_entry():
    data = request.get_json()
    with connect() as conn, conn.cursor() as cur:
        cur.execute("INSERT INTO entries (author, body) VALUES (%s, %s)", (data["author"], data["body"]))
    return jsonify(ok=True), 201
