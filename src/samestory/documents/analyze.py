"""Article → Document: language, sentences, entities, places, dates, numbers and vectors.

Text analysis runs per article; vectors are computed afterwards for a whole batch at once, because the
encoder is by far the largest cost and is fastest on big batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from samestory.articles.model import Article, ReadFailure
from samestory.documents.dates import find_dates, find_time_expressions
from samestory.documents.encoders import DEFAULT_ENCODER, Encoder, get_encoder, round_trip_vector
from samestory.documents.entities import find_entities
from samestory.documents.language import (
    SUPPORTED_LANGUAGES,
    UNDETERMINED,
    detect_language,
    is_declared_language_valid,
    normalise_language_code,
    unsupported_script,
)
from samestory.documents.model import Document
from samestory.documents.numbers import find_numbers
from samestory.documents.places import find_places
from samestory.documents.roles import find_roles
from samestory.documents.sentences import split_sentences
from samestory.documents.terms import term_vector

HEAD_CHARS = 2000
"""The head vector covers title and lead: where news states what happened."""
TITLE_CHARS = 300
MAX_SENTENCES = 120
"""Sentence vectors beyond this are not computed: long reports repeat, and cost must stay bounded."""
MAX_ENTITIES = 60
"""Caps on what analysis keeps, most mentioned first (beyond these a long report only names bystanders);
the store keeps exactly these, so a stored article compares as it did fresh."""
MAX_PLACES = 40
MAX_DATES = 40
MAX_NUMBERS = 60


@dataclass(frozen=True, slots=True)
class AnalysisOptions:
    encoder: str = DEFAULT_ENCODER
    with_vectors: bool = True
    sentence_vectors: bool = True
    """Sentence vectors serve the evidence (aligned claims); judging and training need only head and title."""


def analyse_text(article: Article) -> Document:
    """Everything but the vectors; cheap enough to run per article."""
    warnings: list[str] = []
    lang, confidence = _language(article)
    if not is_declared_language_valid(article.lang):
        warnings.append(f"declared language {article.lang!r} is no ISO 639 code; the language was read from the text")
    if lang == UNDETERMINED and (script := unsupported_script(article.full_text)):
        warnings.append(
            f"written in {script.title()} script, in a language samestory does not support "
            f"(supported: {', '.join(SUPPORTED_LANGUAGES)}); only language-independent analysis was done"
        )
    elif lang == UNDETERMINED:
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
        entities=entities[:MAX_ENTITIES],
        places=places[:MAX_PLACES],
        dates=dates[:MAX_DATES],
        numbers=find_numbers(sentences, lang, date_spans)[:MAX_NUMBERS],
        time_expressions=find_time_expressions(sentences) if article.published is None else [],
        terms=term_vector(article.full_text, lang),
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


def attach_vectors(documents: Sequence[Document], encoder: Encoder, sentences: bool = True) -> None:
    """Head and title vectors (what the pair judgement compares), rounded as the store keeps them, and the
    sentence vectors the evidence aligns (``sentences``), all in one encoder call; with an encoder that gives
    a second opinion (the precise mode), its vector of each lead too."""
    if not documents:
        return
    sentence_lists = [d.sentences[:MAX_SENTENCES] if sentences else [] for d in documents]
    texts = [d.article.full_text[:HEAD_CHARS] for d in documents]
    texts += [title_text(d) for d in documents]
    texts += [s for listed in sentence_lists for s in listed]
    vectors = encoder.encode(texts)
    count = len(documents)
    offset = 2 * count
    for position, (document, listed) in enumerate(zip(documents, sentence_lists, strict=True)):
        document.head_vector = round_trip_vector(vectors[position])
        document.title_vector = round_trip_vector(vectors[count + position])
        document.sentence_vectors = vectors[offset : offset + len(listed)] if sentences else None
        offset += len(listed)
    encode_second = getattr(encoder, "encode_second", None)
    if encode_second is not None:
        seconds = encode_second([d.article.full_text for d in documents])
        for document, vector in zip(documents, seconds, strict=True):
            document.second_vector = round_trip_vector(vector)


def title_text(document: Document) -> str:
    """The title, or the first sentence of an article without one."""
    title = document.article.title or (document.sentences[0] if document.sentences else document.article.text)
    return title[:TITLE_CHARS]


def analyse(articles: Iterable[Article], options: AnalysisOptions | None = None) -> list[Document]:
    options = options or AnalysisOptions()
    encoder = load_encoder_in_background(options.encoder) if options.with_vectors else None
    documents = [analyse_text(article) for article in articles]
    if encoder is not None:
        attach_vectors(documents, encoder.result(), options.sentence_vectors)
    return documents


def load_encoder_in_background(spec: str) -> Future[Encoder]:
    """The encoder, loading on a second thread while this one analyses the text: a cold ``compare`` spends
    about a second decompressing weights, which then costs no wall time on a machine with two cores."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samestory-encoder")
    loading = pool.submit(_warm_encoder, spec)
    pool.shutdown(wait=False)  # the thread ends once the encoder is loaded
    return loading


def _warm_encoder(spec: str) -> Encoder:
    encoder = get_encoder(spec)
    warm_up = getattr(encoder, "warm_up", None)
    if warm_up is not None:
        warm_up()
    return encoder


def analyse_each(
    articles: Iterable[Article], options: AnalysisOptions | None = None
) -> tuple[list[Document], list[ReadFailure]]:
    """Analysis that one article can never end: an unexpected error is that article's failure, named, and
    the others are analysed as usual (real text finds the corners no test thought of)."""
    options = options or AnalysisOptions()
    documents: list[Document] = []
    failures: list[ReadFailure] = []
    for article in articles:
        try:
            documents.append(analyse_text(article))
        except Exception as error:
            failures.append(ReadFailure(article.id, f"analysis failed ({type(error).__name__}: {error})"))
    if options.with_vectors:
        attach_vectors(documents, get_encoder(options.encoder), options.sentence_vectors)
    return documents, failures
