"""Token-level rules: elongation, leetspeak, reduplication, laughter.

Each rule takes one lowercase token and returns the token(s) it stands for.
"""

from __future__ import annotations

import itertools
import re

_RUN = re.compile(r"([a-z])\1+")
_LONG_RUN = re.compile(r"([a-z])\1\1")
_REDUPLICATION = re.compile(r"^([a-z]{2,})2([a-z]{0,4})$")
_HAS_DIGIT = re.compile(r"\d")
_HAS_ALPHA = re.compile(r"[a-z]")
# numbers with units (50rb, 10jt, 24jam, 5g) and names with numbers (covid19, g20, mp3)
_NUMBER_WITH_UNIT = re.compile(r"^\d+[a-z]+$|^[a-z]+\d+$")
_LEET = str.maketrans({"4": "a", "3": "e", "1": "i", "0": "o", "5": "s", "7": "t", "9": "g", "6": "g", "8": "b"})
_LEET_DIGITS = frozenset("4310579 68".replace(" ", ""))
_LAUGHTER = (
    (re.compile(r"^w?(?:k+w+)+k*$"), "wkwk"),
    (re.compile(r"^(?:h+a+){2,}h*$|^a*(?:h+a+){2,}h*$"), "haha"),
    (re.compile(r"^(?:h+e+){2,}h*$"), "hehe"),
    (re.compile(r"^(?:h+i+){2,}h*$"), "hihi"),
)


def split_reduplication(token: str) -> tuple[str, ...]:
    """``anak2`` -> ``("anak", "anak")``; ``anak2nya`` -> ``("anak", "anaknya")``.

    A digit ``2`` after a word is the common shorthand for reduplication. Real
    hyphenated words (``kupu-kupu``, ``anak-anak``) are left to the stemmer.
    """
    match = _REDUPLICATION.match(token)
    if not match:
        return (token,)
    base, suffix = match.groups()
    return (base, base + suffix)


def is_leetspeak(token: str) -> bool:
    """True for tokens mixing letters and leet digits (``s4y4``, ``t3rb4ru``).

    Real numbers (``2025``), numbers with units (``50rb``, ``24jam``) and names
    with a number (``covid19``, ``g20``) are not leetspeak.
    """
    if "-" in token or not _HAS_DIGIT.search(token) or not _HAS_ALPHA.search(token):
        return False
    if _NUMBER_WITH_UNIT.match(token):
        return False
    return all(ch in _LEET_DIGITS for ch in token if ch.isdigit())


def decode_leetspeak(token: str) -> str:
    """Map leet digits to letters (``s4y4`` -> ``saya``) when :func:`is_leetspeak`."""
    return token.translate(_LEET) if is_leetspeak(token) else token


def squeeze_elongation(token: str, known: frozenset[str], slang: frozenset[str] | dict = frozenset()) -> str:
    """Undo letter elongation without breaking real double letters.

    ``bangeeet`` -> ``banget``, ``mantaaap`` -> ``mantap``, ``maaaaf`` -> ``maaf``,
    ``saat`` stays ``saat``. Each run of a repeated letter is tried at length 2
    and 1; the first variant that is a known word wins (longer runs preferred).
    Standard words (``known``) are preferred over slang keys (``slang``).
    Only tokens with a run of three or more letters are touched (``tell`` stays);
    when no variant is known, runs of three or more letters are squeezed to one.
    """
    if token in known or not _LONG_RUN.search(token):
        return token
    slang_hit = None
    runs = list(_RUN.finditer(token))
    if len(runs) <= 6:
        pieces: list[str] = []
        options: list[tuple[str, ...]] = []
        last = 0
        for run in runs:
            pieces.append(token[last : run.start()])
            letter = run.group(1)
            options.append((letter * 2, letter))
            last = run.end()
        tail = token[last:]
        for choice in itertools.product(*options):
            candidate = "".join(p + c for p, c in zip(pieces, choice, strict=True)) + tail
            if candidate in known:
                return candidate
            if slang_hit is None and candidate in slang:
                slang_hit = candidate
    if slang_hit is not None:
        return slang_hit
    return _RUN.sub(lambda m: m.group(1) if len(m.group(0)) >= 3 else m.group(0), token)


def normalize_laughter(token: str) -> str:
    """``wkwkwkwk`` -> ``wkwk``, ``hahahaha`` -> ``haha``, ``hehehe`` -> ``hehe``."""
    if len(token) < 4 or token[0] not in "wkhaa":
        return token
    for pattern, canonical in _LAUGHTER:
        if pattern.match(token):
            return canonical
    return token
