"""Reading the admins' labels and decision files."""

from __future__ import annotations

import pandas as pd
import pytest

from hoaxguard.review import DecisionError, label_kind, parse_labels, prepare_decisions


@pytest.mark.parametrize("value,kind", [
    ("hoax", "hoax"), ("HOAKS", "hoax"), (" ya ", "hoax"), (1, "hoax"), (True, "hoax"),
    ("valid", "valid"), ("bukan", "valid"), ("Benar", "valid"), ("tidak", "valid"), (0, "valid"),
    (0.0, "valid"), ("ragu", "unsure"), ("", "empty"), (None, "empty"), (float("nan"), "empty"),
    ("maybe hoax", "unreadable"), (7, "unreadable"),
])
def test_label_kind(value, kind):
    assert label_kind(value) == kind


def test_parse_labels_keeps_index():
    s = parse_labels(pd.Series(["hoax", "bukan", "ragu"], index=[5, 6, 7]))
    assert list(s.index) == [5, 6, 7]
    assert s.iloc[0] == 1 and s.iloc[1] == 0 and pd.isna(s.iloc[2])


def test_prepare_decisions_counts_and_refusals():
    df = pd.DataFrame({"text": ["a post", "another post", "third one", "", "fifth"],
                       "Label": ["hoaks", "benar", "ragu", "hoax", ""]})
    rows, skipped = prepare_decisions(df)
    assert rows["y"].tolist() == [1, 0]
    assert skipped == {"without label": 1, "unsure (ragu)": 1, "empty text": 1}
    with pytest.raises(DecisionError, match="no 'label' column"):
        prepare_decisions(df.drop(columns=["Label"]))
    with pytest.raises(DecisionError, match="cannot read"):
        prepare_decisions(df.assign(Label=["hoax", "benar", "??x", "", ""]))
    with pytest.raises(DecisionError, match="both"):
        prepare_decisions(df.assign(Label=["hoax", "ya", "", "", ""]))
    with pytest.raises(DecisionError, match="no labelled rows"):
        prepare_decisions(df.assign(Label=["ragu"] * 5))


def test_prepare_decisions_other_text_column():
    df = pd.DataFrame({"message": ["a post", "another post"], "label": ["ya", "tidak"]})
    rows, _ = prepare_decisions(df)
    assert rows["text"].tolist() == ["a post", "another post"]
