"""The fast path's static table: how it is distilled, and how a text becomes a vector from it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samestory.documents import static_table
from samestory.documents.encoders import StaticEncoder, get_encoder


def test_rare_pieces_weigh_more_than_frequent_ones() -> None:
    rng = np.random.default_rng(0)
    outputs = rng.standard_normal((400, 512)).astype(np.float32)
    probabilities = np.full(400, 1e-7)
    probabilities[:10] = 0.02  # "▁the", ",", …
    table = static_table.reduce_and_weight(outputs, probabilities, dimensions=64)
    assert table.shape == (400, 64) and table.dtype == np.float16
    norms = np.linalg.norm(table.astype(np.float32), axis=1)
    assert norms[:10].max() < 0.01 * np.median(norms[10:])


def test_principal_directions_keep_what_separates_the_pieces() -> None:
    rng = np.random.default_rng(1)
    signal = rng.standard_normal((300, 8))
    outputs = (signal @ rng.standard_normal((8, 512)) + 5.0).astype(np.float32)  # 8 real directions, an offset
    table = static_table.reduce_and_weight(outputs, np.full(300, 1e-7), dimensions=8).astype(np.float64)
    original = outputs - outputs.mean(axis=0)
    cosines = lambda m: (m / np.linalg.norm(m, axis=1, keepdims=True)) @ (m / np.linalg.norm(m, axis=1)[:, None]).T  # noqa: E731
    assert np.allclose(cosines(table), cosines(original), atol=0.02)


def _encoder(vocabulary: int = 50, dim: int = 16) -> StaticEncoder:
    """A table whose row i is unit vector e_(i mod dim), and a tokenizer that maps each character to a piece."""
    table = np.zeros((vocabulary, dim), dtype=np.float16)
    table[np.arange(vocabulary), np.arange(vocabulary) % dim] = 1.0
    return StaticEncoder(table=table, tokenize=lambda word: [ord(c) % vocabulary for c in word])


def test_a_text_is_the_normalised_sum_of_its_pieces() -> None:
    encoder = _encoder()
    [vector] = encoder.encode(["ab a"])  # pieces 47, 48, 47
    expected = np.zeros(16)
    expected[47 % 16], expected[48 % 16] = 2.0, 1.0
    assert np.allclose(vector, expected / np.linalg.norm(expected), atol=1e-6)


def test_empty_texts_give_zero_rows_and_batches_keep_their_order() -> None:
    encoder = _encoder()
    vectors = encoder.encode(["a", "", "   ", "b"])
    assert vectors.shape == (4, 16)
    assert not vectors[1].any() and not vectors[2].any()
    assert np.allclose(vectors[0], encoder.encode(["a"])[0]) and np.allclose(vectors[3], encoder.encode(["b"])[0])


def test_words_are_tokenised_once() -> None:
    calls: list[str] = []
    encoder = StaticEncoder(table=np.eye(8, dtype=np.float16), tokenize=lambda w: calls.append(w) or [len(w) % 8])
    encoder.encode(["the port the port the", "port"])
    assert sorted(calls) == ["port", "the"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(), max_size=4))
def test_any_unicode_gives_finite_unit_or_zero_rows(texts: list[str]) -> None:
    vectors = _encoder().encode(texts)
    assert vectors.shape == (len(texts), 16) and np.isfinite(vectors).all()
    norms = np.linalg.norm(vectors, axis=1)
    assert np.all((np.abs(norms - 1) < 1e-3) | (norms == 0))


def test_the_real_tokenizer_splits_words_into_the_encoders_pieces() -> None:
    encoder = StaticEncoder(table=np.zeros((128_000, 4), dtype=np.float16))
    ids = encoder.piece_ids("Haftar İstanbul 2020")
    assert ids and all(0 <= i < 128_000 for i in ids)


def test_the_table_is_built_once_into_the_cache_and_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMESTORY_CACHE", str(tmp_path))
    built: list[int] = []

    def small_build(progress: object = None) -> np.ndarray:
        built.append(1)
        return np.ones((10, static_table.DIMENSIONS), dtype=np.float16)

    monkeypatch.setattr(static_table, "build_table", small_build)
    first = static_table.load_table()
    second = static_table.load_table()
    assert built == [1] and isinstance(second, np.memmap) and np.array_equal(first, second)
    path = static_table.table_path()
    assert path is not None and path.parent == tmp_path and f"r{static_table.RECIPE_VERSION}" in path.name


def test_piece_outputs_are_the_encoders_unit_vectors() -> None:
    use = get_encoder("use")._model  # type: ignore[attr-defined]
    outputs = static_table.piece_outputs(use._model, 5)
    assert outputs.shape == (5, 512) and np.allclose(np.linalg.norm(outputs, axis=1), 1, atol=1e-3)
