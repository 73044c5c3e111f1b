import os

from flask import Flask

app = Flask(__name__)


@app.get("/jobs")
def jobs():
    return {"queued": 0}


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
