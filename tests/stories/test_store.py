"""The SQLite store: round trips, refusal of foreign or damaged files, and index repair."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from samestory.errors import CorruptStoreError, StoreError
from samestory.stories import neardup
from samestory.stories.records import published_from_columns, url_key
from samestory.stories.store import INDEX_SUFFIX, StoryStore

from .fixtures import make_document, unit


def _fill(store: StoryStore, count: int, first: int = 0) -> list[int]:
    keys = []
    with store.transaction():
        for i in range(first, first + count):
            document = make_document(f"a{i}", unit(i), entities=("mira tolen",), places=("city:2267057",))
            story, _topic = store.create_story(None)
            store.grow_story(story, None)
            keys.append(store.insert_article(document, neardup.signature(document.article.text), story, batch=1))
    return keys


def test_stored_document_comes_back_with_its_keys_and_vectors(tmp_path: Path) -> None:
    document = make_document(
        "x1", unit(1), entities=("mira tolen",), places=("city:2267057",), url="https://a.example/x"
    )
    with StoryStore.open(tmp_path / "s.db") as store, store.transaction():
        story, _ = store.create_story(None)
        key = store.insert_article(document, neardup.signature(document.article.text), story, batch=1)
    with StoryStore.open(tmp_path / "s.db") as store:
        back = store.documents([key])[key]
    assert back.id == "x1" and back.article.text == document.article.text
    assert back.article.published == document.article.published
    assert back.entity_keys == {"mira tolen"} and back.place_keys == {"city:2267057"}
    assert back.entities[0].first_sentence == 0 and back.places[0].country == "PT"
    assert back.date_keys == document.date_keys and back.number_keys == document.number_keys
    assert float(back.head_vector @ document.head_vector) > 0.999  # type: ignore[operator]
    assert np.array_equal(back.title_vector, document.title_vector)
    assert np.array_equal(back.terms.ids, document.terms.ids) and np.array_equal(
        back.terms.weights, document.terms.weights
    )
    assert back.sentence_vectors is None  # the judgement reads none; evidence re-encodes what it shows


@pytest.mark.parametrize(("iso", "precision"), [("2022-07-21", "day"), ("2022-07", "month"), ("2022", "year")])
def test_published_dates_keep_their_precision(iso: str, precision: str) -> None:
    published = published_from_columns(iso, precision)
    assert published is not None and published.iso() == iso and published.precision == precision


def test_url_keys_ignore_scheme_tracking_and_trailing_slash() -> None:
    assert url_key("https://www.Example.org/news/1/?utm_source=x&id=3#top") == url_key("http://example.org/news/1?id=3")
    assert url_key(None) is None and url_key("  ") is None


def test_existing_articles_are_found_by_content_or_url(tmp_path: Path) -> None:
    with StoryStore.open(tmp_path / "s.db") as store:
        document = make_document("u1", unit(3), url="https://news.example/a")
        with store.transaction():
            story, _ = store.create_story(None)
            key = store.insert_article(document, neardup.signature("x"), story, batch=1)
        assert store.existing_key(document.article.content_hash, None) == key
        assert store.existing_key("0" * 40, "https://news.example/a/") == key
        assert store.existing_key("0" * 40, "https://news.example/b") is None


def test_a_failed_batch_leaves_neither_rows_nor_index_entries(tmp_path: Path) -> None:
    with StoryStore.open(tmp_path / "s.db") as store:
        _fill(store, 3)
        with pytest.raises(RuntimeError), store.transaction():
            story, _ = store.create_story(None)
            store.insert_article(make_document("late", unit(9)), neardup.signature("late"), story, batch=2)
            raise RuntimeError("crash in the middle of a batch")
        assert store.count() == 3 and len(store.vectors) == 3
        assert store.keys_for_id("late") == []


def test_missing_or_damaged_index_files_are_rebuilt_from_sqlite(tmp_path: Path) -> None:
    with StoryStore.open(tmp_path / "s.db") as store:
        _fill(store, 5)
    blocks = list((tmp_path / ("s.db" + INDEX_SUFFIX)).iterdir())
    assert blocks
    for block in blocks:
        block.write_bytes(b"\x00garbage")
    with StoryStore.open(tmp_path / "s.db") as store:
        assert len(store.vectors) == 5 and store.repaired == 5
        assert store.vectors.search(unit(2), 1).keys[0] == 3  # keys start at 1
    for block in blocks:
        block.unlink()
    with StoryStore.open(tmp_path / "s.db") as store:
        assert len(store.vectors) == 5


def test_stale_index_files_are_topped_up(tmp_path: Path) -> None:
    folder = tmp_path / ("s.db" + INDEX_SUFFIX)
    with StoryStore.open(tmp_path / "s.db") as store:
        _fill(store, 2)
    stale = {block.name: block.read_bytes() for block in folder.iterdir()}
    with StoryStore.open(tmp_path / "s.db") as store:
        _fill(store, 2, first=2)
    for name, data in stale.items():  # as after a crash: rows committed, index files not saved again
        (folder / name).write_bytes(data)
    with StoryStore.open(tmp_path / "s.db") as store:
        assert store.count() == 4 and len(store.vectors) == 4 and store.repaired == 2


def test_an_index_file_of_an_earlier_version_is_removed(tmp_path: Path) -> None:
    with StoryStore.open(tmp_path / "s.db") as store:
        _fill(store, 3)
    old = tmp_path / "s.db.usearch"
    old.write_bytes(b"a one-file index of an earlier version")
    with StoryStore.open(tmp_path / "s.db") as store:
        assert len(store.vectors) == 3
    assert not old.exists()


def _assert_refused_untouched(path: Path, had_index: bool = False) -> None:
    before = path.read_bytes()
    with pytest.raises(CorruptStoreError) as caught:
        StoryStore.open(path)
    assert "untouched" in str(caught.value) or "not a samestory" in str(caught.value)
    assert path.read_bytes() == before
    assert Path(str(path) + INDEX_SUFFIX).exists() == had_index


def test_a_text_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text('{"id": "1", "text": "not a database"}\n')
    _assert_refused_untouched(path)


def test_another_applications_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    connection.execute("INSERT INTO invoices (total) VALUES (12.5)")
    connection.commit()
    connection.close()
    _assert_refused_untouched(path)


def test_a_truncated_store_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with StoryStore.open(path) as store:
        _fill(store, 40)
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    _assert_refused_untouched(path, had_index=True)


def test_reading_a_missing_store_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="samestory ingest"):
        StoryStore.open(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_a_directory_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        StoryStore.open(tmp_path)


def test_vectors_round_trip_through_float16(tmp_path: Path) -> None:
    with StoryStore.open(tmp_path / "s.db") as store:
        keys = _fill(store, 3)
        vectors = store.head_vectors(np.array(keys))
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_one_writer_at_a_time_while_readers_go_on(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with StoryStore.open(path) as writer:
        _fill(writer, 2)
        with pytest.raises(StoreError, match="another samestory process"):
            StoryStore.open(path)
        with StoryStore.open(path, readonly=True) as reader:
            assert reader.count() == 2
    with StoryStore.open(path) as again:  # released on close
        assert again.count() == 2


def test_documents_are_returned_even_when_the_cache_overflows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import samestory.stories.store as store_module

    monkeypatch.setattr(store_module, "_DOCUMENT_CACHE", 3)
    with StoryStore.open(tmp_path / "s.db") as store:
        keys = _fill(store, 6)
        store.documents(keys[:3])  # fills the cache with the oldest entries first
        assert set(store.documents(keys)) == set(keys)


def test_one_off_reads_leave_the_document_cache_as_it_was(tmp_path: Path) -> None:
    with StoryStore.open(tmp_path / "s.db") as store:
        keys = _fill(store, 4)
        store._documents.clear()
        store.documents(keys[:1])
        found = store.documents(keys, remember=False)
        assert sorted(found) == keys and found[keys[2]].id == "a2"
        assert list(store._documents) == keys[:1]


def test_a_stored_article_is_judged_as_it_was_fresh(tmp_path: Path) -> None:
    """One judgement: what the store keeps is exactly what the pair features read, so `similar`, coverage and
    placement score a stored article as `compare` scores it fresh."""
    from samestory.pairs.features import pair_features
    from samestory.pairs.scoring import load_scorer

    centre = unit(40)
    fresh = [
        make_document("f1", unit(41, near=centre, noise=0.3), entities=("mira tolen", "oskar vale"),
                      places=("city:2267057",)),
        make_document("f2", unit(42, near=centre, noise=0.3), entities=("mira tolen",), places=("city:2267057",),
                      day="2023-03-03"),
    ]  # fmt: skip
    with StoryStore.open(tmp_path / "s.db") as store, store.transaction():
        story, _ = store.create_story(None)
        keys = [store.insert_article(d, neardup.signature(d.article.text), story, batch=1) for d in fresh]
    with StoryStore.open(tmp_path / "s.db") as store:
        stored = store.documents(keys)
    back = [stored[k] for k in keys]
    assert np.array_equal(pair_features(*fresh), pair_features(*back))
    scorer = load_scorer()
    assert scorer.judge(fresh[0], [fresh[1]]).similarity[0] == scorer.judge(back[0], [back[1]]).similarity[0]


def test_a_precise_store_keeps_the_second_vectors_and_judges_as_fresh(tmp_path: Path) -> None:
    """The precise mode's second opinion is stored with each article, so the precise scorer judges a stored
    article as it judges the same article fresh."""
    from samestory.pairs.scoring import load_scorer, shipped_scorer_path

    centre = unit(50)
    fresh = [
        dataclasses.replace(
            make_document(f"p{i}", unit(51 + i, near=centre), entities=("mira tolen",), places=("city:2267057",)),
            second_vector=unit(60 + i, near=unit(59), noise=0.5),
        )
        for i in range(2)
    ]
    with StoryStore.open(tmp_path / "s.db", encoder="use+e5") as store, store.transaction():
        story, _ = store.create_story(None)
        keys = [store.insert_article(d, neardup.signature(d.article.text), story, batch=1) for d in fresh]
    with StoryStore.open(tmp_path / "s.db", readonly=True) as store:
        assert store.encoder == "use+e5"
        stored = store.documents(keys)
    back = [stored[k] for k in keys]
    assert np.array_equal(back[0].second_vector, fresh[0].second_vector)
    scorer = load_scorer(shipped_scorer_path("precise"))
    assert scorer.judge(fresh[0], [fresh[1]]).similarity[0] == scorer.judge(back[0], [back[1]]).similarity[0]


def test_a_store_written_before_the_second_vector_column_reads_and_gets_it_on_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with StoryStore.open(path) as store:
        _fill(store, 2)
    with sqlite3.connect(path) as connection:
        connection.execute("ALTER TABLE articles DROP COLUMN second_vector")
    with StoryStore.open(path, readonly=True) as store:
        assert all(d.second_vector is None for d in store.documents([1, 2]).values())
    with StoryStore.open(path) as store:
        _fill(store, 1, first=2)
        assert store.documents([3])[3].second_vector is None
    with sqlite3.connect(path) as connection:
        assert "second_vector" in {row[1] for row in connection.execute("PRAGMA table_info(articles)")}


def _copy_of(store: StoryStore, text: str) -> int | None:
    return store.near_duplicates.find(neardup.signature(text))


def test_near_duplicate_buckets_are_rows_of_the_store(tmp_path: Path) -> None:
    """The LSH index lives on disk: written with the articles, found again after a reopen, nothing in memory."""
    with StoryStore.open(tmp_path / "s.db") as store:
        keys = _fill(store, 3)
        rows = store.connection.execute("SELECT count(*) FROM minhash_bands").fetchone()[0]
        assert rows == 3 * neardup.BANDS
    with StoryStore.open(tmp_path / "s.db") as store:
        text = make_document("a1", unit(1)).article.text
        assert _copy_of(store, text) == keys[1]


def test_a_batch_rolled_back_leaves_no_buckets(tmp_path: Path) -> None:
    with StoryStore.open(tmp_path / "s.db") as store:
        _fill(store, 1)
        with pytest.raises(RuntimeError), store.transaction():
            document = make_document("late", unit(9))
            story, _ = store.create_story(None)
            store.insert_article(document, neardup.signature(document.article.text), story, batch=2)
            raise RuntimeError("crash mid-batch")
        assert store.connection.execute("SELECT count(*) FROM minhash_bands").fetchone()[0] == neardup.BANDS
        assert _copy_of(store, make_document("late", unit(9)).article.text) is None


def test_a_store_written_before_the_bucket_table_gets_it_on_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with StoryStore.open(path) as store:
        keys = _fill(store, 2)
    connection = sqlite3.connect(path)
    connection.executescript("DROP TABLE minhash_bands; DELETE FROM samestory_meta WHERE key = 'minhash_bands';")
    connection.close()
    text = make_document("a0", unit(0)).article.text
    with StoryStore.open(path, readonly=True) as reader:
        assert _copy_of(reader, text) == keys[0]  # read-only: a table in memory, from the signatures
    with StoryStore.open(path) as store:
        assert store.connection.execute("SELECT count(*) FROM minhash_bands").fetchone()[0] == 2 * neardup.BANDS
        assert _copy_of(store, text) == keys[0]


def test_topics_keep_a_float16_mean_and_read_the_float32_sums_of_earlier_versions(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    first, second = unit(1), unit(2)
    with StoryStore.open(path) as store, store.transaction():
        _story, topic = store.create_story(None)
        store.add_to_topics({topic: (2, first + second)})
        (blob,) = store.execute("SELECT vector_sum FROM topics WHERE id = ?", (topic,)).fetchone()
        assert len(blob) == 2 * store.dim  # float16
        size, total = store.topic_sums([topic])[topic]
        assert size == 2 and np.allclose(total, first + second, atol=1e-3)
        earlier = (first + second).astype(np.float32).tobytes()  # the row as an earlier version wrote it
        store.execute("UPDATE topics SET vector_sum = ? WHERE id = ?", (earlier, topic))
        assert np.array_equal(store.topic_sums([topic])[topic][1], first + second)
        store.add_to_topic(topic, unit(3))
        size, total = store.topic_sums([topic])[topic]
        assert size == 3 and np.allclose(total, first + second + unit(3), atol=1e-3)
        assert len(store.execute("SELECT vector_sum FROM topics WHERE id = ?", (topic,)).fetchone()[0]) == 1024


def test_a_store_of_32_bit_signatures_finds_its_copies_and_gets_16_bit_buckets(tmp_path: Path) -> None:
    """Stores written before b-bit signatures: their values are cut to 16 bits on reading, their buckets
    recut by the next writer; the copies they hold are still found."""
    path = tmp_path / "s.db"
    with StoryStore.open(path) as store:
        keys = _fill(store, 2)
    connection = sqlite3.connect(path)
    rows = connection.execute("SELECT key, minhash FROM articles").fetchall()
    for key, blob in rows:  # widen each value as an earlier version stored it (random high bits)
        high = np.random.default_rng(key).integers(0, 2**16, neardup.NUM_PERM, dtype=np.uint32) << 16
        wide = (np.frombuffer(blob, dtype="<u2").astype(np.uint32) | high).astype("<u4").tobytes()
        connection.execute("UPDATE articles SET minhash = ? WHERE key = ?", (wide, key))
    connection.execute("UPDATE samestory_meta SET value = '9x13/blake2b-8' WHERE key = 'minhash_bands'")
    connection.commit()
    connection.close()
    text = make_document("a1", unit(1)).article.text
    with StoryStore.open(path, readonly=True) as reader:
        assert _copy_of(reader, text) == keys[1]
    with StoryStore.open(path) as store:
        assert store.meta("minhash_bands") == neardup.band_scheme()
        assert _copy_of(store, text) == keys[1]
