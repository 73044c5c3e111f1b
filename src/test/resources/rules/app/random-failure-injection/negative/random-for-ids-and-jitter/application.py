import random
import string

from flask import Flask, jsonify, request

app = Flask(__name__)


def new_code(length=6):
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))


@app.route("/shorten", methods=["POST"])
def shorten():
    code = request.json.get("code") or new_code()
    if random.random() < 0.01:
        app.logger.info("sampled request: %s", code)
    return jsonify({"code": code}), 201
