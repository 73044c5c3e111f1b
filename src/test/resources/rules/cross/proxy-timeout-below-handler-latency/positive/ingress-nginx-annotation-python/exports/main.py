import random
import time

from flask import Flask, Response

app = Flask(__name__)


@app.route("/csv")
def export_csv():
    # rate limit the upstream warehouse: spread the exports out
    time.sleep(random.randint(5, 10))
    return Response("id,total\n", mimetype="text/csv")


@app.route("/healthz")
def healthz():
    return "ok"


if __name__ == "__main__":
    from waitress import serve

    serve(app, host="0.0.0.0", port=5000)
