"""Fitting and cross-validating the judgement, on synthetic feature rows (no encoder, no third-party data)."""

from __future__ import annotations

import dataclasses
import itertools
import json

import numpy as np
import pytest

from samestory.articles.semeval import DIMENSIONS
from samestory.pairs.evaluation import cross_validate, dev_report, semeval_cross_validated, semeval_report
from samestory.pairs.features import DATE_KNOWN, FEATURE_NAMES, SECOND_OPINION, TIME_FEATURES
from samestory.pairs.labelled import DevPairs, SemEvalPairs, article_groups
from samestory.pairs.model import TREE_SETTINGS
from samestory.pairs.scoring import load_scorer
from samestory.pairs.training import fit_heads, fit_scorer, save_scorer

COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}


def _row(rng: np.random.Generator, closeness: float, dated: bool) -> np.ndarray:
    """A feature row whose content signals grow with ``closeness`` (0 unrelated, 0.5 sibling, 1 same)."""
    row = rng.uniform(0, 0.2, size=len(FEATURE_NAMES))
    for name in ("head_cos", "title_cos", "title_head_cos", "lexical_cos", "entity_overlap", "place_overlap"):
        row[COLUMN[name]] = np.clip(0.15 + 0.7 * closeness + rng.normal(scale=0.08), 0, 1)
    row[COLUMN["same_language"]] = 1.0
    row[DATE_KNOWN] = float(dated)
    if dated:
        row[COLUMN["date_close"]] = 1.0 if closeness == 1.0 else rng.uniform(0, 0.3)
    else:
        row[[COLUMN[name] for name in TIME_FEATURES]] = 0.0
    return row.astype(np.float32)


def _dev(rng: np.random.Generator) -> DevPairs:
    """Four topics of two events of three articles: every pair of the twelve articles."""
    articles = [(topic, event) for topic in range(4) for event in range(2) for _ in range(3)]
    rows, labels, folds = [], [], []
    for a, b in itertools.combinations(articles, 2):
        label = 1.0 if a == b else 0.5 if a[0] == b[0] else 0.0
        rows.append(_row(rng, label, dated=True))
        labels.append(label)
        folds.append((a[0], b[0]))
    n = len(rows)
    return DevPairs(np.vstack(rows), np.array(labels), np.array(folds), np.zeros(n, bool), np.arange(n))


def _semeval(rng: np.random.Generator, count: int = 120) -> SemEvalPairs:
    overall = rng.uniform(1, 4, size=count)
    rows = np.vstack([_row(rng, (4 - o) / 3, dated=False) for o in overall])
    labels = np.column_stack([overall] + [np.clip(overall + rng.normal(scale=0.3, size=count), 1, 4)] * 6)
    ids = [(f"a{i}", f"b{i}") for i in range(count)]
    return SemEvalPairs(rows, labels, article_groups(ids), np.array(["xx_xx"] * count), [f"{a}_{b}" for a, b in ids])


