import json

import numpy as np
import pytest

from samestory.errors import ScorerError
from samestory.pairs.model import LogisticModel, fit_logistic, save_model


def test_fit_logistic_separates_and_orders() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2))
    y = (x[:, 0] > 0).astype(float)
    model = fit_logistic(x, y, ("signal", "noise"), l2=1.0)
    assert abs(model.weights[0]) > 5 * abs(model.weights[1])
    assert model.predict(np.array([2.0, 0.0]))[0] > 0.9 > 0.1 > model.predict(np.array([-2.0, 0.0]))[0]


def test_model_json_roundtrip(tmp_path) -> None:
    model = fit_logistic(np.array([[0.0], [1.0], [0.2], [0.9]]), np.array([0, 1, 0, 1.0]), ("f",))
    path = tmp_path / "m.json"
    save_model(model, path, {"encoder": "use"})
    loaded = LogisticModel.from_json(json.loads(path.read_text())["model"], str(path))
    assert np.allclose(loaded.predict(np.array([[0.5]])), model.predict(np.array([[0.5]])), atol=1e-5)


def test_malformed_model_is_a_scorer_error() -> None:
    with pytest.raises(ScorerError, match="do not match"):
        LogisticModel.from_json(
            {"feature_names": ["a", "b"], "mean": [0], "scale": [1], "weights": [1], "bias": 0}, "x"
        )


def test_tree_ensemble_matches_its_training_library_and_roundtrips(tmp_path) -> None:
    from sklearn.ensemble import GradientBoostingRegressor

    from samestory.pairs.model import TREE_SETTINGS, TreeEnsemble, fit_trees, model_from_json

    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 3))
    y = np.clip((x[:, 0] > 0) * 0.8 + 0.2 * (x[:, 1] > 1), 0, 1)
    model = fit_trees(x, y, ("a", "b", "c"))
    reference = np.clip(GradientBoostingRegressor(**TREE_SETTINGS).fit(x, y).predict(x), 0, 1)
    assert np.allclose(model.predict(x), reference)
    path = tmp_path / "trees.json"
    save_model(model, path, {})
    loaded = model_from_json(json.loads(path.read_text())["model"], str(path))
    assert isinstance(loaded, TreeEnsemble)
    assert np.allclose(loaded.predict(x), model.predict(x), atol=1e-6)


def test_tree_model_naming_unknown_features_is_rejected() -> None:
    from samestory.pairs.model import TreeEnsemble

    record = {"kind": "trees", "feature_names": ["a"], "init": 0.0, "learning_rate": 0.1,
              "trees": [{"feature": [3, -1, -1], "threshold": [0, 0, 0], "left": [1, -1, -1],
                         "right": [2, -1, -1], "value": [0, 0, 1], "depth": [1]}]}  # fmt: skip
    with pytest.raises(ScorerError, match="beyond"):
        TreeEnsemble.from_json(record, "x")
