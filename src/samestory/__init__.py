"""samestory — is this the same news story? Multilingual comparison and grouping of news articles.

The data flow is ``Article → Document → {pairs, index, stories} → {cli, api, web}``; each stage is a
sub-package.  The names re-exported here are the stable Python API.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from samestory.articles.model import Article
    from samestory.pairs.comparison import Comparison


def compare(a: Article | str, b: Article | str, **options: Any) -> Comparison:
    """Compare two articles (or two raw texts) and return the judgement with its evidence."""
    from samestory.pairs.compare import compare as _compare

    return _compare(a, b, **options)


__all__ = ["__version__", "compare"]
