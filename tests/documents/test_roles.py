"""Generic actors named by common nouns become shared role keys across languages."""

from __future__ import annotations

import pytest

from samestory.documents.roles import find_roles


@pytest.mark.parametrize(
    "sentence",
    [
        "The government rejected the plan.",
        "Die Regierung lehnte den Plan ab.",
        "Le gouvernement a rejeté le plan.",
        "Правительства двух стран отвергли план.",
        "Hükümet planı reddetti.",
        "政府拒绝了该计划。",
    ],
)
def test_government_in_any_language(sentence: str) -> None:
    assert [r.key for r in find_roles([sentence])] == ["role:government"]


def test_multi_word_role_and_counting() -> None:
    roles = {r.key: r for r in find_roles(["La Banque centrale a parlé.", "La banque centrale a relevé son taux."])}
    bank = roles["role:central bank"]
    assert (bank.count, bank.kind, bank.first_sentence) == (2, "organisation", 0)
    assert bank.forms == ["Banque centrale", "banque centrale"]


def test_inflected_forms_count_as_the_role() -> None:
    roles = find_roles(["Хорватская vlada ушла.", "Премьер распустил правительство."])
    assert [(r.key, r.count) for r in roles] == [("role:government", 2)]


def test_first_names_are_not_the_croatian_word_for_government() -> None:
    """'vlad' as a prefix matched every 'Vladimir' and 'Vladislav' in the news."""
    assert find_roles(["Vladimir Petrov and Vladislav Orlov arrived."]) == []
