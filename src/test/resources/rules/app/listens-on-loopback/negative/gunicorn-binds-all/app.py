from flask import Flask, jsonify, request

app = Flask(__name__)
carts = {}


@app.get("/healthz")
def healthz():
    return "ok"


@app.post("/carts/<cart_id>/items")
def add_item(cart_id):
    carts.setdefault(cart_id, []).append(request.get_json())
    return jsonify(items=len(carts[cart_id])), 201


if __name__ == "__main__":
    # Local development only; the image runs gunicorn.
    app.run(debug=True)
