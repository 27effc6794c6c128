import numpy as np
import pytest

from samestory.pairs.metrics import pearson, roc_auc, spearman


def test_pearson_and_spearman_on_monotone_data() -> None:
    x = np.array([1.0, 2.0, 3.0, 4.0])
    assert pearson(x, 2 * x + 1) == pytest.approx(1.0)
    assert spearman(x, x**3) == pytest.approx(1.0)
    assert pearson(x, -x) == pytest.approx(-1.0)


def test_auc_counts_ties_as_half() -> None:
    positive = np.array([True, True, False, False])
    assert roc_auc(positive, np.array([0.9, 0.8, 0.1, 0.2])) == pytest.approx(1.0)
    assert roc_auc(positive, np.array([0.5, 0.5, 0.5, 0.5])) == pytest.approx(0.5)
    assert roc_auc(positive, np.array([0.9, 0.3, 0.5, 0.2])) == pytest.approx(0.75)


def test_auc_without_both_classes_is_nan() -> None:
    assert np.isnan(roc_auc(np.array([True, True]), np.array([0.1, 0.2])))
