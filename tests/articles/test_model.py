"""The Article's derived views: the text the analysers see, and the identity used for storage."""

from __future__ import annotations

from samestory.articles.model import Article, ReadFailure


def test_full_text_prepends_title_unless_text_starts_with_it() -> None:
    assert Article(id="a", text="Body.", title="Head").full_text == "Head\nBody."
    assert Article(id="a", text="Head\nBody.", title="Head").full_text == "Head\nBody."
    assert Article(id="a", text="Body.").full_text == "Body."


def test_content_hash_ignores_id_case_and_spacing() -> None:
    one = Article(id="a", text="Storm  closes\nthe pier.", title="Pier")
    two = Article(id="b", text="storm closes the PIER.", title="pier", url="https://example.org/x")
    three = Article(id="a", text="Storm closes the harbour.", title="Pier")
    assert one.content_hash == two.content_hash
    assert one.content_hash != three.content_hash


def test_read_failure_reads_as_item_and_reason() -> None:
    assert str(ReadFailure("feed.jsonl:3", "is not valid JSON")) == "feed.jsonl:3: is not valid JSON"
