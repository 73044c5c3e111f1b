import asyncio
import os

from fastapi import FastAPI

app = FastAPI()
SLOW_MODE = os.getenv("SLOW_MODE", "0") == "1"


async def load_report(report_id: str) -> dict:
    # expect: app/sleep-in-handler "GET /reports/{report_id} sleeps in asyncio.sleep(2.5) on every request"
    await asyncio.sleep(2.5)
    return {"id": report_id, "rows": []}


@app.get("/reports/{report_id}")
async def report(report_id: str):
    return await load_report(report_id)


@app.get("/search")
async def search(q: str):
    if SLOW_MODE:
        # expect: app/sleep-in-handler "GET /search sleeps in asyncio.sleep(1) on some requests"
        await asyncio.sleep(1)
    return {"q": q, "hits": []}
