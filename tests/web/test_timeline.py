"""Timeline geometry: one bar per day with gaps kept, scaled to the peak; weekly bins for long spans."""

from __future__ import annotations

import datetime as dt

from samestory.web.timeline import build_timeline, counts_by_day


def test_counts_by_day_ignores_bad_rows() -> None:
    rows = [
        {"date": "2024-09-17", "count": 2},
        {"date": "2024-09-17T10:00:00", "count": 1},
        {"date": "someday", "count": 5},
        {"date": "2024-09-18", "count": "3"},
        {"date": "2024-09-19", "count": 0},
    ]
    assert counts_by_day(rows) == {dt.date(2024, 9, 17): 3}


def test_daily_bars_keep_gaps_and_scale_to_peak() -> None:
    counts = {dt.date(2024, 9, 1): 1, dt.date(2024, 9, 2): 4, dt.date(2024, 9, 10): 2}
    t = build_timeline(counts, width=100, height=50, min_days=1)
    assert [b.label for b in t.bars] == ["2024-09-01", "2024-09-02", "2024-09-10"]
    assert t.peak == 4 and t.total == 7 and (t.start, t.end) == ("2024-09-01", "2024-09-10")
    slot = 100 / 10
    assert t.bars[2].x > 9 * slot - 1  # the 10th day sits at the right end: the 7-day gap is kept
    tallest = t.bars[1]
    assert tallest.y == 2 and tallest.y + tallest.height == 50
    assert all(b.x >= 0 and b.x + b.width <= 100.01 for b in t.bars)


def test_short_spans_are_widened_evenly() -> None:
    counts = {dt.date(2024, 9, 17): 2, dt.date(2024, 9, 18): 1}
    t = build_timeline(counts, width=140, height=20, min_days=14)
    assert (t.start, t.end) == ("2024-09-11", "2024-09-24")
    assert [round(b.x) for b in t.bars] == [60, 70]  # days 7 and 8 of 14, 10 px per day
    assert all(b.width < 10 for b in t.bars)


def test_long_spans_are_binned_by_week() -> None:
    start = dt.date(2023, 1, 1)
    counts = {start + dt.timedelta(days=d): 1 for d in range(0, 730, 3)}
    t = build_timeline(counts)
    assert len(t.bars) <= 105
    assert t.bars[0].label.startswith("week of")
    assert t.total == sum(counts.values())


def test_empty() -> None:
    assert build_timeline({}).empty
