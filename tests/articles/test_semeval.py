"""SemEval-2022 Task 8 data as users have it, on fixtures written here in the official layouts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samestory.articles.load import read_articles
from samestory.articles.model import Article, ReadFailure
from samestory.articles.semeval import (
    SemEvalPair,
    is_semeval_dir,
    iter_semeval_dir,
    read_pairs_csv,
    read_semeval_article,
    semeval_article_path,
)
from samestory.errors import InputError

COMMON_COLUMNS = "url1_lang,url2_lang,pair_id,link1,link2,ia_link1,ia_link2"
TRAIN_HEADER = f"{COMMON_COLUMNS},Geography,Entities,Time,Narrative,Overall,Style,Tone"
TEST_HEADER = f"{COMMON_COLUMNS},GEO,ENT,TIME,NAR,Overall,STYLE,TONE"
LINKS = "https://a.example/1,https://b.example/2,https://ia.example/1,https://ia.example/2"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _newspaper_record(**overrides: object) -> dict[str, object]:
    record: dict[str, object] = {
        "title": "Lighthouse keeper retires after forty years",
        "text": "The last keeper of the northern lighthouse retired on Friday. She had served forty years.",
        "publish_date": "2020-01-09 00:00:00",
        "meta_lang": "en",
        "url": "https://www.coastal.example/news/lighthouse",
        "source_url": "https://www.coastal.example",
        "authors": ["Staff Writer"],
        "meta_description": "A keeper retires.",
    }
    record.update(overrides)
    return record


def _downloaded(root: Path, article_id: str, record: dict[str, object]) -> Path:
    path = root / article_id[-2:] / f"{article_id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record), encoding="utf-8")
    return path


def test_training_release_column_names(tmp_path: Path) -> None:
    row = f"en,de,1484188045_1484102421,{LINKS},1,2.5,1,3,1.5,4,2"
    csv_path = _write(tmp_path / "train.csv", f"{TRAIN_HEADER}\n{row}\n")
    [pair] = list(read_pairs_csv(csv_path))
    assert pair == SemEvalPair(
        pair_id="1484188045_1484102421",
        id1="1484188045",
        id2="1484102421",
        lang1="en",
        lang2="de",
        scores={
            "geography": 1.0,
            "entities": 2.5,
            "time": 1.0,
            "narrative": 3.0,
            "overall": 1.5,
            "style": 4.0,
            "tone": 2.0,
        },
    )
    assert pair.overall == 1.5
    assert pair.language_pair == "en_de"


def test_test_release_abbreviated_column_names(tmp_path: Path) -> None:
    csv_path = _write(tmp_path / "test.csv", f"{TEST_HEADER}\nfr,fr,1500000012_1500000034,{LINKS},2,1,4,3.5,2.25,1,1\n")
    [pair] = list(read_pairs_csv(csv_path))
    assert isinstance(pair, SemEvalPair)
    assert pair.scores == {
        "geography": 2.0,
        "entities": 1.0,
        "time": 4.0,
        "narrative": 3.5,
        "overall": 2.25,
        "style": 1.0,
        "tone": 1.0,
    }
    assert pair.language_pair == "fr_fr"


def test_unlabelled_pairs_have_no_scores(tmp_path: Path) -> None:
    csv_path = _write(tmp_path / "eval.csv", "url1_lang,url2_lang,pair_id\nzh,en,11_22\n")
    [pair] = list(read_pairs_csv(csv_path))
    assert isinstance(pair, SemEvalPair)
    assert pair.scores == {}
    assert pair.overall is None


def test_bad_rows_are_reported_with_line_numbers_and_the_rest_read(tmp_path: Path) -> None:
    rows = [
        f"en,en,1_2,{LINKS},1,1,1,1,1,1,1",
        f"en,en,no-underscore,{LINKS},1,1,1,1,1,1,1",
        f"en,en,3_4,{LINKS},1,1,1,1,high,1,1",
        f"en,es,5_6,{LINKS},2,2,2,2,2,2,2",
    ]
    csv_path = _write(tmp_path / "pairs.csv", TRAIN_HEADER + "\n" + "\n".join(rows) + "\n")
    results = list(read_pairs_csv(csv_path))
    assert [r.pair_id for r in results if isinstance(r, SemEvalPair)] == ["1_2", "5_6"]
    failures = [r for r in results if isinstance(r, ReadFailure)]
    assert [f.item for f in failures] == [f"{csv_path}:3", f"{csv_path}:4"]
    assert "not of the form ID1_ID2" in failures[0].reason
    assert "Overall is 'high', not a number" in failures[1].reason


def test_csv_without_pair_id_is_refused(tmp_path: Path) -> None:
    csv_path = _write(tmp_path / "other.csv", "id,text\n1,hello\n")
    assert list(read_pairs_csv(csv_path)) == [
        ReadFailure(str(csv_path), "is not a SemEval pairs CSV: it has no pair_id column")
    ]


def test_article_path_uses_last_two_digits_of_the_id(tmp_path: Path) -> None:
    assert semeval_article_path(tmp_path, "1484188045") == tmp_path / "45" / "1484188045.json"


def test_downloaded_article_fields(tmp_path: Path) -> None:
    _downloaded(tmp_path, "1484188045", _newspaper_record())
    article = read_semeval_article(tmp_path, "1484188045")
    assert article.id == "1484188045"
    assert article.title == "Lighthouse keeper retires after forty years"
    assert article.text.startswith("The last keeper of the northern lighthouse")
    assert article.lang == "en"
    assert article.published is not None and article.published.iso() == "2020-01-09"
    assert article.url == "https://www.coastal.example/news/lighthouse"
    assert article.outlet == "coastal.example"


def test_pair_language_is_used_when_meta_lang_is_empty(tmp_path: Path) -> None:
    _downloaded(tmp_path, "1500000077", _newspaper_record(meta_lang=""))
    assert read_semeval_article(tmp_path, "1500000077", lang="tr").lang == "tr"


def test_description_stands_in_for_empty_text(tmp_path: Path) -> None:
    _downloaded(tmp_path, "1500000011", _newspaper_record(text="", publish_date=None))
    article = read_semeval_article(tmp_path, "1500000011")
    assert article.text == "A keeper retires."
    assert article.published is None


def test_missing_download_names_the_expected_path(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_semeval_article(tmp_path, "1234567899")
    assert caught.value.item == "1234567899"
    assert str(tmp_path / "99" / "1234567899.json") in caught.value.reason


def test_directory_walk_reads_articles_and_reports_broken_files(tmp_path: Path) -> None:
    _downloaded(tmp_path, "1000000001", _newspaper_record())
    _downloaded(tmp_path, "1000000002", _newspaper_record(title="Second keeper", text="Another keeper retired."))
    broken = tmp_path / "03" / "1000000003.json"
    broken.parent.mkdir()
    broken.write_text('{"title": "cut', encoding="utf-8")
    results = list(iter_semeval_dir(tmp_path))
    assert [r.id for r in results if isinstance(r, Article)] == ["1000000001", "1000000002"]
    [failure] = [r for r in results if isinstance(r, ReadFailure)]
    assert failure.item == str(broken)
    assert failure.reason.startswith("is not valid JSON")


def test_read_articles_recognises_the_downloader_layout(tmp_path: Path) -> None:
    _downloaded(tmp_path, "1000000042", _newspaper_record())
    assert is_semeval_dir(tmp_path)
    [article] = list(read_articles([tmp_path]))
    assert isinstance(article, Article)
    assert article.id == "1000000042"


def test_ordinary_directory_is_not_the_downloader_layout(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "2024").mkdir()
    assert not is_semeval_dir(tmp_path)
