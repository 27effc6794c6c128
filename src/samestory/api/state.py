"""What the routes share: settings, the CPU runner, the story store and the warm-up status."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from fastapi import Request

from samestory.api.compute import CpuRunner
from samestory.api.settings import ApiSettings

if TYPE_CHECKING:
    from samestory.api.store import StoryStore


@dataclass
class AppState:
    settings: ApiSettings
    runner: CpuRunner
    store: StoryStore | None = None
    store_error: str | None = None
    """Why there is no store (shown by the store routes instead of a bare 503)."""
    ready: threading.Event = field(default_factory=threading.Event)
    warm_up_error: str | None = None


def get_state(request: Request) -> AppState:
    """FastAPI dependency: the state ``create_app`` attached to this app."""
    state: AppState = request.app.state.samestory
    return state
