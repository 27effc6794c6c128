"""The scorer's models over pair features: boosted shallow trees and a monotone calibration map.

Small on purpose: ~2,400 labelled pairs (news-dev and SemEval-2022) cannot support a big model, the
parameters ship as a JSON file anyone can read, and inference is a few numpy operations with no ML library
at run time (scikit-learn fits them; ``samestory[train]``). Trees because time and content interact: a
month's gap means "another happening" only when the texts are about the same actors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from samestory.errors import ScorerError

TREE_SETTINGS: dict[str, float | int] = {
    "max_depth": 3,
    "max_iter": 200,
    "learning_rate": 0.05,
    "min_samples_leaf": 20,
    "l2_regularization": 1.0,
}
"""Shallow histogram-boosted trees; chosen by cross-validation on both data sets (docs/pairs.md)."""


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    """Boosted regression trees over named features, stored as flat node arrays.

    ``columns`` picks the model's inputs from the full feature row; predictions are clipped to ``bounds``.
    """

    feature_names: tuple[str, ...]
    columns: tuple[int, ...]
    init: float
    trees: tuple[dict[str, np.ndarray], ...]
    bounds: tuple[float, float]
    compiled: _LeafMasks = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", _LeafMasks.of(self.trees, self.columns))

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Every test of every tree is one comparison over all rows at once (``_LeafMasks``): the story engine
        and ``similar`` score dozens of pairs per article, and ten models read each row."""
        x = np.atleast_2d(np.asarray(features, dtype=np.float64))
        if not len(x):
            return np.zeros(0)
        return np.clip(self.init + self.compiled.leaf_values(x).sum(axis=1), *self.bounds)

    def to_json(self) -> dict[str, object]:
        """Thresholds at full precision (a split can fall exactly on a training value); leaf values to 8 places."""
        return {
            "feature_names": list(self.feature_names),
            "columns": list(self.columns),
            "init": round(self.init, 8),
            "bounds": list(self.bounds),
            "trees": [
                {k: (v.round(8).tolist() if k == "value" else v.tolist()) for k, v in tree.items()}
                for tree in self.trees
            ],
        }

    @classmethod
    def from_json(cls, record: dict[str, object], source: str) -> TreeEnsemble:
        try:
            names = tuple(str(n) for n in record["feature_names"])  # type: ignore[union-attr]
            columns = tuple(int(c) for c in record["columns"])  # type: ignore[union-attr]
            trees = tuple(
                {
                    "feature": np.asarray(t["feature"], dtype=np.int64),
                    "threshold": np.asarray(t["threshold"], dtype=np.float64),
                    "left": np.asarray(t["left"], dtype=np.int64),
                    "right": np.asarray(t["right"], dtype=np.int64),
                    "value": np.asarray(t["value"], dtype=np.float64),
                    "depth": np.asarray(t["depth"], dtype=np.int64),
                }
                for t in record["trees"]  # type: ignore[union-attr]
            )
            low, high = (float(b) for b in record["bounds"])  # type: ignore[union-attr]
            init = float(record["init"])  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError) as error:
            raise ScorerError(f"{source}: malformed tree model ({error})") from error
        if any(int(t["feature"].max(initial=-1)) >= len(columns) for t in trees):
            raise ScorerError(f"{source}: a tree uses an input beyond its {len(columns)} columns")
        return cls(names, columns, init, trees, (low, high))


MAX_LEAVES = 64
"""Leaves a tree may have: one bit each in a 64-bit mask (the shipped trees have depth 3, 8 leaves)."""
_ALL_LEAVES = 2**64 - 1


@dataclass(frozen=True, slots=True)
class _LeafMasks:
    """The trees as bit masks over their leaves, numbered left to right (QuickScorer, Lucchese et al., SIGIR
    2015): a test that sends a row right rules out the leaves of its left subtree, and the row's leaf is the
    leftmost one no failed test rules out. So a batch costs one comparison per test node for all rows, not a
    walk level by level; the leaves and so the predictions are exactly those of the walk.
    """

    column: np.ndarray
    """(tests,) the feature-row column each test reads."""
    threshold: np.ndarray
    keeps: np.ndarray
    """(tests,) uint64: the leaves of its tree still possible when the test sends the row right."""
    starts: np.ndarray
    """Where each tree with a test begins among the tests."""
    tested: np.ndarray
    """The trees with at least one test (a tree can be a single leaf)."""
    values: np.ndarray
    """(trees, leaves) leaf values, left to right, zero-padded."""

    @classmethod
    def of(cls, trees: tuple[dict[str, np.ndarray], ...], columns: tuple[int, ...]) -> _LeafMasks:
        column: list[int] = []
        threshold: list[float] = []
        keeps: list[int] = []
        starts: list[int] = []
        tested: list[int] = []
        leaf_values: list[list[float]] = []
        for number, tree in enumerate(trees):
            leaves, tests = _in_order(tree)
            if len(leaves) > MAX_LEAVES:
                raise ScorerError(f"a tree has {len(leaves)} leaves; at most {MAX_LEAVES} are supported")
            leaf_values.append([float(tree["value"][node]) for node in leaves])
            if tests:
                tested.append(number)
                starts.append(len(column))
            for node, left_leaves in tests:
                column.append(columns[int(tree["feature"][node])])
                threshold.append(float(tree["threshold"][node]))
                keeps.append(_ALL_LEAVES & ~sum(1 << leaf for leaf in left_leaves))
        width = max((len(v) for v in leaf_values), default=1)
        return cls(
            np.array(column, dtype=np.int64),
            np.array(threshold, dtype=np.float64),
            np.array(keeps, dtype=np.uint64),
            np.array(starts, dtype=np.int64),
            np.array(tested, dtype=np.int64),
            np.array([v + [0.0] * (width - len(v)) for v in leaf_values], dtype=np.float64).reshape(len(trees), width),
        )

    def leaf_values(self, x: np.ndarray) -> np.ndarray:
        """(rows, trees): the value of the leaf each row reaches in each tree."""
        leaf = np.zeros((len(x), len(self.values)), dtype=np.int64)
        if len(self.tested):
            sent_right = ~(x[:, self.column] <= self.threshold)  # a missing value goes right, as in the walk
            masks = np.where(sent_right, self.keeps, np.uint64(_ALL_LEAVES))
            alive = np.bitwise_and.reduceat(masks, self.starts, axis=1)
            lowest = alive & (~alive + np.uint64(1))
            leaf[:, self.tested] = np.log2(lowest.astype(np.float64)).astype(np.int64)
        return self.values[np.arange(len(self.values))[None, :], leaf]


