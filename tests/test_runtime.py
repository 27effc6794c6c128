"""A query-serving process keeps what it loaded out of the garbage collector's full passes."""

import gc

from samestory.runtime import freeze_long_lived


def test_objects_alive_now_are_frozen_and_later_ones_still_collected() -> None:
    kept = [object() for _ in range(10)]
    try:
        freeze_long_lived()
        assert gc.get_freeze_count() >= len(kept)
        cycle: list[object] = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1  # garbage made after the freeze is still found
    finally:
        gc.unfreeze()
