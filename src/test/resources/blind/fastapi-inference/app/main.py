import os
import random
import time

from fastapi import FastAPI, HTTPException

from app.model import Ranker

MODEL_PATH = os.environ["MODEL_PATH"]
BATCH_SIZE = int(os.getenv("BATCH_SIZE", "32"))

app = FastAPI(title="inference-api")
ranker = Ranker(MODEL_PATH, batch_size=BATCH_SIZE)


@app.on_event("startup")
def warm_up():
    # give the model files time to appear on the shared volume
    time.sleep(5)
    ranker.load()


@app.get("/health")
def health():
    return {"status": "ok"}


@app.post("/rank")
def rank(payload: dict):
    # simulate GPU contention until the real batching lands
    time.sleep(random.uniform(1.5, 4.0))
    items = payload.get("items")
    if not items:
        raise HTTPException(status_code=400, detail="items required")
    return {"ranked": ranker.rank(items)}
