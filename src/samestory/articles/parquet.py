"""Parquet collections (the columnar files archives and data pipelines hand over): read in row groups, so
memory stays bounded, one record at a time through the same field mapping as JSON Lines and CSV."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from samestory.articles.model import ReadFailure, ReadResult
from samestory.articles.records import FieldMap, article_from_record
from samestory.errors import InputError

ROWS_PER_READ = 1024


def read_parquet(path: Path, fields: FieldMap) -> Iterator[ReadResult]:
    """Each row's article or failure, named ``FILE:ROW`` (rows counted from 1)."""
    item = str(path)
    try:
        import pyarrow.parquet as parquet
    except ImportError:
        yield ReadFailure(item, "is a Parquet file; reading Parquet needs pyarrow (pip install 'samestory[ray]')")
        return
    try:
        table = parquet.ParquetFile(path)
        number = 0
        for batch in table.iter_batches(batch_size=ROWS_PER_READ):
            for record in batch.to_pylist():
                number += 1
                where = f"{item}:{number}"
                try:
                    yield article_from_record(_plain(record), where, f"{path.stem}-{number}", fields)
                except InputError as error:
                    yield ReadFailure(error.item, error.reason)
    except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError
        yield ReadFailure(item, f"is not a readable Parquet file ({error})")


def _plain(record: dict[str, object]) -> dict[str, object]:
    """Dates and timestamps as ISO text, the form the record reader parses."""
    return {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in record.items()}
