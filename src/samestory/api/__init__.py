"""Stage 4 of the data flow: the HTTP API that ``samestory serve`` runs; the web pages mount on it."""

from samestory.api.app import create_app
from samestory.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
