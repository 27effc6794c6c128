"""Article → Document: the same story in two languages meets on language-independent keys."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from samestory.articles import Article, read_articles
from samestory.articles.dates import parse_published
from samestory.documents import AnalysisOptions, Document, analyse, analyse_text, attach_vectors
from samestory.documents.analyze import MAX_SENTENCES
from samestory.documents.export import document_to_dict

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles.jsonl"


@pytest.fixture(scope="module")
def examples() -> dict[str, Document]:
    return {a.id: analyse_text(a) for a in read_articles([EXAMPLES]) if isinstance(a, Article)}


def test_same_story_in_english_and_german_shares_keys(examples: dict[str, Document]) -> None:
    en, de = examples["reserve-bank-rate-hike-en"], examples["reserve-bank-rate-hike-de"]
    assert (en.lang, de.lang) == ("en", "de")
    assert {"halvorsen", "solbaken", "breke", "lindkvist"} <= en.entity_keys & de.entity_keys
    assert "city:3143244" in en.place_keys & de.place_keys  # Oslo; only the German text names Norway itself
    assert "country:NO" in de.place_keys
    assert {"4.75 %", "0.25 pp", "5.1 %", "2300000000"} <= en.number_keys & de.number_keys
    assert {"2025-03-13", "2025-03-17", "2025-05-08"} <= en.date_keys & de.date_keys


def test_sibling_story_shares_actors_but_not_facts(examples: dict[str, Document]) -> None:
    hike, rules = examples["reserve-bank-rate-hike-en"], examples["reserve-bank-mortgage-rules-en"]
    assert "halvorsen" in hike.entity_keys & rules.entity_keys
    assert "city:3143244" in hike.place_keys & rules.place_keys
    assert not hike.number_keys & rules.number_keys
    assert not hike.date_keys & rules.date_keys


def test_unidentified_language_is_a_warning_and_analysis_goes_on() -> None:
    article = Article(id="th", text="สภาเมืองอนุมัติงบประมาณใหม่สำหรับโรงเรียน ปี 2024 ราคา 5%")
    document = analyse_text(article)
    assert document.lang == "und"
    assert document.warnings == [
        "written in Thai script, in a language samestory does not support "
        "(supported: en, de, fr, es, it, pt, nl, pl, ru, uk, tr, ar, zh, ro, hr, cs, sv, da, el, ja, ko, hu, fi); "
        "only language-independent analysis was done"
    ]
    assert "2024" in document.date_keys
    assert "5 %" in document.number_keys


@pytest.mark.parametrize("declared", ["xx", "english", "q1"])
def test_a_declared_code_that_is_no_language_is_reported_and_the_text_decides(declared: str) -> None:
    document = analyse_text(Article(id="x", text="The city council approved a new budget for schools.", lang=declared))
    assert document.lang == "en"
    assert any(f"declared language {declared!r} is no ISO 639 code" in w for w in document.warnings)


@pytest.mark.parametrize(("declared", "inside"), [("deu", "de"), ("EN", "en"), ("zh-CN", "zh"), ("pt_BR", "pt")])
def test_declared_codes_are_read_in_their_usual_forms(declared: str, inside: str) -> None:
    document = analyse_text(Article(id="x", text="Ein Text über den Hafen.", lang=declared))
    assert document.lang == inside and not any("declared" in w for w in document.warnings)


def test_declared_unsupported_language_is_named_in_the_warning() -> None:
    article = Article(id="hi", text="नगर परिषद ने नया बजट मंजूर किया।", lang="hi-IN")
    document = analyse_text(article)
    assert document.lang == "hi"
    assert document.warnings == ["language 'hi' is not supported; only language-independent analysis was done"]


def test_declared_language_wins_over_detection() -> None:
    document = analyse_text(Article(id="x", text="The council approved the budget on Tuesday.", lang="de"))
    assert (document.lang, document.lang_confidence, document.warnings) == ("de", 1.0, [])


def test_detected_language_is_used_when_none_is_declared() -> None:
    document = analyse_text(Article(id="x", text="Le conseil municipal a approuvé le budget mardi soir."))
    assert document.lang == "fr"
    assert 0.5 < document.lang_confidence <= 1.0


def test_relative_dates_need_a_publication_date() -> None:
    text = "The council voted on Saturday after a long debate."
    undated = analyse_text(Article(id="u", text=text))
    dated = analyse_text(Article(id="d", text=text, published=parse_published("2025-03-13")))
    assert (undated.dates, [t.text for t in undated.time_expressions]) == ([], ["voted on Saturday"])
    assert (dated.date_keys, dated.time_expressions) == ({"2025-03-08"}, [])


class RecordingEncoder:
    """A deterministic stand-in that records its calls, so batching can be checked without a model."""

    name = "recording"
    dim = 4

    def __init__(self) -> None:
        self.calls: list[int] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        rows = np.array([[len(t), t.count(" "), 1.0, float(i)] for i, t in enumerate(texts)], dtype=np.float32)
        return rows.reshape(len(texts), self.dim)


def test_attach_vectors_encodes_heads_titles_and_sentences_in_one_batch() -> None:
    texts = [f"The {name} report opens here. It closes there." for name in ("first", "second", "third")]
    documents = [analyse_text(Article(id=str(i), text=text)) for i, text in enumerate(texts)]
    encoder = RecordingEncoder()
    attach_vectors(documents, encoder)
    assert encoder.calls == [3 + 3 + 6]
    for document in documents:
        assert document.head_vector is not None and document.head_vector.shape == (4,)
        assert document.title_vector is not None and document.title_vector.shape == (4,)
        assert document.sentence_vectors is not None and document.sentence_vectors.shape == (2, 4)
    assert documents[2].sentence_vectors is not None
    assert documents[2].sentence_vectors[:, 3].tolist() == [10.0, 11.0]


def test_judging_needs_no_sentence_vectors() -> None:
    [document] = [analyse_text(Article(id="a", text="The council met. It voted."))]
    encoder = RecordingEncoder()
    attach_vectors([document], encoder, sentences=False)
    assert encoder.calls == [2]
    assert document.sentence_vectors is None and document.title_vector is not None


def test_attach_vectors_caps_sentences_per_document() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(MAX_SENTENCES + 30))
    [document] = [analyse_text(Article(id="long", text=text))]
    attach_vectors([document], RecordingEncoder())
    assert document.sentence_vectors is not None
    assert document.sentence_vectors.shape == (MAX_SENTENCES, 4)


def test_attach_vectors_on_nothing_does_nothing() -> None:
    encoder = RecordingEncoder()
    attach_vectors([], encoder)
    assert encoder.calls == []


def test_analyse_without_vectors_leaves_them_empty() -> None:
    [document] = analyse([Article(id="a", text="The council met.")], AnalysisOptions(with_vectors=False))
    assert document.head_vector is None and document.sentence_vectors is None


def test_document_to_dict_is_json_ready(examples: dict[str, Document]) -> None:
    record = document_to_dict(examples["reserve-bank-rate-hike-de"])
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record
    assert (record["id"], record["lang"], record["published"]) == ("reserve-bank-rate-hike-de", "de", "2025-03-13")
    assert {"key": "country:NO", "name": "Norway", "country": "NO"}.items() <= next(
        p for p in record["places"] if p["key"] == "country:NO"
    ).items()
    assert record["sentences"] == len(examples["reserve-bank-rate-hike-de"].sentences)
