from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/orders")
def list_orders():
    return jsonify([])


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000)
