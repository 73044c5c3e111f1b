import os

from flask import Flask, jsonify

app = Flask(__name__)
STOCK = {"sku-1": 12, "sku-2": 0}


@app.route("/healthz")
def healthz():
    return "ok"


@app.route("/stock/<sku>")
def stock(sku):
    return jsonify(sku=sku, count=STOCK.get(sku, 0))


@app.route("/metrics")
def metrics():
    return "inventory_items %d\n" % len(STOCK)
