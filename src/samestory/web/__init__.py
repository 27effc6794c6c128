"""The web front end: server-rendered pages and a small vanilla JS/CSS bundle, all served locally."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from samestory.web.headers import SecurityHeadersMiddleware
from samestory.web.pages import router

STATIC = Path(__file__).parent / "static"


def mount_web(app: FastAPI) -> None:
    """Add the pages, ``/static`` and the security headers that make injected markup inert."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeadersMiddleware)


__all__ = ["mount_web"]
