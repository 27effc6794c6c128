"""Stage 2 of the data flow: analysis that turns an ``Article`` into a language-independent ``Document``."""

from samestory.documents.analyze import AnalysisOptions, analyse, analyse_text, attach_vectors
from samestory.documents.encoders import Encoder, get_encoder
from samestory.documents.model import DateMention, Document, EntityMention, PlaceMention, Quantity

__all__ = [
    "AnalysisOptions",
    "DateMention",
    "Document",
    "Encoder",
    "EntityMention",
    "PlaceMention",
    "Quantity",
    "analyse",
    "analyse_text",
    "attach_vectors",
    "get_encoder",
]
