"""The scorer's models: exported trees predict exactly as the library that fitted them; calibration is monotone."""

import json

import numpy as np
import pytest

from samestory.errors import ScorerError
from samestory.pairs.model import TREE_SETTINGS, Calibration, TreeEnsemble, fit_calibration, fit_trees


def _data(seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(400, 3))
    y = np.clip((x[:, 0] > 0) * 0.8 + 0.2 * (x[:, 1] > 1), 0, 1)
    return x, y


def test_exported_trees_match_the_training_library_and_roundtrip_through_json() -> None:
    from sklearn.ensemble import HistGradientBoostingRegressor

    x, y = _data()
    model = fit_trees(x, y, ("a", "b", "c"), (0, 1, 2))
    reference = HistGradientBoostingRegressor(**TREE_SETTINGS, random_state=0).fit(x, y).predict(x)  # type: ignore[arg-type]
    assert np.allclose(model.predict(x), np.clip(reference, 0, 1), atol=1e-9)
    loaded = TreeEnsemble.from_json(json.loads(json.dumps(model.to_json())), "x")
    assert np.allclose(loaded.predict(x), model.predict(x), atol=1e-5)  # the file keeps 8 decimals


def test_columns_select_the_inputs_and_bounds_clip_the_output() -> None:
    x, y = _data()
    only_first = fit_trees(x, 1 + 3 * y, ("a", "b", "c"), (0,), bounds=(1.0, 4.0))
    shuffled = x.copy()
    shuffled[:, 1:] = 0.0
    assert np.array_equal(only_first.predict(x), only_first.predict(shuffled))
    assert only_first.predict(x).min() >= 1.0 and only_first.predict(x).max() <= 4.0


def test_monotone_constraint_holds_everywhere() -> None:
    rng = np.random.default_rng(3)
    x = rng.uniform(size=(500, 2))
    y = np.clip(x[:, 0] + rng.normal(scale=0.3, size=500), 0, 1)
    model = fit_trees(x, y, ("shared", "other"), (0, 1), monotone={"shared": 1})
    grid = np.column_stack([np.linspace(0, 1, 101), np.full(101, 0.5)])
    assert np.all(np.diff(model.predict(grid)) >= -1e-12)


def test_a_tree_using_an_unknown_input_is_rejected() -> None:
    record = {"feature_names": ["a"], "columns": [0], "init": 0.0, "bounds": [0, 1],
              "trees": [{"feature": [3, -1, -1], "threshold": [0, 0, 0], "left": [1, -1, -1],
                         "right": [2, -1, -1], "value": [0, 0, 1], "depth": [1]}]}  # fmt: skip
    with pytest.raises(ScorerError, match="beyond"):
        TreeEnsemble.from_json(record, "x")


def test_calibration_is_strictly_increasing_and_fits_the_truth() -> None:
    rng = np.random.default_rng(2)
    scores = rng.uniform(0.01, 0.99, size=4000)
    truth = (rng.uniform(size=4000) < scores**2).astype(float)  # over-confident scores
    calibration = fit_calibration(scores, truth)
    grid = np.linspace(0.01, 0.99, 50)
    assert np.all(np.diff(calibration(grid)) > 0)
    assert abs(float(calibration(np.array([0.5]))[0]) - 0.25) < 0.08
    loaded = Calibration.from_json(calibration.to_json(), "x")
    assert np.allclose(loaded(grid), calibration(grid), atol=1e-5)


def test_a_decreasing_calibration_is_rejected() -> None:
    with pytest.raises(ScorerError, match="increase"):
        Calibration.from_json({"slope": -1.0, "intercept": 0.0}, "x")


def _walk(tree: dict, row: list[float]) -> float:
    """The plain reading of a tree: the reference the compiled masks must agree with."""
    node = 0
    while tree["feature"][node] >= 0:
        go_left = row[tree["feature"][node]] <= tree["threshold"][node]  # NaN fails: it goes right
        node = tree["left"][node] if go_left else tree["right"][node]
    return tree["value"][node]


def test_compiled_trees_reach_the_leaves_a_walk_reaches() -> None:
    lopsided = {"feature": [0, -1, 1, -1, 0, -1, -1], "threshold": [0.5, 0, 2.0, 0, 0.9, 0, 0],
                "left": [1, -1, 3, -1, 5, -1, -1], "right": [2, -1, 4, -1, 6, -1, -1],
                "value": [0, 1.0, 0, 2.0, 0, 3.0, 4.0], "depth": [3]}  # fmt: skip
    leaf_only = {"feature": [-1], "threshold": [0], "left": [-1], "right": [-1], "value": [0.25], "depth": [0]}
    record = {"feature_names": ["a", "b"], "columns": [1, 0], "init": 0.5, "bounds": [-10, 10],
              "trees": [lopsided, leaf_only, lopsided]}  # fmt: skip
    model = TreeEnsemble.from_json(record, "x")
    rng = np.random.default_rng(4)
    rows = np.column_stack([rng.uniform(0, 4, 300), rng.uniform(0, 1, 300)])
    rows[::17, 1] = np.nan
    rows[::13, 0] = 2.0  # on a threshold: goes left
    for row, predicted in zip(rows, model.predict(rows), strict=True):
        inputs = [row[1], row[0]]
        assert predicted == 0.5 + _walk(lopsided, inputs) + 0.25 + _walk(lopsided, inputs)


def test_a_tree_whose_nodes_loop_is_rejected() -> None:
    looping = {"feature": [0, 0], "threshold": [0, 0], "left": [1, 0], "right": [1, 0], "value": [0, 0], "depth": [1]}
    record = {"feature_names": ["a"], "columns": [0], "init": 0.0, "bounds": [0, 1], "trees": [looping]}
    with pytest.raises(ScorerError, match="twice"):
        TreeEnsemble.from_json(record, "x")
