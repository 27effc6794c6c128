"""How well document analysis works on the labelled dev set, per language.

Reports, for each language of ``news-dev.jsonl``: the accuracy of ``detect_language`` against the
``lang`` label, and the mean number of entities, places, dates and numbers found per article. Then the
signal the pair scorer depends on: the share of same-event cross-lingual pairs (same ``event``,
different ``lang``) that share at least one entity key (fuzzy, ``keys_match``) or place key (exact),
against the same share for sibling pairs (different ``event``, same ``topic``). A key that links
same-event pairs but not siblings is evidence; one that links both is only topic. Shared day-precision
dates and shared numbers are reported beside them, as the facts that tell one happening from another.

Analysis uses the declared ``lang`` and ``date`` of each record, as ``samestory`` does for JSONL input;
language identification is measured separately on the same texts with no language given. Role keys
("role:government") are generic nouns, so they are counted apart from named entities.

Then the gold standard (``benchmarks/gold/``, see ``entity_gold``): precision and recall of people and
organisations and of places, per language, and the person/organisation kind accuracy, with every wrong and
missed name listed in the JSON figures.

    python benchmarks/analysis_quality.py [PATH] [--out build/benchmarks/analysis_quality.json]

The dev set is third-party text: it is read here and never copied; only figures are written.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from entity_gold import evaluate, print_gold, read_gold
from samestory.articles.dates import parse_published
from samestory.articles.model import Article
from samestory.documents import Document, analyse_text
from samestory.documents.keys import keys_match
from samestory.documents.language import detect_language

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news-dev.jsonl"
DEFAULT_OUT = ROOT / "build" / "benchmarks" / "analysis_quality.json"
ROLE_PREFIX = "role:"


@dataclass(frozen=True, slots=True)
class Labelled:
    """One dev-set article with the labels the figures are computed against."""

    document: Document
    lang: str
    event: str
    topic: str
    detected: str


def load_labelled(path: Path) -> list[Labelled]:
    """Analyse every record; language ID runs on the text alone so the label cannot help it."""
    labelled = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        article = Article(
            id=row["id"],
            text=row["text"],
            title=row.get("title"),
            lang=row.get("lang"),
            published=parse_published(row.get("date")),
            url=row.get("url"),
            outlet=row.get("outlet"),
        )
        detected = detect_language(article.full_text).lang
        labelled.append(Labelled(analyse_text(article), row["lang"], row["event"], row["topic"], detected))
    return labelled


def per_language(items: list[Labelled]) -> list[dict[str, Any]]:
    """One row per language (most articles first) and a final 'all' row."""
    groups: dict[str, list[Labelled]] = defaultdict(list)
    for item in items:
        groups[item.lang].append(item)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [_language_row(lang, group) for lang, group in ordered] + [_language_row("all", items)]


def _language_row(lang: str, group: list[Labelled]) -> dict[str, Any]:
    documents = [item.document for item in group]
    return {
        "lang": lang,
        "articles": len(group),
        "langid_accuracy": round(sum(item.detected == item.lang for item in group) / len(group), 3),
        "misidentified_as": sorted({item.detected for item in group if item.detected != item.lang}),
        "entities": _mean(len([e for e in d.entities if not e.key.startswith(ROLE_PREFIX)]) for d in documents),
        "roles": _mean(len([e for e in d.entities if e.key.startswith(ROLE_PREFIX)]) for d in documents),
        "places": _mean(len(d.places) for d in documents),
        "dates": _mean(len(d.dates) for d in documents),
        "numbers": _mean(len(d.numbers) for d in documents),
    }


def _mean(values: Any) -> float:
    values = list(values)
    return round(statistics.fmean(values), 2) if values else 0.0


def name_keys(document: Document) -> list[str]:
    return [e.key for e in document.entities if not e.key.startswith(ROLE_PREFIX)]


def shared_names(a: Document, b: Document) -> int:
    """Entity keys of ``a`` that some key of ``b`` matches, allowing for transliteration."""
    keys_b = name_keys(b)
    return sum(1 for key in name_keys(a) if any(keys_match(key, other) for other in keys_b))


def pair_sets(items: list[Labelled]) -> dict[str, list[tuple[Labelled, Labelled]]]:
    """The three pair populations compared: same event across languages, and siblings."""
    sets: dict[str, list[tuple[Labelled, Labelled]]] = {
        "same_event_cross_lingual": [],
        "sibling_all": [],
        "sibling_cross_lingual": [],
    }
    for a, b in itertools.combinations(items, 2):
        if a.event == b.event and a.lang != b.lang:
            sets["same_event_cross_lingual"].append((a, b))
        elif a.event != b.event and a.topic == b.topic:
            sets["sibling_all"].append((a, b))
            if a.lang != b.lang:
                sets["sibling_cross_lingual"].append((a, b))
    return sets


def pair_row(name: str, pairs: list[tuple[Labelled, Labelled]]) -> dict[str, Any]:
    names = [shared_names(a.document, b.document) for a, b in pairs]
    places = [len(a.document.place_keys & b.document.place_keys) for a, b in pairs]
    roles = [bool(_role_keys(a.document) & _role_keys(b.document)) for a, b in pairs]
    days = [bool(_day_keys(a.document) & _day_keys(b.document)) for a, b in pairs]
    numbers = [bool(a.document.number_keys & b.document.number_keys) for a, b in pairs]
    count = len(pairs) or 1
    return {
        "pairs": name,
        "n": len(pairs),
        "share_entity": round(sum(n > 0 for n in names) / count, 3),
        "share_place": round(sum(p > 0 for p in places) / count, 3),
        "share_entity_or_place": round(sum(n > 0 or p > 0 for n, p in zip(names, places, strict=True)) / count, 3),
        "share_role": round(sum(roles) / count, 3),
        "share_day_date": round(sum(days) / count, 3),
        "share_number": round(sum(numbers) / count, 3),
        "mean_shared_entities": _mean(names),
        "mean_shared_places": _mean(places),
    }


def _day_keys(document: Document) -> set[str]:
    """Only day-precision dates: a shared bare year links every story of that year."""
    return {d.key for d in document.dates if d.precision == "day"}


def _role_keys(document: Document) -> set[str]:
    return {e.key for e in document.entities if e.key.startswith(ROLE_PREFIX)}


def print_tables(languages: list[dict[str, Any]], pairs: list[dict[str, Any]]) -> None:
    print(f"{'lang':<5} {'n':>4} {'langID':>7} {'ent':>6} {'roles':>6} {'places':>6} {'dates':>6} {'nums':>6}  wrong")
    for r in languages:
        wrong = ",".join(r["misidentified_as"]) or "-"
        print(
            f"{r['lang']:<5} {r['articles']:>4} {r['langid_accuracy']:>7.3f} {r['entities']:>6.2f} {r['roles']:>6.2f}"
            f" {r['places']:>6.2f} {r['dates']:>6.2f} {r['numbers']:>6.2f}  {wrong}"
        )
    print()
    print(f"{'pairs':<26} {'n':>5} {'entity':>7} {'place':>7} {'ent|pl':>7} {'role':>7}", end="")
    print(f" {'mean ent':>9} {'mean pl':>8} {'day':>7} {'number':>7}")
    for r in pairs:
        print(
            f"{r['pairs']:<26} {r['n']:>5} {r['share_entity']:>7.3f} {r['share_place']:>7.3f}"
            f" {r['share_entity_or_place']:>7.3f} {r['share_role']:>7.3f} {r['mean_shared_entities']:>9.2f}"
            f" {r['mean_shared_places']:>8.2f} {r['share_day_date']:>7.3f} {r['share_number']:>7.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="labelled JSONL (news-dev format)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSON figures")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"error: {args.data}: no such file (give the dev set's path)", file=sys.stderr)
        return 1
    started = time.perf_counter()
    items = load_labelled(args.data)
    languages = per_language(items)
    pairs = [pair_row(name, members) for name, members in pair_sets(items).items()]
    print_tables(languages, pairs)
    gold = evaluate({item.document.id: item.document for item in items}, read_gold())
    print()
    print_gold(gold)
    report = {
        "data": str(args.data),
        "articles": len(items),
        "seconds": round(time.perf_counter() - started, 1),
        "languages": languages,
        "pairs": pairs,
        "gold_standard": gold,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\n{len(items)} articles in {report['seconds']} s; figures written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
