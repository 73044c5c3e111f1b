import os
import time

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/healthz")
def healthz():
    return "ok"


@app.get("/reports/monthly")
def monthly_report():
    # the warehouse query is slow; wait for the materialized view to refresh
    time.sleep(2)
    return jsonify({"rows": []})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))
