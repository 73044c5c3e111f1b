import os
import time

import psycopg

DATABASE_URL = os.environ["DATABASE_URL"]


def reindex():
    with psycopg.connect(DATABASE_URL) as conn:
        conn.execute("REINDEX TABLE books")


if __name__ == "__main__":
    while True:
        reindex()
        time.sleep(3600)
