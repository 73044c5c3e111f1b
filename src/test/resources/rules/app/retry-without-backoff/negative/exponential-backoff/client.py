import random
import time

import requests

MAX_ATTEMPTS = 5


def get_with_backoff(url):
    for attempt in range(MAX_ATTEMPTS):
        try:
            resp = requests.get(url, timeout=5)
            resp.raise_for_status()
            return resp.json()
        except requests.RequestException:
            if attempt == MAX_ATTEMPTS - 1:
                raise
            time.sleep(min(30, 0.5 * 2 ** attempt) + random.uniform(0, 0.1))


def wait_for_db(connect):
    attempts = 0
    while True:
        try:
            return connect()
        except ConnectionError:
            attempts += 1
            if attempts > 20:
                raise
            time.sleep(attempts)
