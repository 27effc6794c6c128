"""Shaping store data for the templates: grouping, safe links, language names.

Nothing here produces HTML; the templates (with autoescape) do, so article text can never become markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

UNKNOWN_OUTLET = "unknown outlet"


def safe_url(url: object) -> str | None:
    """Only http(s) links are rendered: a stored ``javascript:`` URL must never become a link."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in {"http", "https"} and parts.netloc:
        return url.strip()
    return None


def language_name(code: str | None) -> str:
    """``de`` → ``German (de)``; unknown codes are shown as they are."""
    if not code:
        return "unknown language"
    try:
        import pycountry

        found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else pycountry.languages.get(alpha_3=code)
    except (ImportError, KeyError, LookupError):
        found = None
    return f"{found.name} ({code})" if found is not None else code


def plural(count: int, noun: str) -> str:
    """``plural(1, "article")`` → ``article``; English plural by ``s`` is all the pages need."""
    return noun if count == 1 else noun + "s"


@dataclass
class OutletGroup:
    outlet: str
    articles: list[Mapping[str, Any]] = field(default_factory=list)


@dataclass
class LanguageGroup:
    lang: str
    name: str
    outlets: list[OutletGroup] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(o.articles) for o in self.outlets)


def group_articles(articles: Iterable[Mapping[str, Any]]) -> list[LanguageGroup]:
    """Articles by language (largest first), then by outlet (largest first), then by date."""
    by_lang: dict[str, dict[str, list[Mapping[str, Any]]]] = {}
    for article in articles:
        lang = str(article.get("lang") or "und")
        outlet = str(article.get("outlet") or UNKNOWN_OUTLET)
        by_lang.setdefault(lang, {}).setdefault(outlet, []).append(article)
    groups = []
    for lang, outlets in by_lang.items():
        group = LanguageGroup(lang, language_name(None if lang == "und" else lang))
        for outlet, items in sorted(outlets.items(), key=lambda kv: (-len(kv[1]), kv[0].lower())):
            items.sort(key=lambda a: str(a.get("published") or ""))
            group.outlets.append(OutletGroup(outlet, items))
        groups.append(group)
    groups.sort(key=lambda g: (-g.size, g.lang))
    return groups
