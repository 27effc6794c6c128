"""Opening a store with the encoder and scorer it was built with: what the CLI and the API share."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from samestory.articles import FieldMap, read_one_article
from samestory.documents.analyze import analyse_text
from samestory.documents.encoders import encoder_dimension, get_encoder
from samestory.documents.model import Document
from samestory.errors import InputError, StoreError
from samestory.pairs.scoring import MODE_OF_ENCODER, shipped_scorer_path
from samestory.stories.engine import EngineConfig, StoryEngine
from samestory.stories.ingest import BATCH_SIZE, Ingestor, StreamPreparer
from samestory.stories.preparation import encode_documents
from samestory.stories.recluster import ReclusterReport
from samestory.stories.search import SimilarArticle, similar_articles
from samestory.stories.similarity import load_story_scorer
from samestory.stories.store import StoryStore, stored_encoder


@dataclass(slots=True)
class Session:
    store: StoryStore
    engine: StoryEngine
    ingestor: Ingestor
    scorer_name: str

    def story_count(self) -> int:
        return int(self.store.execute("SELECT count(*) FROM stories").fetchone()[0])


@contextmanager
def open_session(
    db: Path | None,
    scorer: Path | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int | None = 0,
    ray_address: str | None = None,
    use_ray: bool = False,
    placement_workers: int = 1,
) -> Iterator[Session]:
    """A writable store with its engine; the vector index is saved when the session ends, however it ends.

    ``workers``: processes that analyse and encode long inputs (None: one per CPU core; 0: threads only).
    ``use_ray``: analysis and encoding by Ray actors instead (a local Ray, or the cluster at ``ray_address``).
    ``placement_workers``: processes that place time shards of the input at once (``stories.sharded``).
    """
    scorer = scorer_for_vectors(stored_encoder(db), scorer)  # the store may not exist yet: peek at its meta
    name, similarity = load_story_scorer(scorer)
    store = StoryStore.open(db, encoder=similarity.encoder, dim=encoder_dimension(similarity.encoder))
    try:
        _check_vectors(store, similarity.encoder, scorer)
        encoder = get_encoder(store.encoder)
        if encoder.dim != store.dim:
            raise StoreError(
                f"the store holds {store.dim}-dim vectors but encoder {encoder.name!r} gives {encoder.dim}"
            )
        _record_scorer(store, name)
        engine = StoryEngine(store, similarity, EngineConfig())
        processes = (os.cpu_count() or 1) if workers is None else workers
        stream = _ray_preparer(ray_address, workers) if use_ray else None
        ingestor = Ingestor(engine, encoder, batch_size, processes, stream, placement_workers=placement_workers)
        yield Session(store, engine, ingestor, name)
    finally:
        store.close()
        if use_ray and ray_address is None:
            from samestory.stories.ray_preparation import shutdown_local_ray

            shutdown_local_ray()


def _ray_preparer(address: str | None, actors: int | None) -> Callable[[str], StreamPreparer]:
    from samestory.stories.ray_preparation import RayDataPreparer

    return lambda encoder: RayDataPreparer(encoder, address, actors or None)


def scorer_for_vectors(encoder: str | None, scorer: Path | None) -> Path | None:
    """The scorer a command uses on a store holding ``encoder``'s vectors: the one asked for, else the shipped
    one fitted for those vectors (a store built with ``--fast`` or ``--precise`` is read with that mode's
    scorer without saying so again)."""
    mode = MODE_OF_ENCODER.get(encoder or "")
    if scorer is None and mode is not None and mode != "default":
        return shipped_scorer_path(mode)
    return scorer


def _check_vectors(store: StoryStore, encoder: str, scorer: Path | None) -> None:
    """A store holds the vectors of one encoder, and a scorer judges the vectors it was fitted on: mixing
    them would place articles by meaningless similarities, so it is refused."""
    if store.encoder != encoder:
        which = f"the scorer {scorer}" if scorer else "the shipped scorer"
        raise StoreError(
            f"the store {store.path or '(in memory)'} holds vectors of the {store.encoder!r} encoder, but {which} "
            f"is fitted for {encoder!r}: use a scorer fitted for {store.encoder!r} "
            f"(samestory train --encoder {store.encoder}) or another store"
        )


def _record_scorer(store: StoryStore, name: str) -> None:
    """Remember which scorer built the stories; mixing scorers in one store is allowed but reported."""
    previous = store.meta("scorer")
    if previous is None:
        with store.transaction():
            store.set_meta("scorer", name)
    elif previous != name:
        import sys

        print(
            f"warning: this store's stories were built with the {previous!r} scorer; new articles are placed "
            f"with {name!r}",
            file=sys.stderr,
        )


def recluster_store(db: Path, scorer: Path | None = None, placement_workers: int = 1) -> ReclusterReport:
    """``samestory stories recluster``: the store's articles placed again with ``scorer`` (default: the one
    fitted for the store's vectors), which the store then records as its scorer."""
    from samestory.stories.recluster import recluster

    scorer = scorer_for_vectors(stored_encoder(db), scorer)
    name, similarity = load_story_scorer(scorer)
    with StoryStore.open(db, create=False) as store:
        _check_vectors(store, similarity.encoder, scorer)
        report = recluster(store, similarity, EngineConfig(), placement_workers)
        with store.transaction():
            store.set_meta("scorer", name)
        return report


def find_similar(
    db: Path, article: str, k: int, fields: str | None, scorer: Path | None = None
) -> list[SimilarArticle]:
    """``samestory similar``: ``article`` is a file to analyse, or the id of a stored article."""
    with StoryStore.open(db, create=False, readonly=True) as store:
        scorer = scorer_for_vectors(store.encoder, scorer)
        _, similarity = load_story_scorer(scorer)
        _check_vectors(store, similarity.encoder, scorer)
        document, exclude = _query_document(store, article, fields)
        return similar_articles(store, similarity, document, k, exclude)


def _query_document(store: StoryStore, article: str, fields: str | None) -> tuple[Document, int | None]:
    if Path(article).is_file() or article == "-":
        document = analyse_text(read_one_article(article, FieldMap.parse(fields)))
        encode_documents([document], get_encoder(store.encoder))
        return document, None
    keys = store.keys_for_id(article)
    if not keys:
        raise InputError(article, "is neither a readable file nor the id of an article in the store")
    return store.documents(keys[:1])[keys[0]], keys[0]
