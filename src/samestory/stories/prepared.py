"""Prepared documents as Parquet: what analysis and encoding made, kept for a later run or another tool.

Analysis and encoding are nearly all of an ingest's work; placement is cheap next to them. ``ingest
--prepared-out FILE`` writes every document it stores as one Parquet row (a row group per batch), with the
columns the story store keeps: the article, its analysed keys as JSON (entities, places, dates, numbers),
the head and title vectors as float16 bytes, the weighted terms, and in the precise mode the second
vector (null otherwise). ``samestory ingest FILE`` recognises
such a file by its metadata and places its documents without analysing or encoding them again (into a
store of the same encoder only), and any Parquet reader (pandas, Spark, DuckDB) can read the columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from samestory.documents.encoders import pack_vector
from samestory.documents.model import Document
from samestory.errors import InputError
from samestory.stories.records import article_columns, document_from_row, features_to_json

FORMAT = "samestory-prepared-documents/1"
_FORMAT_KEY = b"samestory"
_ENCODER_KEY = b"samestory_encoder"
_ROWS_PER_READ = 256


def _schema(encoder: str) -> Any:
    import pyarrow as pa

    text, number, blob = pa.string(), pa.float64(), pa.binary()
    columns = [
        ("id", text), ("title", text), ("text", text), ("url", text), ("outlet", text), ("source", text),
        ("published", text), ("precision", text), ("lang", text), ("lang_confidence", number),
        ("entities", text), ("places", text), ("dates", text), ("numbers", text),
        ("head_vector", blob), ("title_vector", blob), ("terms", blob), ("second_vector", blob),
    ]  # fmt: skip
    return pa.schema(columns, metadata={_FORMAT_KEY: FORMAT.encode(), _ENCODER_KEY: encoder.encode()})


class PreparedWriter:
    """Appends each stored batch's documents to one Parquet file, written atomically when closed."""

    def __init__(self, path: Path, encoder: str) -> None:
        try:
            import pyarrow.parquet as parquet
        except ImportError as error:
            raise InputError(str(path), "--prepared-out writes Parquet, which needs pyarrow") from error
        self.path = path
        self._partial = path.with_name(path.name + ".partial")
        self._schema = _schema(encoder)
        self._writer = parquet.ParquetWriter(self._partial, self._schema)
        self.rows = 0

    def write(self, documents: list[Document]) -> None:
        if documents:
            self._writer.write_table(documents_table(documents, self._schema))
            self.rows += len(documents)

    def close(self) -> None:
        self._writer.close()
        self._partial.replace(self.path)


def documents_table(documents: list[Document], schema: Any = None) -> Any:
    """Documents as an Arrow table of the prepared-documents columns (``schema``: with the file's metadata)."""
    import pyarrow as pa

    return pa.Table.from_pylist([_row(document) for document in documents], schema=schema or _schema(""))


def documents_from_table(table: Any) -> list[Document]:
    """The documents of an Arrow table (or record batch) of prepared-documents columns."""
    return [document_from_row(row) for row in table.to_pylist()]


def _row(document: Document) -> dict[str, Any]:
    return {
        **article_columns(document.article),
        "lang": document.lang,
        "lang_confidence": document.lang_confidence,
        **features_to_json(document),
        "head_vector": pack_vector(document.head_vector),  # type: ignore[arg-type]
        "title_vector": pack_vector(document.title_vector),  # type: ignore[arg-type]
        "terms": document.terms.to_bytes(),
        "second_vector": None if document.second_vector is None else pack_vector(document.second_vector),
    }


def prepared_encoder(path: Path) -> str | None:
    """The encoder whose vectors a prepared-documents file holds; None for any other file."""
    if path.suffix.lower() != ".parquet" or not path.is_file():
        return None
    try:
        import pyarrow.parquet as parquet

        metadata = parquet.read_schema(path).metadata or {}
    except (ImportError, OSError, ValueError):
        return None
    if metadata.get(_FORMAT_KEY) != FORMAT.encode():
        return None
    return metadata.get(_ENCODER_KEY, b"").decode() or None


def read_prepared(path: Path) -> Iterator[Document]:
    """The documents of a prepared file, in the order they were stored, a row group at a time."""
    import pyarrow.parquet as parquet

    for batch in parquet.ParquetFile(path).iter_batches(batch_size=_ROWS_PER_READ):
        yield from documents_from_table(batch)
