"""Stage 1 of the data flow: readers that turn any input into ``Article`` objects."""

from samestory.articles.load import read_articles, read_one_article
from samestory.articles.model import Article, PublishedDate, ReadFailure, ReadResult
from samestory.articles.records import FieldMap

__all__ = ["Article", "FieldMap", "PublishedDate", "ReadFailure", "ReadResult", "read_articles", "read_one_article"]
