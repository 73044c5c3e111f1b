from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/healthz")
def healthz():
    return jsonify({"status": "ok"})


@app.route("/items/<int:item_id>")
def item(item_id):
    return jsonify({"id": item_id})
