"""checkout: prices a basket using the catalog service."""
import os

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)

CATALOG_URL = os.environ.get("CATALOG_URL", "http://catalog:8080")


@app.route("/healthz")
def healthz():
    return jsonify({"status": "ok"})


@app.route("/quote", methods=["POST"])
def quote():
    basket = request.get_json(force=True)
    try:
        resp = requests.get(f"{CATALOG_URL}/items", timeout=2)
        resp.raise_for_status()
    except requests.RequestException:
        return jsonify({"error": "catalog unavailable"}), 503
    prices = {item["id"]: item["price"] for item in resp.json()}
    total = sum(prices.get(sku, 0) * qty for sku, qty in basket.items())
    return jsonify({"total": total})
