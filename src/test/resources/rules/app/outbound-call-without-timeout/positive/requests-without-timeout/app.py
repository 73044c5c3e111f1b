import os
import urllib.request

import requests
from flask import Flask, jsonify

app = Flask(__name__)
CATALOG_URL = os.environ.get("CATALOG_URL", "http://catalog:8080")
session = requests.Session()


@app.route("/quote")
def quote():
    # expect: app/outbound-call-without-timeout "HTTP call to $CATALOG_URL (default http://catalog:8080) has no timeout"
    items = requests.get(f"{CATALOG_URL}/items").json()
    # expect: app/outbound-call-without-timeout "HTTP call to https://pricing.internal.example.com has no timeout"
    rates = session.post("https://user:s3cret@pricing.internal.example.com/v1/rates?key=abc", json=items)
    return jsonify({"items": items, "rates": rates.json()})


def fetch_banner():
    # expect: app/outbound-call-without-timeout "HTTP call to https://cdn.example.com has no timeout"
    with urllib.request.urlopen("https://cdn.example.com/banner.txt") as resp:
        return resp.read()
