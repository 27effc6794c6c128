"""Stage 4 of the data flow: the HTTP API that ``samestory serve`` runs; the web pages mount on it.

``create_app`` is imported on first use: the command line reads the settings module for its help text,
and must not pay for FastAPI (about a second) on every command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from samestory.api.settings import ApiSettings

if TYPE_CHECKING:
    from samestory.api.app import create_app

__all__ = ["ApiSettings", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from samestory.api.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
