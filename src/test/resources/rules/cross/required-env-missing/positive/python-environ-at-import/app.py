import os
import sys

from flask import Flask, jsonify

DATABASE_URL = os.environ["DATABASE_URL"]
REDIS_URL = os.getenv("REDIS_URL")
if not REDIS_URL:
    sys.exit("REDIS_URL is not set")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "info")

app = Flask(__name__)


@app.route("/healthz")
def healthz():
    return jsonify({"status": "ok", "api_key_set": bool(os.environ["API_KEY"])})
