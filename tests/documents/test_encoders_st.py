"""The ``st:`` encoder on a tiny sentence-transformers model built here, offline, in a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # before sentence-transformers is imported: never reach the hub
sentence_transformers = pytest.importorskip("sentence_transformers")
torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from samestory.documents.encoders import get_encoder  # noqa: E402
from samestory.errors import ModelUnavailableError  # noqa: E402

HIDDEN = 32
WORDS = (
    "the",
    "a",
    "of",
    "to",
    "in",
    "on",
    "and",
    "rate",
    "bank",
    "central",
    "raised",
    "cut",
    "interest",
    "thursday",
    "monday",
    "storm",
    "ferry",
    "harbour",
)


def _write_vocab(path: Path) -> Path:
    letters = [chr(c) for c in range(ord("a"), ord("z") + 1)]
    tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *letters, *(f"##{ch}" for ch in letters), *WORDS, ".", ","]
    path.write_text("\n".join(tokens) + "\n", encoding="utf-8")
    return path


def _modules():  # type: ignore[no-untyped-def]
    """Module classes moved in sentence-transformers 6; the old path is kept for 3.x–5.x."""
    try:
        from sentence_transformers.sentence_transformer import modules
    except ImportError:
        from sentence_transformers import models as modules
    return modules


def _build_tiny_model(root: Path) -> Path:
    torch.manual_seed(0)
    bert_dir = root / "bert"
    bert_dir.mkdir()
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(_write_vocab(root / "vocab.txt")), do_lower_case=True)
    config = transformers.BertConfig(
        vocab_size=len(tokenizer.vocab),
        hidden_size=HIDDEN,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    transformers.BertModel(config).save_pretrained(bert_dir)
    tokenizer.save_pretrained(bert_dir)
    modules = _modules()
    word = modules.Transformer(str(bert_dir), max_seq_length=64)
    pooling = modules.Pooling(HIDDEN, pooling_mode="mean")
    model_dir = root / "tiny-st"
    sentence_transformers.SentenceTransformer(modules=[word, pooling], device="cpu").save(str(model_dir))
    return model_dir


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_tiny_model(tmp_path_factory.mktemp("st"))


@pytest.mark.slow
def test_local_model_gives_normalised_vectors_of_its_dimension(tiny_model: Path) -> None:
    encoder = get_encoder(f"st:{tiny_model}")
    assert (encoder.name, encoder.dim) == (f"st:{tiny_model}", HIDDEN)
    vectors = encoder.encode(["The central bank raised the rate.", "A storm hit the harbour.", "ferry"])
    assert vectors.shape == (3, HIDDEN)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert not np.allclose(vectors[0], vectors[1])


@pytest.mark.slow
def test_local_model_is_deterministic_and_handles_no_input(tiny_model: Path) -> None:
    encoder = get_encoder(f"st:{tiny_model}")
    first = encoder.encode(["The bank cut the rate on Monday."])
    again = encoder.encode(["The bank cut the rate on Monday."])
    np.testing.assert_allclose(first, again, atol=1e-6)
    assert encoder.encode([]).shape == (0, HIDDEN)


@pytest.mark.slow
def test_missing_model_is_refused_naming_the_model(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match="no-such-model"):
        get_encoder(f"st:{tmp_path / 'no-such-model'}")
