import logging

import requests

log = logging.getLogger(__name__)


def push_all(items, url):
    for item in items:
        try:
            requests.post(url, json=item, timeout=5)
        except requests.RequestException:
            log.exception("could not push %s", item["id"])
            continue
