import json
import os.path
import string
import random

from flask import Flask, render_template, request, redirect, url_for, flash, abort, session, jsonify

app = Flask(__name__)
app.secret_key = os.environ.get("FLASK_SECRET_KEY", "change-me")

URLS_FILE = "urls.json"


def load_urls():
    if not os.path.exists(URLS_FILE):
        return {}
    with open(URLS_FILE) as urls_file:
        return json.loads(urls_file)


def save_urls(urls):
    with open(URLS_FILE, "w") as urls_file:
        json.dump(urls, urls_file)


def new_code(length=6):
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))


@app.route("/")
def home():
    return render_template("home.html", codes=session.keys())


@app.route("/your-url", methods=["GET", "POST"])
def your_url():
    if request.method == "GET":
        return redirect(url_for("home"))
    urls = load_urls()
    code = request.form["code"] or new_code()
    if code in urls:
        flash("That short name has already been taken. Please select another name.")
        return redirect(url_for("home"))
    urls[code] = {"url": request.form["url"]}
    save_urls(urls)
    session[code] = True
    return render_template("your_url.html", code=code)


@app.route("/<string:code>")
def redirect_to_url(code):
    urls = load_urls()
    if code in urls and "url" in urls[code]:
        return redirect(urls[code]["url"])
    return abort(404)


@app.route("/api")
def session_api():
    return jsonify(list(session.keys()))
