"""``POST /compare``: exactly ``samestory.compare(a, b).to_dict()``, computed off the event loop."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

import samestory
from samestory.api.convert import to_article
from samestory.api.errors import ApiError
from samestory.api.schemas import CompareRequest
from samestory.api.state import AppState, get_state
from samestory.pairs.comparison import Comparison

router = APIRouter(tags=["compare"])

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "A token is required (see `--token`)."},
    413: {"description": "Body over the size limit."},
    422: {"description": "Invalid request or unusable article text."},
    503: {"description": "Busy (retry later) or compare unavailable."},
}


def run_compare(body: CompareRequest, scorer: Path | None = None) -> dict[str, Any]:
    """The whole CPU-bound part: build both Articles, compare them (with the server's scorer), serialise."""
    a = to_article(body.a, "a", fallback_id="a")
    b = to_article(body.b, "b", fallback_id="b")
    try:
        from samestory.pairs.scoring import load_scorer

        comparison = samestory.compare(a, b, scorer=load_scorer(scorer))
    except ImportError as error:
        raise ApiError(503, "compare_unavailable", f"compare is not available in this installation: {error}") from None
    return comparison.to_dict()


@router.post(
    "/compare",
    summary="Compare two articles",
    description="The JSON of `samestory compare --json`: similarity, label, seven SemEval scores, evidence.",
    responses={200: {"model": Comparison, "description": "The comparison."}, **ERROR_RESPONSES},
)
async def compare(body: CompareRequest, state: Annotated[AppState, Depends(get_state)]) -> JSONResponse:
    result = await state.runner.run(lambda: run_compare(body, state.settings.scorer))
    return JSONResponse(result)
