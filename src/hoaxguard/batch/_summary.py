"""The summary of a batch scoring run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class ScoreSummary:
    """Counts and timing of one :func:`~hoaxguard.score_file` run.

    Attributes
    ----------
    rows_read : int
        Data rows (records) read from the input, malformed ones included.
    rows_written : int
        Rows written to the output (scored, or kept with an ``error``).
    rows_scored : int
        Rows written with a score (``error`` empty).
    rows_failed : int
        Rows written with an ``error`` (scoring failed for them).
    rows_flagged : int
        Rows with ``is_hoax`` true.
    rows_matched : int
        Rows matched to a counter-narrative template.
    rows_quarantined : int
        Rows written to the quarantine file instead of the output.
    seconds : float
        Wall-clock time of the run (over all resumed attempts).
    output, quarantine : str or None
        Paths written (``quarantine`` is None when nothing was quarantined).
    encoding : str or None
        Input encoding used for text formats.
    warnings : list of str
        Warnings raised during the run (encoding fallback, replaced columns...).
    """

    rows_read: int = 0
    rows_written: int = 0
    rows_scored: int = 0
    rows_failed: int = 0
    rows_flagged: int = 0
    rows_matched: int = 0
    rows_quarantined: int = 0
    seconds: float = 0.0
    output: str | None = None
    quarantine: str | None = None
    encoding: str | None = None
    resumed: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        """True when every row read was written or quarantined (nothing lost)."""
        return self.rows_read == self.rows_written + self.rows_quarantined

    @property
    def rows_per_second(self) -> float:
        """Throughput over the whole run."""
        return self.rows_read / self.seconds if self.seconds > 0 else 0.0

    def add(self, counts: dict[str, int]) -> None:
        """Add per-chunk counts (keys are attribute names)."""
        for key, value in counts.items():
            setattr(self, key, getattr(self, key) + int(value))

    def to_dict(self) -> dict[str, Any]:
        """Plain-dict form (JSON-friendly), with ``balanced`` included."""
        out = asdict(self)
        out["balanced"] = self.balanced
        return out

    def __str__(self) -> str:
        check = (
            "ok"
            if self.balanced
            else f"MISMATCH ({self.rows_read} != {self.rows_written} + {self.rows_quarantined})"
        )
        lines = [
            f"rows read        {self.rows_read:>12,}",
            f"rows written     {self.rows_written:>12,}  (scored {self.rows_scored:,}, "
            f"failed {self.rows_failed:,})",
            f"flagged as hoax  {self.rows_flagged:>12,}",
            f"matched template {self.rows_matched:>12,}",
            f"quarantined      {self.rows_quarantined:>12,}"
            + (f"  -> {self.quarantine}" if self.quarantine else ""),
            f"time             {self.seconds:>11.1f}s  ({self.rows_per_second:,.0f} rows/s)",
            f"rows in == rows out + quarantined: {check}",
        ]
        return "\n".join(lines)
