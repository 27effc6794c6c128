"""``create_app``: the FastAPI application behind ``samestory serve`` (JSON API and web pages)."""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

import samestory
from samestory.api import routes_compare, routes_store
from samestory.api.compute import CpuRunner
from samestory.api.errors import install_error_handlers
from samestory.api.middleware import BodyLimitMiddleware, TokenMiddleware
from samestory.api.settings import ApiSettings
from samestory.api.state import AppState
from samestory.api.store import StoryStore
from samestory.runtime import freeze_long_lived

log = logging.getLogger("samestory.api")

WARM_UP_A = "The city council of Riverton approved a new bridge over the Ash river on Monday."
WARM_UP_B = "Der Stadtrat von Riverton hat am Montag eine neue Brücke über den Fluss Ash genehmigt."


def _warm_up(state: AppState) -> None:
    """Load encoder and scorer once, so that no client pays the model-loading time."""
    try:
        from samestory.pairs.scoring import load_scorer

        samestory.compare(WARM_UP_A, WARM_UP_B, scorer=load_scorer(state.settings.scorer))
        freeze_long_lived()  # the models just loaded stay: spare them every full collection
    except Exception as error:  # reported by /health; compare itself will report it again, per request
        state.warm_up_error = f"{type(error).__name__}: {error}"
        log.warning("warm-up compare failed: %s", state.warm_up_error)
    finally:
        state.ready.set()


def create_app(settings: ApiSettings | None = None, store: StoryStore | None = None) -> FastAPI:
    """Build the app; ``store`` overrides opening ``settings.db`` (tests pass an in-memory one)."""
    settings = with_store_scorer(settings or ApiSettings())
    state = AppState(settings=settings, runner=CpuRunner(settings.workers, settings.max_pending_compares))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        from samestory.api.store_adapter import open_store

        if store is not None:
            state.store = store
        elif settings.db is not None:
            state.store, state.store_error = open_store(settings.db, settings.scorer)
        if settings.warm_up:
            threading.Thread(target=_warm_up, args=(state,), name="samestory-warm-up", daemon=True).start()
        else:
            state.ready.set()
        try:
            yield
        finally:
            if state.store is not None and store is None:
                state.store.close()

    app = FastAPI(
        title="samestory",
        version=samestory.__version__,
        description="Is this the same news story? Compare and group multilingual news articles.",
        lifespan=lifespan,
        docs_url=None,  # the interactive docs load scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    app.state.samestory = state
    install_error_handlers(app)
    app.include_router(routes_compare.router)
    app.include_router(routes_store.router)
    _add_health(app, state)

    from samestory.web import mount_web

    mount_web(app)
    # The last one added runs first: the token check refuses strangers before a byte of their body
    # is read, then the size check refuses oversized bodies while they stream in.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    if settings.token:
        app.add_middleware(TokenMiddleware, token=settings.token)
    return app


def with_store_scorer(settings: ApiSettings) -> ApiSettings:
    """One judgement for ``/compare`` and the store: without ``--scorer`` a store built in the fast or the
    precise mode brings the scorer fitted for its vectors, which then serves ``/compare`` too (else a stored
    pair and the same pair compared fresh would be judged by two scorers)."""
    if settings.db is None or settings.scorer is not None:
        return settings
    try:
        from samestory.stories.session import scorer_for_vectors
        from samestory.stories.store import stored_encoder
    except ImportError:  # no story store in this installation (``open_store`` says so)
        return settings
    return dataclasses.replace(settings, scorer=scorer_for_vectors(stored_encoder(settings.db), None))


def _add_health(app: FastAPI, state: AppState) -> None:
    @app.get("/health", tags=["meta"], summary="Liveness and readiness (never needs the token)")
    async def health() -> dict[str, Any]:
        return {
            "status": "ok",
            "version": samestory.__version__,
            "ready": state.ready.is_set(),
            "warm_up_error": state.warm_up_error,
            "store": state.store is not None,
        }
