"""Articles-per-day timelines as plain numbers for an inline SVG (no plotting library, no JS needed).

The template only draws rectangles at the coordinates computed here; keeping the geometry in Python
makes it testable and keeps the page readable without scripts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

MAX_DAYS = 366
"""Longer spans are binned by week so bars stay at least a pixel wide."""
MAX_TICKS = 8
TICK_STEPS = (1, 2, 7, 14, 28, 56, 91, 182, 364)
"""Tick spacings in slots (days, or weeks when binned): a day, a week, a fortnight, about a month …"""


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    bars: list[Bar]
    start: str
    end: str
    peak: int
    total: int
    ticks: list[Tick] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.bars


def _parse_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def counts_by_day(per_day: Iterable[Mapping[str, object]]) -> dict[dt.date, int]:
    """``[{"date": "2020-06-07", "count": 3}, …]`` → ``{date: count}``, ignoring unreadable rows."""
    counts: dict[dt.date, int] = {}
    for row in per_day:
        day = _parse_day(str(row.get("date", "")))
        count = row.get("count", 0)
        if day is not None and isinstance(count, int) and count > 0:
            counts[day] = counts.get(day, 0) + count
    return counts


def build_timeline(counts: Mapping[dt.date, int], width: int = 600, height: int = 80, min_days: int = 14) -> Timeline:
    """One bar per day from the first to the last day (gaps drawn as gaps), or per week when long.

    Spans shorter than ``min_days`` are widened evenly on both sides, so that a story of two days is
    drawn as two narrow bars in a fortnight, not as two bars filling the whole plot.
    """
    if not counts:
        return Timeline(width, height, [], "", "", 0, 0)
    first, last = min(counts), max(counts)
    span = (last - first).days + 1
    if span < min_days:
        before = (min_days - span) // 2
        first -= dt.timedelta(days=before)
        last += dt.timedelta(days=min_days - span - before)
        span = min_days
    step = 1 if span <= MAX_DAYS else 7
    bins: dict[int, int] = {}
    for day, count in counts.items():
        index = (day - first).days // step
        bins[index] = bins.get(index, 0) + count
    slots = (span + step - 1) // step
    peak = max(bins.values())
    slot_width = width / slots
    gap = min(1.0, slot_width * 0.2)
    bars = []
    for index, count in sorted(bins.items()):
        bar_height = max(1.0, (height - 2) * count / peak)
        day = first + dt.timedelta(days=index * step)
        label = day.isoformat() if step == 1 else f"week of {day.isoformat()}"
        bars.append(
            Bar(
                x=round(index * slot_width + gap / 2, 2),
                y=round(height - bar_height, 2),
                width=round(max(0.5, slot_width - gap), 2),
                height=round(bar_height, 2),
                label=label,
                count=count,
            )
        )
    ticks = _ticks(first, slots, step, slot_width)
    return Timeline(width, height, bars, first.isoformat(), last.isoformat(), peak, sum(counts.values()), ticks)


def _ticks(first: dt.date, slots: int, step: int, slot_width: float) -> list[Tick]:
    """At most ``MAX_TICKS`` date labels at a regular spacing, each centred under its slot."""
    every = next((n for n in TICK_STEPS if slots / n <= MAX_TICKS), TICK_STEPS[-1])
    ticks = []
    for index in range(0, slots, every):
        day = first + dt.timedelta(days=index * step)
        label = day.isoformat() if not ticks else day.strftime("%m-%d") if every < 28 else day.strftime("%Y-%m")
        ticks.append(Tick(x=round((index + 0.5) * slot_width, 2), label=label))
    return ticks
