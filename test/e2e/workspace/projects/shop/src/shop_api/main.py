from fastapi import FastAPI

app = FastAPI(title="shop-api")


@app.get("/healthz")
def health() -> dict[str, str]:
    return {"status": "ok"}
