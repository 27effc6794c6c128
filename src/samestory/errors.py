"""Typed errors: every failure a user can meet names the item and says what to do about it."""

from __future__ import annotations


class SamestoryError(Exception):
    """Base of every error samestory raises on purpose; the CLI prints these without a traceback."""


class InputError(SamestoryError):
    """One input item (a file, a JSONL line, a CSV row, a pair) cannot be used.

    Carries the item's name so a batch can report it and go on with the others.
    """

    def __init__(self, item: str, reason: str) -> None:
        super().__init__(f"{item}: {reason}")
        self.item = item
        self.reason = reason


class ModelUnavailableError(SamestoryError):
    """An encoder backend cannot be loaded (package missing, no weights offline)."""


class EngineUnavailableError(SamestoryError):
    """The distributed engine asked for (Ray) is not installed or its cluster cannot be reached."""


class StoreError(SamestoryError):
    """The story store cannot be opened or written."""


class CorruptStoreError(StoreError):
    """The file given as a store is not a samestory database, or is damaged; it is never overwritten."""


class ScorerError(SamestoryError):
    """Scorer parameters are missing, malformed, or were fitted for another encoder."""


class InputWarning(UserWarning):
    """An input item was read, but not exactly as given (bytes that are not UTF-8, a guessed encoding).

    Issued through Python's ``warnings``; the command line prints each as ``warning: ITEM: reason``.
    """