@pytest.fixture(scope="module")
def fitted(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(0)
    dev, sem = _dev(rng), _semeval(rng)
    with pytest.MonkeyPatch.context() as patch:  # fewer boosting rounds: these tests check plumbing, not fit
        patch.setitem(TREE_SETTINGS, "max_iter", 30)
        return _fit_all(dev, sem, tmp_path_factory)


def _fit_all(dev: DevPairs, sem: SemEvalPairs, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    cv = cross_validate(dev, sem)
    report, _ = dev_report(dev, cv)
    sem_figures = semeval_report(cv.sem_scores, sem.labels, sem.features[:, COLUMN["head_cos"]], sem.language_pairs)
    scorer = fit_scorer(dev, sem, cv, "use")
    path = tmp_path_factory.mktemp("scorer") / "scorer.json"
    save_scorer(scorer, path, report, sem_figures, {"dev": "synthetic", "semeval": "synthetic"}, sem.pair_ids)
    return dev, sem, cv, report, sem_figures, path


def test_every_pair_gets_an_out_of_fold_prediction(fitted) -> None:  # type: ignore[no-untyped-def]
    dev, sem, cv, *_ = fitted
    assert cv.dev_raw_same.shape == dev.labels.shape and cv.sem_scores.shape == sem.labels.shape
    assert np.all((cv.sem_scores >= 1) & (cv.sem_scores <= 4))
    same, sibling = cv.dev_raw_same[dev.labels == 1.0], cv.dev_raw_same[dev.labels == 0.5]
    assert same.mean() > sibling.mean() + 0.3  # the dated model learns that siblings differ in time


def test_semeval_cross_validation_of_one_head_matches_the_full_run(fitted) -> None:  # type: ignore[no-untyped-def]
    """Asking for the Overall head alone gives the column the full cross-validation gives; another fold seed
    assigns the article groups differently."""
    dev, sem, cv, *_ = fitted
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(TREE_SETTINGS, "max_iter", 30)
        overall = semeval_cross_validated(dev, sem, dimensions=("overall",))
        reseeded = semeval_cross_validated(dev, sem, dimensions=("overall",), seed=1)
    assert np.array_equal(overall[:, 0], cv.sem_scores[:, 0])
    assert not overall[:, 1:].any()
    assert not np.array_equal(reseeded[:, 0], overall[:, 0])


def test_reports_carry_the_figures_and_the_baseline(fitted) -> None:  # type: ignore[no-untyped-def]
    _, _, _, report, sem_figures, _ = fitted
    assert report.similarity["auc_same_vs_rest"] > 0.9
    assert 0 <= report.calibration_error <= 1 and 0 <= report.false_same_story_unrelated <= 1
    assert set(report.baseline) == set(report.similarity)
    assert sem_figures.pearson["overall"] > 0.5 and "baseline_overall" in sem_figures.pearson
    assert sem_figures.per_language_pair["xx_xx"]["pairs"] == 120


def test_saved_scorer_loads_and_records_its_training(fitted) -> None:  # type: ignore[no-untyped-def]
    dev, sem, _, _, _, path = fitted
    scorer = load_scorer(path)
    judged = scorer.judge_features(dev.features[:50])
    assert np.all(judged.related >= judged.similarity)
    assert set(judged.scores[0]) == set(DIMENSIONS)
    record = json.loads(path.read_text())
    assert record["trained"]["semeval_pairs"] == sem.pair_ids
    assert record["trained"]["command"].startswith("samestory train --dev")  # the default encoder, unnamed
    assert record["trained"]["cross_validated"]["news_dev"]["pairs"] == len(dev.labels)


def test_time_never_moves_an_undated_pair(fitted) -> None:  # type: ignore[no-untyped-def]
    """Missing dates are no evidence: without ``date_known`` the time features are not even read."""
    dev, *_, path = fitted
    scorer = load_scorer(path)
    undated = dev.features[:40].copy()
    undated[:, DATE_KNOWN] = 0.0
    noisy = undated.copy()
    noisy[:, [COLUMN[name] for name in TIME_FEATURES]] = np.random.default_rng(5).uniform(size=(40, 3))
    assert np.array_equal(scorer.judge_features(undated).similarity, scorer.judge_features(noisy).similarity)


def test_the_default_heads_never_read_the_second_opinion(fitted) -> None:  # type: ignore[no-untyped-def]
    """Pairs analysed without the precise mode's second vectors are fitted on every feature but its cosine, so
    a default scorer judges alike whatever that column holds."""
    dev, *_, path = fitted
    scorer = load_scorer(path)
    assert not scorer.reads_second_opinion and SECOND_OPINION not in scorer.feature_names
    noisy = dev.features[:40].copy()
    noisy[:, COLUMN[SECOND_OPINION]] = np.random.default_rng(6).uniform(size=40)
    judged, moved = scorer.judge_features(dev.features[:40]), scorer.judge_features(noisy)
    assert np.array_equal(judged.similarity, moved.similarity)
    assert judged.scores == moved.scores


def test_precise_pairs_fit_heads_that_read_the_second_opinion() -> None:
    """With second vectors on both sources every head may read their cosine, and it is what tells the pairs
    apart here (the other features are noise)."""
    rng = np.random.default_rng(1)
    dev, sem = _dev(rng), _semeval(rng)
    for data, closeness in ((dev, dev.labels), (sem, (4 - sem.labels[:, 0]) / 3)):
        data.features[:, COLUMN[SECOND_OPINION]] = closeness
    dev, sem = dataclasses.replace(dev, second_opinion=True), dataclasses.replace(sem, second_opinion=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(TREE_SETTINGS, "max_iter", 30)
        heads = fit_heads(dev, sem)
    assert heads.same_content.feature_names == FEATURE_NAMES
    assert COLUMN[SECOND_OPINION] in heads.same_content.columns and COLUMN[SECOND_OPINION] in heads.same_dated.columns
    low, high = dev.features[:1].copy(), dev.features[:1].copy()
    low[:, COLUMN[SECOND_OPINION]], high[:, COLUMN[SECOND_OPINION]] = 0.0, 1.0
    assert heads.same_content.predict(high)[0] > heads.same_content.predict(low)[0]
    assert heads.dimensions["overall"].predict(high)[0] < heads.dimensions["overall"].predict(low)[0]


def test_sources_analysed_with_different_encoders_are_refused() -> None:
    rng = np.random.default_rng(2)
    dev, sem = _dev(rng), _semeval(rng)
    with pytest.raises(ValueError, match="same encoder"):
        fit_heads(dataclasses.replace(dev, second_opinion=True), sem)
