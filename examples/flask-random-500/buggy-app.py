import random

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/")
def home():
    if random.choice([True, False]):
        raise Exception("Random Failure: Simulated production bug")
    return jsonify({"message": "App is working"})


@app.route("/health")
def health():
    return jsonify({"status": "ok"})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
