from flask import Flask, send_from_directory

app = Flask(__name__, static_folder="build")


@app.route("/api/items")
def items():
    return {"items": []}


@app.route("/", defaults={"path": ""})
@app.route("/<path:path>")
def spa(path):
    # Single-page app: every other path serves index.html with 200.
    return send_from_directory("build", "index.html")
