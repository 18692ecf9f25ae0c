import os

import redis
from fastapi import FastAPI
from sqlalchemy import create_engine, text

app = FastAPI(title="orders-api")
engine = create_engine(os.environ["DATABASE_URL"], pool_pre_ping=True)
cache = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://redis:6379/0"))


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/orders/{order_id}")
def get_order(order_id: int) -> dict[str, object]:
    cached = cache.get(f"order:{order_id}")
    if cached is not None:
        return {"id": order_id, "status": cached.decode()}
    with engine.connect() as conn:
        row = conn.execute(text("SELECT status FROM orders WHERE id = :id"), {"id": order_id}).one_or_none()
    status = row.status if row else "unknown"
    cache.set(f"order:{order_id}", status, ex=60)
    return {"id": order_id, "status": status}
