"""``samestory eval stories``: B-cubed of the engine and of the plain baseline, measured in one run."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import typer

from samestory.articles import read_articles
from samestory.articles.model import Article, ReadFailure
from samestory.documents.encoders import get_encoder
from samestory.errors import InputError
from samestory.stories.clustering import cluster_articles
from samestory.stories.evaluation import average_link_baseline, bcubed, read_labels
from samestory.stories.similarity import load_story_scorer


def evaluate_file(path: Path, scorer: Path | None = None, with_baseline: bool = True) -> dict[str, Any]:
    """Cluster the labelled articles of ``path`` in date order and score stories and topics."""
    started = time.perf_counter()
    labels = read_labels(path)
    results = list(read_articles([path]))
    articles = [a for a in results if isinstance(a, Article) and a.id in labels]
    failures = [r for r in results if isinstance(r, ReadFailure)]
    if not articles:
        raise InputError(str(path), "none of its labelled records could be read as an article")
    scorer_name, loaded = load_story_scorer(scorer)
    encoder = get_encoder(loaded.encoder)
    failed: list[str] = []
    assignments = cluster_articles(
        articles, encoder=encoder, loaded=loaded, on_failure=lambda article, _: failed.append(article.id)
    )
    events = [labels[x.article.id].event for x in assignments]
    topics = [labels[x.article.id].topic for x in assignments]
    report: dict[str, Any] = {
        "file": str(path),
        "articles": len(articles),
        "unreadable": len(failures) + len(failed),
        "dated": sum(a.published is not None for a in articles),
        "events": len(set(events)),
        "topics": len(set(topics)),
        "scorer": scorer_name,
        "story": bcubed([x.story for x in assignments], events).to_dict(),
        "topic": bcubed([x.topic for x in assignments], topics).to_dict(),
        "predicted_stories": len({x.story for x in assignments}),
        "predicted_topics": len({x.topic for x in assignments}),
    }
    if with_baseline:
        vectors = np.stack([x.head_vector for x in assignments])
        report["baseline"] = {
            level: {"threshold": result.threshold, **result.scores.to_dict()}
            for level, result in (
                ("story", average_link_baseline(vectors, events)),
                ("topic", average_link_baseline(vectors, topics)),
            )
        }
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


def print_evaluation(report: dict[str, Any]) -> None:
    typer.echo(
        f"{report['file']}: {report['articles']} articles ({report['dated']} dated), {report['events']} events, "
        f"{report['topics']} topics; scorer {report['scorer']}; fed in publication-date order"
    )
    typer.echo(f"{'':34}{'B3-P':>8}{'B3-R':>8}{'B3-F1':>8}")
    rows = [
        (f"stories vs event ({report['predicted_stories']} found)", report["story"]),
        (f"topics vs topic ({report['predicted_topics']} found)", report["topic"]),
    ]
    for level in ("story", "topic"):
        if "baseline" in report:
            base = report["baseline"][level]
            rows.append((f"baseline {level} (cos ≥ {base['threshold']:.3f})", base))
    for name, scores in rows:
        typer.echo(f"{name:34}{scores['precision']:>8.3f}{scores['recall']:>8.3f}{scores['f1']:>8.3f}")
    if "baseline" in report:
        typer.echo(
            "baseline: average-link over one encoder vector per article, best threshold of the grid chosen on this "
            "file (optimistic)"
        )
    typer.echo(f"{report['seconds']} s")
