from fastapi import FastAPI

app = FastAPI()


@app.get("/healthz")
def healthz():
    return {"status": "ok"}


@app.get("/products/{product_id}")
def product(product_id: int):
    return {"id": product_id}
