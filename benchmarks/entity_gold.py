"""Precision and recall of the analysis' names against the hand-annotated gold standard (benchmarks/gold/).

Matching is by surface form, the way a journalist reads the evidence: a found entity is right when one of
the forms it was found under is one of the forms the annotator listed for a gold name of the right group
(people, organisations and other names; places), after case folding, transliteration to ASCII and the
removal of possessive or case endings written after an apostrophe ("Erdoğan'ın", "Haftar's"), and of a place
type word the annotator left out ("Yangon Region" for "Yangon"). A found form
that is a contiguous part of a gold form counts when it holds at least half of its words, or is a person's
surname ("Haftar" for "Khalifa Haftar"): shorter than that ("Bank" for "European Central Bank") is junk.
A place is right only when it also lies in the annotated country ("Tripoli" in Lebanon is wrong in a Libya
story). Person/organisation kind accuracy is measured over the gold people and organisations that were found.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anyascii import anyascii

from samestory.documents.model import Document
from samestory.documents.tokens import fold_case

GOLD = Path(__file__).resolve().parent / "gold" / "news-dev-entities.jsonl"
ROLE_PREFIX = "role:"
NAME_KINDS = ("person", "organisation", "other")
_APOSTROPHE_ENDING = re.compile(r"['’][^\W\d_]{1,4}$")
_NON_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True, slots=True)
class GoldName:
    name: str
    kind: str
    forms: tuple[tuple[str, ...], ...]
    country: str | None = None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    lang: str
    names: tuple[GoldName, ...]


def read_gold(path: Path = GOLD) -> list[GoldArticle]:
    articles = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        names = tuple(
            GoldName(e["name"], e["kind"], tuple(normalise(f) for f in e["forms"]), e.get("country"))
            for e in record["entities"]
        )
        articles.append(GoldArticle(record["id"], record["lang"], names))
    return articles


def normalise(form: str) -> tuple[str, ...]:
    """A form as words: folded case, ASCII, no possessive ending, punctuation and hyphens as spaces."""
    stripped = _APOSTROPHE_ENDING.sub("", form.strip().strip("#@"))
    return tuple(_NON_WORD.sub(" ", anyascii(fold_case(stripped)).lower()).split())


PLACE_TYPE_WORDS = frozenset({"region", "state", "province", "city", "oblast", "county", "district"})
"""'Yangon Region' found for the annotated 'Yangon': the type word adds nothing to the name."""


def form_matches(found: tuple[str, ...], gold: tuple[str, ...], person: bool) -> bool:
    if not found or not gold:
        return False
    if found == gold or tuple(w for w in found if w not in PLACE_TYPE_WORDS) == gold:
        return True
    if len(found) >= len(gold) or not _contiguous_in(found, gold):
        return False
    return 2 * len(found) >= len(gold) or (person and found == gold[-1:])


def _contiguous_in(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    return any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def _matching(forms: list[tuple[str, ...]], candidates: list[GoldName]) -> GoldName | None:
    for gold in candidates:
        if any(form_matches(f, g, gold.kind == "person") for f in forms for g in gold.forms):
            return gold
    return None


@dataclass
class Tally:
    """Counts for one group (names or places) in one language."""

    found: int = 0
    correct: int = 0
    gold: int = 0
    recalled: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.found += other.found
        self.correct += other.correct
        self.gold += other.gold
        self.recalled += other.recalled
        self.wrong += other.wrong
        self.missed += other.missed

    def row(self) -> dict[str, Any]:
        return {
            "found": self.found,
            "precision": round(self.correct / self.found, 3) if self.found else None,
            "gold": self.gold,
            "recall": round(self.recalled / self.gold, 3) if self.gold else None,
        }


@dataclass
class KindTally:
    matched: int = 0
    right_kind: int = 0
    confusions: list[str] = field(default_factory=list)


def score_article(document: Document, gold: GoldArticle) -> tuple[Tally, Tally, KindTally]:
    names_gold = [g for g in gold.names if g.kind in NAME_KINDS]
    places_gold = [g for g in gold.names if g.kind == "place"]
    names, places, kinds = Tally(), Tally(), KindTally()
    found_names: dict[GoldName, str] = {}
    for entity in document.entities:
        if entity.key.startswith(ROLE_PREFIX):
            continue
        forms = [normalise(f) for f in entity.forms]
        names.found += 1
        hit = _matching(forms, names_gold)
        if hit is None:
            place = _matching(forms, places_gold)
            names.wrong.append(f"{entity.name} ({entity.kind}{', a place' if place else ''})")
            continue
        names.correct += 1
        found_names.setdefault(hit, entity.kind)
    found_places: set[GoldName] = set()
    for mention in document.places:
        places.found += 1
        hit = _matching([normalise(f) for f in mention.forms], places_gold)
        if hit is not None and (hit.country is None or hit.country == mention.country):
            places.correct += 1
            found_places.add(hit)
        else:
            why = "not a place here" if hit is None else f"in {mention.country}, not {hit.country}"
            places.wrong.append(f"{'/'.join(mention.forms[:2])} → {mention.key} ({why})")
    for gold_name in names_gold:
        if gold_name.kind == "other":
            continue
        names.gold += 1
        if gold_name in found_names:
            names.recalled += 1
            kinds.matched += 1
            if found_names[gold_name] == gold_name.kind:
                kinds.right_kind += 1
            else:
                kinds.confusions.append(f"{gold_name.name}: {gold_name.kind} as {found_names[gold_name]}")
        else:
            names.missed.append(gold_name.name)
    for gold_place in places_gold:
        places.gold += 1
        if gold_place in found_places:
            places.recalled += 1
        else:
            places.missed.append(gold_place.name)
    return names, places, kinds


def evaluate(documents: dict[str, Document], gold: list[GoldArticle]) -> dict[str, Any]:
    """Per-language and overall precision/recall for names and places, and the person/organisation kind accuracy."""
    names_by_lang: dict[str, Tally] = defaultdict(Tally)
    places_by_lang: dict[str, Tally] = defaultdict(Tally)
    kinds = KindTally()
    for article in gold:
        if article.id not in documents:
            raise KeyError(f"gold article {article.id} is not in the analysed data")
        names, places, article_kinds = score_article(documents[article.id], article)
        for lang in (article.lang, "all"):
            names_by_lang[lang].add(names)
            places_by_lang[lang].add(places)
        kinds.matched += article_kinds.matched
        kinds.right_kind += article_kinds.right_kind
        kinds.confusions += article_kinds.confusions
    languages = sorted(names_by_lang, key=lambda lang: (lang == "all", -len(lang), lang))
    return {
        "articles": len(gold),
        "languages": len(names_by_lang) - 1,
        "per_language": [
            {"lang": lang, "people_organisations": names_by_lang[lang].row(), "places": places_by_lang[lang].row()}
            for lang in languages
        ],
        "kind_accuracy": round(kinds.right_kind / kinds.matched, 3) if kinds.matched else None,
        "kind_confusions": kinds.confusions,
        "wrong_names": names_by_lang["all"].wrong,
        "missed_names": names_by_lang["all"].missed,
        "wrong_places": places_by_lang["all"].wrong,
        "missed_places": places_by_lang["all"].missed,
    }


def print_gold(report: dict[str, Any]) -> None:
    print(f"gold standard: {report['articles']} articles, {report['languages']} languages")
    print(f"{'lang':<5} {'names P':>8} {'R':>6} {'(found/gold)':>13}   {'places P':>8} {'R':>6} {'(found/gold)':>13}")
    for row in report["per_language"]:
        n, p = row["people_organisations"], row["places"]
        print(
            f"{row['lang']:<5} {_fmt(n['precision']):>8} {_fmt(n['recall']):>6} {n['found']:>6}/{n['gold']:<6}"
            f"   {_fmt(p['precision']):>8} {_fmt(p['recall']):>6} {p['found']:>6}/{p['gold']:<6}"
        )
    print(f"person/organisation kind accuracy: {_fmt(report['kind_accuracy'])}")


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
