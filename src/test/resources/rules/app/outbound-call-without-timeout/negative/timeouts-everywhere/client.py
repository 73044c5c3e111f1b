import os

import httpx
import requests

BASE = os.environ.get("BILLING_URL", "http://billing:8080")


def invoice(order_id, opts):
    requests.get(f"{BASE}/invoices/{order_id}", timeout=(3, 10))
    requests.post(f"{BASE}/invoices", json={"order": order_id}, **opts)
    httpx.get(f"{BASE}/health")
    with httpx.Client(base_url=BASE) as client:
        return client.get("/invoices").json()
