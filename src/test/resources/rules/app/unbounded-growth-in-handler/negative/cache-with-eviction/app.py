import collections

from flask import Flask, jsonify, request

app = Flask(__name__)
last_requests = collections.deque(maxlen=100)
seen = {}
stats = {"requests": 0}


@app.route("/ping")
def ping():
    last_requests.append(request.remote_addr)
    seen[request.remote_addr] = True
    if len(seen) > 10000:
        seen.clear()
    stats["requests"] += 1
    return jsonify({"pong": True})
