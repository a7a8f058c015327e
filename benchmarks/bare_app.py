"""The anchor for the API load figures: a FastAPI app with nothing in it, served by the same
uvicorn from the same environment as MentorHub."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/sync")
def sync_route() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/async")
async def async_route() -> dict[str, str]:
    return {"status": "ok"}
