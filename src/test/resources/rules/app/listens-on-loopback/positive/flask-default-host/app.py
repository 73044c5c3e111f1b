import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/health")
def health():
    return jsonify(status="ok")


@app.route("/quotes/<symbol>")
def quote(symbol):
    return jsonify(symbol=symbol.upper(), price=101.5)


if __name__ == "__main__":
    # expect: app/listens-on-loopback "binds 127.0.0.1:8000"
    app.run(port=int(os.environ.get("PORT", "8000")))
