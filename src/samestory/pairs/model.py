"""A small logistic model over pair features, fitted by Newton's method in numpy.

Small on purpose: ~150 labelled articles cannot support a big model, the parameters ship as a JSON
file anyone can read, and scoring a pair costs a dot product. Soft targets (1 same story, 0.5
related, 0 different) make the output a graded similarity rather than a yes/no.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from samestory.errors import ScorerError


@dataclass(frozen=True, slots=True)
class LogisticModel:
    feature_names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def predict(self, features: np.ndarray) -> np.ndarray:
        """Similarity in [0, 1] for a (n, d) or (d,) feature array."""
        z = ((np.atleast_2d(features) - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def to_json(self) -> dict[str, object]:
        return {
            "feature_names": list(self.feature_names),
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
            "weights": self.weights.round(6).tolist(),
            "bias": round(float(self.bias), 6),
        }

    @classmethod
    def from_json(cls, record: dict[str, object], source: str) -> LogisticModel:
        try:
            names = tuple(str(n) for n in record["feature_names"])  # type: ignore[union-attr]
            arrays = [np.asarray(record[k], dtype=np.float64) for k in ("mean", "scale", "weights")]
            bias = float(record["bias"])  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError) as error:
            raise ScorerError(f"{source}: malformed scorer model ({error})") from error
        if any(a.shape != (len(names),) for a in arrays):
            raise ScorerError(f"{source}: scorer arrays do not match its {len(names)} feature names")
        return cls(names, arrays[0], arrays[1], arrays[2], bias)


def fit_logistic(
    features: np.ndarray,
    targets: np.ndarray,
    feature_names: tuple[str, ...],
    sample_weight: np.ndarray | None = None,
    l2: float = 1.0,
    iterations: int = 30,
) -> LogisticModel:
    """Weighted logistic regression with soft targets and an L2 penalty (bias not penalised)."""
    x = np.asarray(features, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    w = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    design = np.hstack([(x - mean) / scale, np.ones((len(y), 1))])
    beta = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ beta, -30, 30)))
        gradient = design.T @ (w * (p - y)) + penalty * beta
        hessian = (design * (w * p * (1 - p))[:, None]).T @ design + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return LogisticModel(feature_names, mean, scale, beta[:-1], float(beta[-1]))


def save_model(model: LogisticModel, path: Path, metadata: dict[str, object]) -> None:
    path.write_text(json.dumps({"model": model.to_json(), **metadata}, indent=2, ensure_ascii=False) + "\n")
