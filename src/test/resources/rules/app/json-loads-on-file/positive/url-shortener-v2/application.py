import json
import os.path

from flask import Flask, abort, redirect, render_template

app = Flask(__name__)
URLS_FILE = "urls.json"


def load_urls():
    if not os.path.exists(URLS_FILE):
        return {}
    with open(URLS_FILE) as urls_file:
        # expect: app/json-loads-on-file "json.loads(urls_file) is given a file object (open(URLS_FILE), line 13), not a string: it raises TypeError when it runs (in GET /<string:code>)"
        return json.loads(urls_file)


@app.route("/<string:code>")
def redirect_to_url(code):
    urls = load_urls()
    if code in urls:
        return redirect(urls[code]["url"])
    return abort(404)


@app.route("/")
def home():
    return render_template("home.html")
