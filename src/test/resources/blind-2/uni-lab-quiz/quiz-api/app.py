import os
import random

from flask import Flask, jsonify

app = Flask(__name__)

QUESTIONS = [
    {"id": 1, "q": "What does a Service selector match?", "a": "pod labels"},
    {"id": 2, "q": "Which probe restarts a container?", "a": "liveness"},
    {"id": 3, "q": "What does kind stand for?", "a": "Kubernetes in Docker"},
]


@app.route("/api/health")
def health():
    return jsonify(ok=True)


@app.route("/api/question")
def question():
    return jsonify(random.choice(QUESTIONS))


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("QUIZ_PORT", 5000)))
