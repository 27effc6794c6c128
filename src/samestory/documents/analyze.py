"""Article → Document: language, sentences, entities, places, dates, numbers and vectors.

Text analysis runs per article; vectors are computed afterwards for a whole batch at once, because the
encoder is by far the largest cost and is fastest on big batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from samestory.articles.model import Article
from samestory.documents.dates import find_dates, find_time_expressions
from samestory.documents.encoders import DEFAULT_ENCODER, Encoder, get_encoder
from samestory.documents.entities import find_entities
from samestory.documents.language import (
    SUPPORTED_LANGUAGES,
    UNDETERMINED,
    detect_language,
    normalise_language_code,
)
from samestory.documents.model import Document
from samestory.documents.numbers import find_numbers
from samestory.documents.places import find_places
from samestory.documents.roles import find_roles
from samestory.documents.sentences import split_sentences

HEAD_CHARS = 2000
"""The head vector covers title and lead: where news states what happened."""
MAX_SENTENCES = 120
"""Sentence vectors beyond this are not computed: long reports repeat, and cost must stay bounded."""


@dataclass(frozen=True, slots=True)
class AnalysisOptions:
    encoder: str = DEFAULT_ENCODER
    with_vectors: bool = True


def analyse_text(article: Article) -> Document:
    """Everything but the vectors; cheap enough to run per article."""
    warnings: list[str] = []
    lang, confidence = _language(article)
    if lang == UNDETERMINED:
        warnings.append("language could not be identified; only language-independent analysis was done")
    elif lang not in SUPPORTED_LANGUAGES:
        warnings.append(f"language {lang!r} is not supported; only language-independent analysis was done")
    sentences = split_sentences(article.full_text)
    places, place_positions = find_places(sentences, lang)
    entities = find_entities(sentences, lang, place_positions) + find_roles(sentences)
    dates = find_dates(sentences, article.published)
    date_spans: dict[int, list[tuple[int, int]]] = {}
    for mention in dates:
        date_spans.setdefault(mention.sentence, []).append(mention.span)
    return Document(
        article=article,
        lang=lang,
        lang_confidence=round(confidence, 3),
        sentences=sentences,
        entities=entities,
        places=places,
        dates=dates,
        numbers=find_numbers(sentences, lang, date_spans),
        time_expressions=find_time_expressions(sentences) if article.published is None else [],
        warnings=warnings,
    )


def _language(article: Article) -> tuple[str, float]:
    """The declared language when there is one (feeds know it; detection costs as much as the rest of the
    analysis of a short report), else lingua's guess."""
    declared = normalise_language_code(article.lang)
    if declared:
        return declared, 1.0
    guess = detect_language(article.full_text)
    return guess.lang, guess.confidence


def attach_vectors(documents: Sequence[Document], encoder: Encoder) -> None:
    """Encode heads and sentences of all documents in two large batches."""
    if not documents:
        return
    heads = encoder.encode([d.article.full_text[:HEAD_CHARS] for d in documents])
    sentence_lists = [d.sentences[:MAX_SENTENCES] for d in documents]
    flat = [s for sentences in sentence_lists for s in sentences]
    vectors = encoder.encode(flat) if flat else np.zeros((0, encoder.dim), dtype=np.float32)
    offset = 0
    for document, head, sentences in zip(documents, heads, sentence_lists, strict=True):
        document.head_vector = head
        document.sentence_vectors = vectors[offset : offset + len(sentences)]
        offset += len(sentences)


def analyse(articles: Iterable[Article], options: AnalysisOptions | None = None) -> list[Document]:
    options = options or AnalysisOptions()
    documents = [analyse_text(article) for article in articles]
    if options.with_vectors:
        attach_vectors(documents, get_encoder(options.encoder))
    return documents
