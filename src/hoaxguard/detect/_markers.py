"""Source artifacts: outlet names, news datelines and fact-checker vocabulary.

These strings tell a model *where a text was collected* (a news site, a
fact-check page) rather than whether it is a hoax. :func:`strip_source_markers`
removes them before featurisation (``HoaxDetector(strip_markers=True)``), and
:data:`ARTIFACT_TERMS` is what the source-artifact audit
(:func:`hoaxguard.evaluate.source_artifact_audit`) looks for among the
model's heaviest features.
"""

from __future__ import annotations

import re

__all__ = ["OUTLET_TERMS", "FACTCHECK_TERMS", "ARTIFACT_TERMS", "strip_source_markers",
           "is_artifact_term"]

# outlet names that are not ordinary Indonesian words: stripped wherever they occur
_OUTLETS_UNAMBIGUOUS: frozenset[str] = frozenset({
    "kompas", "kompascom", "tribunnews", "tribunnewscom", "detikcom", "detiknews", "okezone",
    "okezonecom", "sindonews", "kapanlagi", "fimela", "wowkeren", "posmetro", "liputan6",
    "republika", "antaranews", "cnn", "cnnindonesia", "kumparan", "vivanews", "tirto",
    "jawapos", "jpnn", "inews", "metrotv", "idntimes", "beritasatu", "medcom", "wartakota",
})
# outlet names that are also words (detik = second, suara = voice, antara = between ...):
# stripped only in domain form ("detik.com"), flagged by the audit
_OUTLETS_AMBIGUOUS: frozenset[str] = frozenset({
    "detik", "tempo", "suara", "merdeka", "viva", "grid", "bisnis", "kontan", "antara",
    "tribun", "sindo", "liputan",
})
OUTLET_TERMS: frozenset[str] = _OUTLETS_UNAMBIGUOUS | _OUTLETS_AMBIGUOUS
FACTCHECK_TERMS: frozenset[str] = frozenset({
    "turnbackhoax", "mafindo", "cekfakta", "faktanya", "fakta", "klarifikasi", "disinformasi",
    "misinformasi", "hoaks", "hoax", "hoaxs", "penjelasan", "referensi", "kesimpulan",
    "pemeriksaan", "misleading", "satire", "menyesatkan", "debunk",
})
ARTIFACT_TERMS: frozenset[str] = OUTLET_TERMS | FACTCHECK_TERMS

def _alternation(terms: frozenset[str]) -> str:
    return "|".join(sorted((re.escape(t) for t in terms), key=len, reverse=True))


_DOMAIN = r"\s*\.\s*(?:com|co\.id|co|id|net)\b"
_DASH = r"[-\u2013\u2014:|]+"
_PATTERNS: tuple[re.Pattern[str], ...] = (
    # fact-check verdict labels: [SALAH], [HOAKS], (DISINFORMASI) ...
    re.compile(r"[\[(]\s*(?:salah|hoaks?|hoax|benar|klarifikasi|disinformasi|misinformasi|"
               r"fitnah|penipuan|misleading|satire|konten\s+\w+)\s*[\])]", re.I),
    # fact-check section headings and tails
    re.compile(r"=+\s*(?:penjelasan|referensi|kesimpulan|sumber)\b.*", re.I | re.S),
    re.compile(r"\b(?:penjelasan|referensi|kesimpulan|hasil\s+periksa\s+fakta)\s*:", re.I),
    re.compile(r"\b(?:turn\s*back\s*hoax|mafindo|cek\s*fakta|pemeriksaan\s+fakta|"
               r"periksa\s+fakta)\b", re.I),
    re.compile(r"={3,}"),
    # datelines: "Jakarta, Kompas.com -", "JAKARTA, KOMPAS.com --", "Liputan6.com, Jakarta -"
    re.compile(r"^\s*[A-Z][A-Za-z .]{1,30},\s*[A-Za-z0-9.]*\.(?:com|co\.id|id|net)\s*" + _DASH,
               re.M),
    re.compile(r"^\s*[A-Za-z0-9]+\.(?:com|co\.id|id|net)\s*,\s*[A-Z][A-Za-z .]{1,30}\s*" + _DASH,
               re.M),
    re.compile(r"^\s*[A-Z][A-Z .]{2,30}\s*\((?:ANTARA|Antara|ANTARANEWS)\)\s*" + _DASH, re.M),
    re.compile(r"^\s*[A-Z]{3,}(?: [A-Z]{3,})?\s*" + _DASH + r"\s+", re.M),
    # outlet names and domains anywhere
    re.compile(r"\b(?:" + _alternation(_OUTLETS_UNAMBIGUOUS) + r")(?:" + _DOMAIN + r")?\b", re.I),
    re.compile(r"\b(?:" + _alternation(_OUTLETS_AMBIGUOUS) + r")" + _DOMAIN, re.I),
)


# each pattern runs only when one of its keywords occurs in the lowercased text
# (plain substring tests are far cheaper than scanning a long alternation)
_KEYWORDS: tuple[tuple[str, ...] | None, ...] = (
    ("[", "("),
    ("=",),
    ("penjelasan", "referensi", "kesimpulan", "periksa"),
    ("turn", "mafindo", "fakta"),
    ("===",),
    (".",),
    (".",),
    ("antara",),
    None,
    tuple(sorted(_OUTLETS_UNAMBIGUOUS)),
    tuple(sorted(_OUTLETS_AMBIGUOUS)),
)
_GUARDED = tuple(zip(_PATTERNS, _KEYWORDS, strict=True))


def strip_source_markers(text: str) -> str:
    """Remove outlet names, datelines and fact-checker markup from one text.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
        The text without those markers (other words untouched).
    """
    if not text:
        return ""
    low = text.lower()
    for pattern, keywords in _GUARDED:
        if keywords is None or any(k in low for k in keywords):
            text = pattern.sub(" ", text)
    return text


def is_artifact_term(term: str) -> bool:
    """True when a feature (word n-gram, space separated) contains an artifact word."""
    return any(tok in ARTIFACT_TERMS for tok in term.split())
