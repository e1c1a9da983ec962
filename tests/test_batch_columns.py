"""Text-column detection."""

from __future__ import annotations

import pytest

from hoaxguard.batch import TextColumnError, detect_text_column


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (["id", "text", "user"], "text"),
        (["id", "Full Text", "user"], "Full Text"),
        (["tweet_id", "full_text", "text"], "text"),
        (["Komentar", "nama"], "Komentar"),
        (["ISI", "tanggal"], "ISI"),
        (["caption", "likes"], "caption"),
        (["message", "content"], "message"),
        (["post-text"], "post-text"),
    ],
)
def test_detects_common_export_names(columns, expected):
    assert detect_text_column(columns) == expected


def test_explicit_column_wins():
    assert detect_text_column(["text", "body"], "body") == "body"


def test_missing_explicit_column_lists_columns():
    with pytest.raises(TextColumnError, match=r"'tweet' not found; columns are: 'id', 'text'"):
        detect_text_column(["id", "text"], "tweet")


def test_no_known_column_lists_columns():
    with pytest.raises(TextColumnError) as info:
        detect_text_column(["id", "likes", "url"])
    msg = str(info.value)
    assert "no text column found" in msg
    assert "'id', 'likes', 'url'" in msg
    assert "--text-col" in msg
