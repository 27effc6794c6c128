"""Re-clustering a store: articles placed again, story ids carried on by lineage of members."""

from __future__ import annotations

import numpy as np

from samestory.stories import neardup
from samestory.stories.corrections import absorbed_by, current_story, split_story
from samestory.stories.engine import EngineConfig, StoryEngine
from samestory.stories.recluster import recluster, story_lineage
from samestory.stories.store import StoryStore, topic_total

from .fixtures import CosineSimilarity, make_document, unit

CONFIG = EngineConfig(topic_threshold=0.45)


def test_a_story_keeps_its_id_while_most_of_its_members_stay_together() -> None:
    lineage = story_lineage(old=[1, 1, 1, 2, 2], new=[10, 10, 11, 12, 12])
    assert lineage.keeps == {10: 1, 12: 2}
    assert lineage.absorbs == {}


def test_a_merge_keeps_the_oldest_id_and_records_the_other_as_absorbed() -> None:
    lineage = story_lineage(old=[3, 3, 5, 5, 5], new=[7, 7, 7, 7, 7])
    assert lineage.keeps == {7: 3}
    assert lineage.absorbs == {5: 7}


def test_a_story_split_without_a_majority_is_retired_to_its_largest_part() -> None:
    lineage = story_lineage(old=[4, 4, 4, 4, 4, 4], new=[8, 8, 9, 9, 9, 6])
    assert lineage.keeps == {}
    assert lineage.absorbs == {4: 9}


def _store_of(documents: list, scorer: CosineSimilarity) -> StoryStore:  # type: ignore[type-arg]
    store = StoryStore.open(None)
    StoryEngine(store, scorer, CONFIG).place_batch(
        documents, [neardup.signature(d.article.full_text) for d in documents]
    )
    return store


def _members(store: StoryStore) -> dict[int, set[str]]:
    groups: dict[int, set[str]] = {}
    for article, story in store.execute("SELECT id, story FROM articles"):
        groups.setdefault(story, set()).add(article)
    return groups


def _documents() -> list:  # type: ignore[type-arg]
    """Two loose stories of four reports (days apart), and an unrelated report."""
    documents = []
    for story in range(2):
        centre = unit(300 + story)
        documents += [
            make_document(f"s{story}-{i}", unit(40 * story + i, near=centre, noise=0.45), day=f"2023-03-0{1 + i}")
            for i in range(4)
        ]
    return [*documents, make_document("alone", unit(999), day="2023-03-02")]


def test_recluster_with_a_looser_judgement_merges_stories_under_their_oldest_id() -> None:
    store = _store_of(_documents(), CosineSimilarity(same_story=0.97))  # strict: every report its own story
    before = _members(store)
    assert len(before) == 9
    report = recluster(store, CosineSimilarity(same_story=0.5), CONFIG)
    after = _members(store)
    assert sorted(map(sorted, after.values())) == [
        ["alone"],
        [f"s0-{i}" for i in range(4)],
        [f"s1-{i}" for i in range(4)],
    ]
    first_of = {min(ids for ids, members in before.items() if f"s{s}-0" in members) for s in range(2)}
    assert first_of <= set(after)  # each merged story kept the id of its first report's story
    absorbed = absorbed_by(store)
    assert sum(len(ids) for ids in absorbed.values()) == 6 and report.retired_ids == 6
    assert all(current_story(store, old) in after for old in before)  # every old id still leads somewhere
    assert (report.articles, report.stories_before, report.stories_after, report.new_ids) == (9, 9, 3, 0)
    sizes = dict(store.execute("SELECT id, size FROM stories").fetchall())
    assert sizes == {story: len(members) for story, members in after.items()}
    assert store.execute("SELECT sum(size) FROM topics").fetchone()[0] == 9
    (size, total) = store.execute(
        "SELECT t.size, vector_sum FROM topics t JOIN stories s ON s.topic = t.id WHERE s.size = 1"
    ).fetchone()
    assert np.isclose(np.linalg.norm(topic_total(size, total, store.dim)), 1.0, atol=1e-2)


def test_recluster_with_the_same_judgement_changes_nothing() -> None:
    store = _store_of(_documents(), CosineSimilarity(same_story=0.5))
    before = _members(store)
    report = recluster(store, CosineSimilarity(same_story=0.5), CONFIG)
    assert _members(store) == before
    assert (report.kept_ids, report.new_ids, report.retired_ids) == (len(before), 0, 0)


def test_a_story_people_corrected_is_left_as_they_left_it() -> None:
    store = _store_of(_documents(), CosineSimilarity(same_story=0.5))
    story = next(s for s, members in _members(store).items() if "s0-0" in members)
    split_story(store, story, ["s0-3"], who="editor")
    corrected = {s: m for s, m in _members(store).items() if m & {"s0-0", "s0-3"}}
    report = recluster(store, CosineSimilarity(same_story=0.2), CONFIG)  # would put everything together
    after = _members(store)
    assert all(after[s] == members for s, members in corrected.items())
    assert report.corrected_stories == 2 and report.articles == 5
