"""Stage 3b of the data flow: the approximate nearest-neighbour index over stored head vectors.

The index is a cache of vectors kept in the story store's SQLite file; it is rebuilt or repaired from
there whenever it is missing, damaged or out of step.
"""

from samestory.index.timeline import DayRange, TimelineIndex
from samestory.index.vectors import Neighbours, VectorIndex

__all__ = ["DayRange", "Neighbours", "TimelineIndex", "VectorIndex"]
