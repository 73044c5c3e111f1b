import json

from flask import Flask, request

app = Flask(__name__)


def load_urls():
    with open("urls.json") as urls_file:
        return json.load(urls_file)


def load_raw():
    with open("urls.json") as f:
        return json.loads(f.read())


@app.route("/import", methods=["POST"])
def import_urls():
    payload = json.loads(request.data)
    text = '{"a": 1}'
    return {"count": len(payload) + len(json.loads(text)) + len(load_urls()) + len(load_raw())}
