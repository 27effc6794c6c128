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
        LogisticModel.from_json({"feature_names": ["a", "b"], "mean": [0], "scale": [1], "weights": [1], "bias": 0}, "x")
