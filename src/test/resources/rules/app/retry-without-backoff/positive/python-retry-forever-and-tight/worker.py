import logging
import time

import requests

log = logging.getLogger(__name__)


def fetch_config(url):
    # expect: app/retry-without-backoff "retry loop around requests.get(...) tries again forever, with no attempt limit"
    while True:
        try:
            resp = requests.get(url, timeout=5)
            resp.raise_for_status()
            return resp.json()
        except requests.RequestException as exc:
            log.warning("config not ready: %s", exc)
            time.sleep(2)


def publish(event, url):
    # expect: app/retry-without-backoff "retry loop around requests.post(...) tries again immediately, with no delay between attempts"
    for attempt in range(10):
        try:
            requests.post(url, json=event, timeout=3)
            break
        except requests.ConnectionError:
            log.warning("publish attempt %d failed", attempt)
