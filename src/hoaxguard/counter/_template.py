"""The counter-narrative template record (one fact-check answer to one claim)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

#: Indonesian fact-checking labels accepted in ``verdict``.
VERDICTS: tuple[str, ...] = (
    "SALAH",
    "HOAKS",
    "DISINFORMASI",
    "MISINFORMASI",
    "PENIPUAN",
    "KONTEN MENYESATKAN",
    "KONTEN PALSU",
    "KONTEN DIMANIPULASI",
    "KONTEN TIRUAN",
    "FITNAH",
    "HASUT",
    "SATIRE",
    "KLARIFIKASI",
    "BELUM TERBUKTI",
    "BENAR",
)

#: Verdicts that do not say the claim is false: a match to them is no hoax signal.
NOT_DEBUNKED: frozenset[str] = frozenset({"SATIRE", "KLARIFIKASI", "BELUM TERBUKTI", "BENAR"})

#: Verdicts meaning the claim was debunked (a match is a hoax signal).
DEBUNKED_VERDICTS: frozenset[str] = frozenset(v for v in VERDICTS if v not in NOT_DEBUNKED)

#: Platforms a per-template ``responses`` override may target.
PLATFORMS: tuple[str, ...] = ("x", "facebook", "instagram", "whatsapp", "press")


def is_debunked(verdict: str | None) -> bool:
    """True when ``verdict`` says the claim is false, a scam or misleading.

    SALAH, HOAKS, DISINFORMASI, MISINFORMASI, PENIPUAN, FITNAH, HASUT and every
    ``KONTEN ...`` label are debunked; SATIRE, KLARIFIKASI, BELUM TERBUKTI (not
    proven either way) and BENAR are not.
    """
    if not verdict:
        return False
    v = " ".join(str(verdict).split()).upper()
    if v in NOT_DEBUNKED:
        return False
    return v in DEBUNKED_VERDICTS or v.startswith("KONTEN ")


@dataclass(frozen=True)
class Source:
    """A reference backing a template's fact.

    Parameters
    ----------
    name : str
        Publisher or document name (e.g. ``"BMKG"``).
    url : str
        Link to the source (``http(s)://``).
    date : str or None
        Publication or access date, ISO ``yyyy-mm-dd``.
    """

    name: str
    url: str
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain mapping for YAML/JSON output (``date`` omitted when empty)."""
        out: dict[str, Any] = {"name": self.name, "url": self.url}
        if self.date:
            out["date"] = self.date
        return out


@dataclass(frozen=True)
class Template:
    """A counter-narrative: the claim as it circulates and the fact that answers it.

    Build templates with :func:`hoaxguard.counter.template_from_dict` (validating)
    or directly (not validated). See ``docs/templates.md`` for every field.
    """

    id: str
    title: str
    claim: str
    verdict: str
    fact: str
    explanation: str = ""
    aliases: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    tags: tuple[str, ...] = ()
    agency: str | None = None
    hashtags: tuple[str, ...] = ()
    valid_from: str | None = None
    valid_until: str | None = None
    responses: Mapping[str, str] = field(default_factory=dict)

    @property
    def debunked(self) -> bool:
        """True when the verdict marks the claim as false/misleading (see :func:`is_debunked`)."""
        return is_debunked(self.verdict)

    def is_valid_on(self, day: _dt.date | str | None = None) -> bool:
        """True when ``day`` (default today) lies within ``valid_from``..``valid_until``."""
        if day is None:
            day = _dt.date.today()
        if isinstance(day, str):
            day = _dt.date.fromisoformat(day)
        if self.valid_from and day < _dt.date.fromisoformat(self.valid_from):
            return False
        return not (self.valid_until and day > _dt.date.fromisoformat(self.valid_until))

    def replace(self, **changes: Any) -> Template:
        """Return a copy with some fields changed."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain mapping in the YAML file order (empty optional fields omitted)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "sources":
                value = [s.to_dict() for s in value]
            elif isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, Mapping):
                value = dict(value)
            if value in (None, [], {}) and f.name not in (
                "id",
                "title",
                "claim",
                "verdict",
                "fact",
            ):
                continue
            out[f.name] = value
        return out
