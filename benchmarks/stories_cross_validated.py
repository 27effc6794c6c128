"""Story clustering with a scorer that never saw the clustered topics (3 folds by topic).

`samestory eval stories` uses the shipped scorer, which was fitted on news-dev.jsonl itself, so its figure
on that file is in-sample for the scorer. This script refits the scorer on two thirds of the topics and
clusters the held-out third, for an honest estimate of what a new set of events will show.

    python benchmarks/stories_cross_validated.py [../shared/data/news-dev.jsonl]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import samestory.pairs.scoring as scoring
from samestory.pairs.model import save_model
from samestory.pairs.training import default_fitter, dev_pair_data, load_dev
from samestory.stories.report import evaluate_file

FOLDS = 3


def main(path: Path) -> dict[str, object]:
    lines = [line for line in path.read_text("utf-8").splitlines() if line.strip()]
    topics = sorted({json.loads(line)["topic"] for line in lines})
    shipped = scoring.load_scorer()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(FOLDS):
            held_out = set(topics[fold::FOLDS])
            train = Path(tmp, f"train{fold}.jsonl")
            test = Path(tmp, f"test{fold}.jsonl")
            train.write_text("\n".join(r for r in lines if json.loads(r)["topic"] not in held_out) + "\n")
            test.write_text("\n".join(r for r in lines if json.loads(r)["topic"] in held_out) + "\n")
            documents, labels = load_dev(train)
            data = dev_pair_data(documents, labels)
            params = Path(tmp, f"scorer{fold}.json")
            thresholds = {"same_story": shipped.thresholds.same_story, "related": shipped.thresholds.related}
            save_model(
                default_fitter(data.features, data.targets), params, {"encoder": "use", "thresholds": thresholds}
            )
            fold_scorer = scoring.load_scorer(params)
            scoring.load_scorer = lambda path=None, _s=fold_scorer: _s  # type: ignore[assignment]
            try:
                report = evaluate_file(test, "pairs", with_baseline=False)
            finally:
                scoring.load_scorer = _original_load
            results.append({"held_out_topics": sorted(held_out), "report": report})
            print(json.dumps(results[-1], default=str), flush=True)
    return {"folds": results}


_original_load = scoring.load_scorer

if __name__ == "__main__":
    out = Path("build/benchmarks")
    out.mkdir(parents=True, exist_ok=True)
    result = main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/news-dev.jsonl"))
    (out / "stories_cross_validated.json").write_text(json.dumps(result, indent=2, default=str))
