"""Stage 3a: pair comparison — same story or not, SemEval scores, evidence, batch scoring, training."""

from samestory.pairs.compare import compare, compare_documents
from samestory.pairs.comparison import Comparison
from samestory.pairs.scoring import PairScorer, load_scorer

__all__ = ["Comparison", "PairScorer", "compare", "compare_documents", "load_scorer"]
