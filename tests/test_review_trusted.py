"""Trusted accounts: reading the list and unflagging their posts."""

from __future__ import annotations

import pandas as pd

from hoaxguard.batch import TRUSTED_FLAG, read_trusted_accounts
from hoaxguard.batch._trusted import account_column, apply_trusted


def test_read_trusted_accounts(tmp_path):
    path = tmp_path / "trusted.txt"
    path.write_text("\ufeff# kanal resmi\n@Pemkab_Sukamaju\n  diskominfo.skm  # humas\n\n12345\n",
                    encoding="utf-8")
    assert read_trusted_accounts(path) == {"pemkab_sukamaju", "diskominfo.skm", "12345"}


def test_account_column_case_insensitive():
    assert account_column(["text", "Username"]) == "Username"
    assert account_column(["text", "author", "user"]) == "author"
    assert account_column(["text"]) is None


def test_apply_trusted_unflags_only_their_scored_rows():
    frame = pd.DataFrame({
        "User": ["@PEMKAB_SUKAMAJU", "warga1", "pemkab_sukamaju", 12345],
        "is_hoax": pd.array([True, True, None, True], dtype="boolean"),
        "flagged_by": ["model", "model", None, "match"],
        "error": [None, None, "empty text", None],
    })
    apply_trusted(frame, ["pemkab_sukamaju", "@12345"])
    by = frame["flagged_by"]
    assert by[[0, 1, 3]].tolist() == [TRUSTED_FLAG, "model", TRUSTED_FLAG] and pd.isna(by[2])
    assert frame["is_hoax"].tolist()[:2] == [False, True]
    assert pd.isna(frame["is_hoax"].iat[2])


def test_apply_trusted_without_account_column_is_a_no_op():
    frame = pd.DataFrame({"text": ["x"], "is_hoax": [True], "flagged_by": ["model"],
                          "error": [None]})
    assert apply_trusted(frame, ["x"])["flagged_by"].iat[0] == "model"
