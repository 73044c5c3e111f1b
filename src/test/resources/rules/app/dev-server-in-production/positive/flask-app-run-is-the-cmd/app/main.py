from flask import Flask, jsonify

app = Flask(__name__)


@app.route("/")
def index():
    return jsonify({"service": "sre-assessment"})


if __name__ == "__main__":
    # expect: app/dev-server-in-production "the container starts app/main.py, which serves with Flask's development server (app.run(...))"
    app.run(host="0.0.0.0", port=8080)
