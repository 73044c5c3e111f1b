import random

from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/")
def home():
    # expect: app/random-failure-injection "GET / raises Exception when random.choice([True, False]) is true (about 50% of requests)"
    if random.choice([True, False]):
        raise Exception("Random Failure: Simulated production bug")
    return jsonify({"message": "App is working"})


@app.route("/health")
def health():
    return jsonify({"status": "ok"})


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
