"""Batch scoring of exported posts: files of any size, DataFrames, Dask.

Public entry points are :func:`score_frame` (DataFrame in, DataFrame out) and
:func:`score_file` (chunked, parallel, quarantining, resumable). The Dask engine
lives in :mod:`hoaxguard.dask`.
"""

from hoaxguard.batch._columns import TEXT_COLUMN_NAMES, TextColumnError, detect_text_column
from hoaxguard.batch._frame import DEFAULT_PLATFORM, OUTPUT_COLUMNS, is_debunked, score_frame
from hoaxguard.batch._quarantine import MAX_TEXT_CHARS, QUARANTINE_COLUMNS, QuarantineRecord
from hoaxguard.batch._readers import EXTENSIONS, FORMATS, InputFormatError, format_of
from hoaxguard.batch._score import DEFAULT_CHUNK_SIZE, ResumeError, default_output, score_file
from hoaxguard.batch._summary import ScoreSummary
from hoaxguard.batch._table import open_table, read_table
from hoaxguard.batch._trusted import ACCOUNT_COLUMNS, TRUSTED_FLAG, read_trusted_accounts
from hoaxguard.batch._workers import ScoringSetupError

__all__ = [
    "ACCOUNT_COLUMNS",
    "TRUSTED_FLAG",
    "read_trusted_accounts",
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_PLATFORM",
    "EXTENSIONS",
    "FORMATS",
    "MAX_TEXT_CHARS",
    "OUTPUT_COLUMNS",
    "QUARANTINE_COLUMNS",
    "TEXT_COLUMN_NAMES",
    "InputFormatError",
    "QuarantineRecord",
    "ResumeError",
    "ScoreSummary",
    "ScoringSetupError",
    "TextColumnError",
    "default_output",
    "detect_text_column",
    "format_of",
    "is_debunked",
    "open_table",
    "read_table",
    "score_file",
    "score_frame",
]
