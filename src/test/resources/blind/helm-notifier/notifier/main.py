import os
import smtplib
from email.message import EmailMessage

import requests
import uvicorn
from fastapi import FastAPI

app = FastAPI()
SMTP_HOST = os.environ["SMTP_HOST"]
WEBHOOK_TIMEOUT = float(os.getenv("WEBHOOK_TIMEOUT", "5"))


@app.get("/livez")
def livez():
    return {"ok": True}


@app.post("/notify/email")
def email(to: str, subject: str, body: str):
    msg = EmailMessage()
    msg["To"], msg["Subject"] = to, subject
    msg.set_content(body)
    with smtplib.SMTP(SMTP_HOST, 25, timeout=10) as smtp:
        smtp.send_message(msg)
    return {"sent": True}


@app.post("/notify/webhook")
def webhook(url: str, payload: dict):
    while True:
        try:
            resp = requests.post(url, json=payload, timeout=WEBHOOK_TIMEOUT)
            resp.raise_for_status()
            return {"delivered": True}
        except requests.RequestException:
            continue


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=int(os.getenv("PORT", "8000")))
