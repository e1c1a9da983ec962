"""Find the column that holds the post text in an export."""

from __future__ import annotations

import re
from collections.abc import Sequence

#: Column names that monitoring tools and platform exports use for the post text,
#: in order of preference (compared case-insensitively, ignoring ``_``, ``-``, spaces).
TEXT_COLUMN_NAMES: tuple[str, ...] = (
    "text",
    "full_text",
    "tweet_text",
    "tweet",
    "post_text",
    "post",
    "message",
    "pesan",
    "content",
    "konten",
    "body",
    "caption",
    "comment",
    "comment_text",
    "komentar",
    "isi",
    "isi_pesan",
    "isi_berita",
    "narasi",
    "teks",
    "status",
    "description",
    "deskripsi",
    "title",
    "judul",
)


class TextColumnError(ValueError):
    """No usable text column in the input (the message lists the columns)."""


def _key(name: object) -> str:
    return re.sub(r"[\s_\-.]+", "", str(name).strip().lower())


def detect_text_column(columns: Sequence[object], text_col: str | None = None) -> str:
    """Return the name of the text column.

    Parameters
    ----------
    columns : sequence of str
        Column names of the input.
    text_col : str, optional
        Explicit choice; must be one of ``columns``.

    Returns
    -------
    str
        The chosen column name, exactly as spelled in ``columns``.

    Raises
    ------
    TextColumnError
        When ``text_col`` is missing, or no column has a known text name; the
        message lists the available columns.
    """
    names = [str(c) for c in columns]
    shown = ", ".join(repr(n) for n in names) if names else "(none)"

    def _unique(name: str) -> str:
        # a DataFrame may repeat a column name; df[name] would then be a frame
        if names.count(name) > 1:
            raise TextColumnError(
                f"text column {name!r} appears {names.count(name)} times; "
                "rename the duplicates or choose another with --text-col / text_col="
            )
        return name

    if text_col is not None:
        if text_col in names:
            return _unique(text_col)
        raise TextColumnError(f"text column {text_col!r} not found; columns are: {shown}")
    keys = {}
    for name in names:
        keys.setdefault(_key(name), name)
    for candidate in TEXT_COLUMN_NAMES:
        found = keys.get(_key(candidate))
        if found is not None:
            return _unique(found)
    raise TextColumnError(
        f"no text column found (looked for {', '.join(TEXT_COLUMN_NAMES[:8])}, ...); "
        f"columns are: {shown}; choose one with --text-col / text_col="
    )
