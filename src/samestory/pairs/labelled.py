"""The labelled pairs the judgement learns from and is measured on: news-dev and SemEval-2022 Task 8.

Both are read, analysed once per article (an article whose analysis fails is reported and its pairs left
out; the rest go on) and turned into feature rows with what each source says of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from samestory.articles.load import read_articles
from samestory.articles.model import Article, ReadFailure
from samestory.articles.semeval import DIMENSIONS, SemEvalPair, read_pairs_csv, read_semeval_article
from samestory.documents.analyze import AnalysisOptions, analyse_each
from samestory.documents.model import Document
from samestory.errors import InputError
from samestory.pairs.devset import DevLabels, all_pairs, dev_label, evaluation_pairs, read_dev_labels
from samestory.pairs.features import pair_features


@dataclass(frozen=True, slots=True)
class DevPairs:
    """All pairs of the news-dev articles: features, labels (1 / 0.5 / 0), topic folds, the README's pair set."""

    features: np.ndarray
    labels: np.ndarray
    folds: np.ndarray  # (n, 2): the topic of each article, as a number (cross-validation leaves topics out)
    cross_lingual: np.ndarray
    evaluation_rows: np.ndarray
    second_opinion: bool = False
    """Whether the documents carry the precise mode's second vectors (the features' second-opinion column)."""

    def rows(self, mask: np.ndarray) -> DevPairs:
        return DevPairs(
            self.features[mask],
            self.labels[mask],
            self.folds[mask],
            self.cross_lingual[mask],
            np.zeros(0),
            self.second_opinion,
        )


@dataclass(frozen=True, slots=True)
class SemEvalPairs:
    """SemEval pairs: features, the seven labels (1–4, NaN where unlabelled), groups sharing articles."""

    features: np.ndarray
    labels: np.ndarray  # (n, 7) in DIMENSIONS order
    groups: np.ndarray
    language_pairs: np.ndarray
    pair_ids: list[str]
    second_opinion: bool = False

    def rows(self, mask: np.ndarray) -> SemEvalPairs:
        ids = [pid for pid, keep in zip(self.pair_ids, mask, strict=True) if keep]
        return SemEvalPairs(
            self.features[mask],
            self.labels[mask],
            self.groups[mask],
            self.language_pairs[mask],
            ids,
            self.second_opinion,
        )


@dataclass(frozen=True, slots=True)
class SemEvalData:
    pairs: list[SemEvalPair]
    documents: dict[str, Document]
    failures: list[ReadFailure]


def load_dev(path: Path, encoder: str = "use") -> tuple[list[Document], list[DevLabels]]:
    labels = read_dev_labels(path)
    articles: list[Article] = []
    for result in read_articles([path]):
        if isinstance(result, ReadFailure):
            raise InputError(result.item, result.reason)
        articles.append(result)
    documents, failures = analyse_each(articles, AnalysisOptions(encoder=encoder, sentence_vectors=False))
    if failures:
        raise InputError(failures[0].item, failures[0].reason)
    return documents, labels


def dev_pairs(documents: Sequence[Document], labels: Sequence[DevLabels]) -> DevPairs:
    pairs = all_pairs(len(labels))
    topics = sorted({label.topic for label in labels})
    fold_of = {topic: position for position, topic in enumerate(topics)}
    index = {pair: row for row, pair in enumerate(pairs)}
    return DevPairs(
        features=np.vstack([pair_features(documents[i], documents[j]) for i, j in pairs]),
        labels=np.array([dev_label(labels[i], labels[j]) for i, j in pairs]),
        folds=np.array([(fold_of[labels[i].topic], fold_of[labels[j].topic]) for i, j in pairs]),
        cross_lingual=np.array([labels[i].lang != labels[j].lang for i, j in pairs]),
        evaluation_rows=np.array([index[pair] for pair in evaluation_pairs(list(labels))]),
        second_opinion=with_second_opinion(documents),
    )


def load_semeval(csv_path: Path, articles_dir: Path, encoder: str = "use") -> SemEvalData:
    """Read the pairs and analyse each downloaded article once; missing or failing articles are failures."""
    pairs: list[SemEvalPair] = []
    failures: list[ReadFailure] = []
    for result in read_pairs_csv(csv_path):
        (failures if isinstance(result, ReadFailure) else pairs).append(result)  # type: ignore[arg-type]
    articles: dict[str, Article] = {}
    for pair in pairs:
        for article_id, lang in ((pair.id1, pair.lang1), (pair.id2, pair.lang2)):
            if article_id in articles:
                continue
            try:
                articles[article_id] = read_semeval_article(articles_dir, article_id, lang)
            except InputError as error:
                failures.append(ReadFailure(error.item, error.reason))
    analysed, analysis_failures = analyse_each(
        articles.values(), AnalysisOptions(encoder=encoder, sentence_vectors=False)
    )
    failures.extend(analysis_failures)
    documents = {document.id: document for document in analysed}
    usable = [p for p in pairs if p.id1 in documents and p.id2 in documents]
    failures.extend(
        ReadFailure(pair.pair_id, "skipped: one of its articles is missing or unreadable")
        for pair in pairs
        if pair.id1 not in documents or pair.id2 not in documents
    )
    return SemEvalData(usable, documents, failures)


def semeval_pairs(data: SemEvalData) -> SemEvalPairs:
    labelled = [p for p in data.pairs if p.overall is not None]
    if not labelled:
        raise InputError("SemEval data", "no pair has an Overall label")
    return SemEvalPairs(
        features=np.vstack([pair_features(data.documents[p.id1], data.documents[p.id2]) for p in labelled]),
        labels=np.array([[p.scores.get(name, np.nan) for name in DIMENSIONS] for p in labelled], dtype=np.float64),
        groups=article_groups([(p.id1, p.id2) for p in labelled]),
        language_pairs=np.array([p.language_pair for p in labelled]),
        pair_ids=[p.pair_id for p in labelled],
        second_opinion=with_second_opinion(list(data.documents.values())),
    )


def with_second_opinion(documents: Sequence[Document]) -> bool:
    """All documents carry the precise mode's second vectors (analysed with ``use+e5``)."""
    return bool(documents) and all(document.second_vector is not None for document in documents)


def article_groups(pairs: list[tuple[str, str]]) -> np.ndarray:
    """Connected components of the pair graph: pairs that share an article share a group."""
    parent: dict[str, str] = {}

    def root(item: str) -> str:
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b in pairs:
        parent[root(a)] = root(b)
    ids: dict[str, int] = {}
    return np.array([ids.setdefault(root(a), len(ids)) for a, _ in pairs])
