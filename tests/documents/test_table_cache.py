"""The table cache: built once, read back equal, never stale, and never an error when it cannot be used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from samestory.documents import table_cache
from samestory.documents.table_cache import CACHE_ENVIRONMENT_VARIABLE, cached_table


class Builder:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict[str, tuple[int, ...]]:
        self.calls += 1
        return {"İstanbul": (1, 2), "東京": (3,)}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_ENVIRONMENT_VARIABLE, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_built_once_then_read_back_equal(folder: Path) -> None:
    build = Builder()
    first = cached_table("demo", build)
    second = cached_table("demo", build)
    assert first == second == Builder()()
    assert build.calls == 1
    assert [p.name.split("-")[0] for p in folder.iterdir()] == ["demo"]


def test_a_new_fingerprint_rebuilds(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build = Builder()
    cached_table("demo", build)
    monkeypatch.setattr(table_cache, "fingerprint", lambda: "0123456789abcdef")
    cached_table("demo", build)
    assert build.calls == 2


def test_a_damaged_file_is_rebuilt(folder: Path) -> None:
    build = Builder()
    cached_table("demo", build)
    (stored,) = folder.iterdir()
    stored.write_bytes(b"\x80\x05 truncated")
    assert cached_table("demo", build) == Builder()()
    assert build.calls == 2


def test_an_unwritable_folder_only_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENVIRONMENT_VARIABLE, str(blocker / "cache"))
    build = Builder()
    assert cached_table("demo", build) == cached_table("demo", build)
    assert build.calls == 2


def test_off_keeps_everything_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENVIRONMENT_VARIABLE, "off")
    monkeypatch.chdir(tmp_path)
    build = Builder()
    cached_table("demo", build)
    cached_table("demo", build)
    assert build.calls == 2 and os.listdir(tmp_path) == []


def test_the_fingerprint_follows_the_code() -> None:
    assert len(table_cache.fingerprint()) == 16
