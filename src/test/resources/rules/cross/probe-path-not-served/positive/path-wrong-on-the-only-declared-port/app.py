from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/health")
def health():
    return jsonify(status="up")


@app.route("/api/quotes")
def quotes():
    return jsonify(quotes=["stay curious"])


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
