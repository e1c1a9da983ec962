"""What to answer a matched post with, by verdict and stance, and the short notes.

=====================  ==========================================================
reply kind             when / what
=====================  ==========================================================
``debunk``             debunked verdict (SALAH, HOAKS, PENIPUAN, KONTEN ...) and
                       the post repeats the claim: the full rendered answer
                       (:func:`hoaxguard.counter.render`)
``share_clarification`` the post denies or corrects the claim, or states the
                       official fact (any verdict): a short thank-you note
                       inviting to share the clarification ("bagikan
                       klarifikasi ini"); no debunk
``clarification``      verdict KLARIFIKASI: the rendered answer (it is the
                       official explanation itself)
``unverified``         verdict BELUM TERBUKTI: a note that the claim is not
                       proven either way and to wait for official information
``satire``             verdict SATIRE (and PARODI): a note that the post is satire
``confirm``            verdict BENAR: the rendered answer (it confirms the claim
                       with its source; the match is no hoax signal)
``none``               a post that denies a claim rated BENAR, or an unknown
                       verdict: no reply
=====================  ==========================================================
"""

from __future__ import annotations

from hoaxguard.counter._template import Template, is_debunked

REPLY_KINDS: tuple[str, ...] = (
    "debunk",
    "share_clarification",
    "clarification",
    "unverified",
    "satire",
    "confirm",
    "none",
)
#: Reply kinds answered with the full rendered template.
RENDERED_KINDS: frozenset[str] = frozenset({"debunk", "clarification", "confirm"})
DEFAULT_AGENCY = "Dinas Komunikasi dan Informatika"


def reply_kind(verdict: str | None, stance: str | None = "repeats") -> str:
    """The kind of reply for a matched post (see the module table)."""
    v = " ".join(str(verdict or "").split()).upper()
    if stance == "denies":
        return "none" if v == "BENAR" else "share_clarification"
    if is_debunked(v):
        return "debunk"
    return {
        "KLARIFIKASI": "clarification",
        "BELUM TERBUKTI": "unverified",
        "SATIRE": "satire",
        "PARODI": "satire",
        "BENAR": "confirm",
    }.get(v, "none")


def _source(template: Template) -> str:
    if not template.sources:
        return ""
    first = template.sources[0]
    return f" Sumber: {first.name} ({first.url})."


def clarification_note(template: Template, *, agency: str | None = None) -> str:
    """Short note for a post that denies or corrects the claim: thanks, fact, "bagikan klarifikasi ini"."""
    who = agency or template.agency or DEFAULT_AGENCY
    return (
        f"Terima kasih telah meluruskan informasi ini. {template.fact.strip()}"
        f"{_source(template)} Bagikan klarifikasi ini agar warga lain tidak termakan hoaks. "
        f"({who})"
    )


def unverified_note(template: Template, *, agency: str | None = None) -> str:
    """Short note for a claim rated BELUM TERBUKTI: not proven either way, wait for official news."""
    who = agency or template.agency or DEFAULT_AGENCY
    return (
        f"Informasi ini belum terbukti benar atau salah. {template.fact.strip()}"
        f"{_source(template)} Mohon tunggu keterangan resmi sebelum membagikannya. ({who})"
    )


def satire_note(template: Template, *, agency: str | None = None) -> str:
    """Short note for satire or parody taken at face value."""
    who = agency or template.agency or DEFAULT_AGENCY
    return (
        f"Konten ini adalah satire atau parodi, bukan berita. {template.fact.strip()}"
        f"{_source(template)} ({who})"
    )


def reply_note(template: Template, kind: str, *, agency: str | None = None) -> str | None:
    """The note of a non-debunk reply kind (None for ``debunk``/``clarification``/``none``)."""
    if kind == "share_clarification":
        return clarification_note(template, agency=agency)
    if kind == "unverified":
        return unverified_note(template, agency=agency)
    if kind == "satire":
        return satire_note(template, agency=agency)
    return None
