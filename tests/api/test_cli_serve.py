"""``samestory serve`` is registered on the CLI and builds its settings from the options."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from samestory.cli import app


def test_serve_is_a_command() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0, result.output
    for option in ("--db", "--host", "--port", "--token"):
        assert option in result.output


def test_serve_passes_options_to_uvicorn(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(application: Any, **kwargs: Any) -> None:
        seen.update(kwargs, settings=application.state.samestory.settings)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setenv("SAMESTORY_TOKEN", "from-env")
    arguments = ["serve", "--port", "8123", "--db", str(tmp_path / "s.db"), "--max-batch", "7"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    settings = seen["settings"]
    assert settings.token == "from-env" and settings.max_batch == 7 and settings.db == tmp_path / "s.db"


def test_public_host_without_token_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    monkeypatch.delenv("SAMESTORY_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 0
    assert "without a token" in result.output
