from samestory.pairs.overlap import match_exact, match_fuzzy


def test_exact_matching_and_overlap() -> None:
    matched = match_exact(["a", "b", "c"], ["b", "c", "d", "e"], key=str)
    assert [p[0] for p in matched.pairs] == ["b", "c"]
    assert matched.only_a == ["a"] and matched.only_b == ["d", "e"]
    assert matched.overlap == 2 / 3
    assert matched.jaccard == 2 / 5


def test_fuzzy_matching_meets_transliterations_one_to_one() -> None:
    matched = match_fuzzy(["haftar", "sisi", "trump"], ["hftr", "sisi", "truss"], key=str)
    assert ("haftar", "hftr") in matched.pairs and ("sisi", "sisi") in matched.pairs
    assert matched.only_a == ["trump"] and matched.only_b == ["truss"]


def test_empty_sides() -> None:
    matched = match_exact([], ["x"], key=str)
    assert matched.overlap == 0.0 and matched.sides_empty
