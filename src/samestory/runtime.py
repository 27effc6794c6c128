"""Process-wide settings for a process that answers many queries (``samestory serve``, benchmarks of it)."""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """Keep every object alive now (imported modules, loaded models, the store's indexes) out of the garbage
    collector's full passes from here on.

    The interpreter's full collections walk every container object, however old; with the scorer, the encoder's
    tokenizer and the analysis tables loaded that is tens of thousands of them, and one pass took 15–30 ms on the
    two-core machine, every few dozen ``similar`` queries: it was most of their p99 (docs/stories.md). Call it once
    the process holds what it will keep (after a warm-up); objects made later are collected as usual."""
    gc.collect()
    gc.freeze()
