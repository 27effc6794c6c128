"""``samestory serve``: the HTTP API and the web page, bound to localhost unless told otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from samestory.api.settings import DEFAULT_MAX_BATCH, DEFAULT_MAX_BODY_BYTES, TOKEN_ENV
from samestory.cli.reporting import FastOption, PreciseOption, ScorerOption, chosen_scorer


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Story store (SQLite file) for /articles and /stories; optional."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to bind; the default keeps the server on this machine.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            help=f"Require 'Authorization: Bearer TOKEN' on every route but /health (or set {TOKEN_ENV}).",
            show_default=False,
        ),
    ] = None,
    scorer: ScorerOption = None,
    fast: FastOption = False,
    precise: PreciseOption = False,
    max_body_bytes: Annotated[int, typer.Option(min=1024, help="Largest request body accepted.")] = (
        DEFAULT_MAX_BODY_BYTES
    ),
    max_batch: Annotated[int, typer.Option(min=1, help="Most articles in one POST /articles.")] = DEFAULT_MAX_BATCH,
    workers: Annotated[int, typer.Option(min=0, help="Compares computed at once; 0 = one per CPU core.")] = 0,
    log_level: Annotated[str, typer.Option(help="uvicorn log level (info, warning, error).")] = "info",
) -> None:
    """Serve the JSON API (OpenAPI schema at /openapi.json) and the web page at /."""
    import uvicorn

    from samestory.api import ApiSettings, create_app
    from samestory.api.settings import token_from_env

    resolved_token = token_from_env(token)
    if host not in {"127.0.0.1", "localhost", "::1"} and not resolved_token:
        typer.echo(
            f"warning: serving on {host} without a token: anyone who can reach this port can use it "
            f"(set --token or {TOKEN_ENV})",
            err=True,
        )
    settings = ApiSettings(
        db=db,
        scorer=chosen_scorer(scorer, fast, precise),
        token=resolved_token,
        max_body_bytes=max_body_bytes,
        max_batch=max_batch,
        compare_workers=workers,
    )
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level, proxy_headers=False)