def _in_order(tree: dict[str, np.ndarray]) -> tuple[list[int], list[tuple[int, list[int]]]]:
    """The tree's leaves left to right, and each test node with the positions of its left subtree's leaves."""
    leaves: list[int] = []
    tests: list[tuple[int, list[int]]] = []
    seen: set[int] = set()

    def visit(node: int) -> None:
        if node in seen or not 0 <= node < len(tree["feature"]):
            raise ScorerError(f"a tree's node {node} is reached twice or does not exist")
        seen.add(node)
        if tree["feature"][node] < 0:
            leaves.append(node)
            return
        first = len(leaves)
        visit(int(tree["left"][node]))
        left_leaves = list(range(first, len(leaves)))
        visit(int(tree["right"][node]))
        tests.append((node, left_leaves))

    visit(0)
    return leaves, tests


@dataclass(frozen=True, slots=True)
class Calibration:
    """A strictly increasing map from a model's output to a probability: logistic in the output's logit
    (Platt scaling). Two parameters cannot overfit, and a strictly monotone map keeps every ranking (an
    isotonic step function would tie scores and lose AUC)."""

    slope: float
    intercept: float

    def __call__(self, scores: np.ndarray) -> np.ndarray:
        z = self.slope * _logit(np.asarray(scores, dtype=np.float64)) + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))

    def to_json(self) -> dict[str, object]:
        return {"slope": round(self.slope, 6), "intercept": round(self.intercept, 6)}

    @classmethod
    def from_json(cls, record: dict[str, object], source: str) -> Calibration:
        try:
            slope, intercept = float(record["slope"]), float(record["intercept"])  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError) as error:
            raise ScorerError(f"{source}: malformed calibration ({error})") from error
        if slope <= 0:
            raise ScorerError(f"{source}: a calibration must increase (slope {slope})")
        return cls(slope, intercept)

    @classmethod
    def identity(cls) -> Calibration:
        return cls(1.0, 0.0)


_EPSILON = 1e-4


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, _EPSILON, 1.0 - _EPSILON)
    return np.log(p / (1.0 - p))


def fit_trees(
    features: np.ndarray,
    targets: np.ndarray,
    feature_names: tuple[str, ...],
    columns: tuple[int, ...],
    sample_weight: np.ndarray | None = None,
    bounds: tuple[float, float] = (0.0, 1.0),
    monotone: dict[str, int] | None = None,
) -> TreeEnsemble:
    """Fit with scikit-learn's histogram boosting and keep just the node arrays.

    ``monotone`` constrains named features (+1 never lowers the prediction as it grows, -1 never raises it):
    more shared names can never make two reports less alike.
    """
    try:
        from sklearn.ensemble import HistGradientBoostingRegressor
    except ImportError as error:
        raise ScorerError("training needs scikit-learn: pip install 'samestory[train]'") from error
    constraints = [(monotone or {}).get(feature_names[c], 0) for c in columns]
    booster = HistGradientBoostingRegressor(**TREE_SETTINGS, monotonic_cst=constraints, random_state=0)  # type: ignore[arg-type]
    booster.fit(np.asarray(features)[:, list(columns)], targets, sample_weight=sample_weight)
    trees = []
    for (predictor,) in booster._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append({
            "feature": np.where(leaf, -1, nodes["feature_idx"]).astype(np.int64),
            "threshold": nodes["num_threshold"].astype(np.float64),
            "left": nodes["left"].astype(np.int64),
            "right": nodes["right"].astype(np.int64),
            "value": np.where(leaf, nodes["value"], 0.0).astype(np.float64),
            "depth": np.array([int(nodes["depth"].max())], dtype=np.int64),
        })  # fmt: skip
    init = float(np.asarray(booster._baseline_prediction).ravel()[0])
    return TreeEnsemble(feature_names, columns, init, tuple(trees), bounds)


def fit_calibration(scores: np.ndarray, truth: np.ndarray, iterations: int = 50) -> Calibration:
    """Logistic regression of the truth (0/1) on the logit of out-of-fold scores (Newton's method)."""
    x = np.column_stack([_logit(np.asarray(scores, dtype=np.float64)), np.ones(len(scores))])
    y = np.asarray(truth, dtype=np.float64)
    beta = np.array([1.0, 0.0])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ beta, -30.0, 30.0)))
        gradient = x.T @ (p - y)
        hessian = (x * (p * (1 - p))[:, None]).T @ x + 1e-6 * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-9:
            break
    if beta[0] <= 0:
        return Calibration.identity()
    return Calibration(float(beta[0]), float(beta[1]))
