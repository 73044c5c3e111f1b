from flask import Flask, jsonify

app = Flask(__name__)
ORDERS = {}


@app.get("/api/orders")
def list_orders():
    return jsonify(list(ORDERS.values()))


@app.get("/api/orders/<order_id>")
def get_order(order_id):
    return jsonify(ORDERS.get(order_id, {}))
