"""``compare(a, b)``: the whole judgement for two articles, from raw input to evidence."""

from __future__ import annotations

from samestory.articles.model import Article
from samestory.articles.plain import article_from_plain_text
from samestory.documents.analyze import AnalysisOptions, analyse
from samestory.documents.model import Document
from samestory.pairs.comparison import Comparison, Scores, SideSummary
from samestory.pairs.evidence import build_evidence
from samestory.pairs.features import match_documents
from samestory.pairs.scoring import PairScorer, load_scorer


def compare(a: Article | str, b: Article | str, scorer: PairScorer | None = None) -> Comparison:
    """Compare two articles (Article objects or raw texts, whose first line may be a title)."""
    scorer = scorer or load_scorer()
    articles = [_as_article(item, name) for item, name in ((a, "a"), (b, "b"))]
    document_a, document_b = analyse(articles, AnalysisOptions(encoder=scorer.encoder))
    return compare_documents(document_a, document_b, scorer)


def compare_documents(a: Document, b: Document, scorer: PairScorer | None = None) -> Comparison:
    scorer = scorer or load_scorer()
    matches = match_documents(a, b)
    judged, features = scorer.score(a, b, matches)
    return Comparison(
        a=_summary(a),
        b=_summary(b),
        similarity=float(judged.similarity[0]),
        related=float(judged.related[0]),
        label=judged.labels[0],
        scores=Scores(**judged.scores[0]),
        evidence=build_evidence(a, b, matches),
        a_sentences=a.sentences,
        b_sentences=b.sentences,
        features={name: round(float(features[i]), 4) for i, name in enumerate(scorer.feature_names)},
        warnings=[f"{_side_name(a, 'A')}: {w}" for w in a.warnings]
        + [f"{_side_name(b, 'B')}: {w}" for w in b.warnings],
    )


def _side_name(document: Document, side: str) -> str:
    """Warnings name the file (or the id) they concern, and the side when both would read alike."""
    return f"{side} ({document.article.source or document.article.id})"


def _as_article(item: Article | str, name: str) -> Article:
    return item if isinstance(item, Article) else article_from_plain_text(item, name, name)


def _summary(document: Document) -> SideSummary:
    article = document.article
    return SideSummary(
        id=article.id,
        title=article.title,
        lang=document.lang,
        published=article.published.iso() if article.published else None,
        outlet=article.outlet,
        url=article.url,
    )
