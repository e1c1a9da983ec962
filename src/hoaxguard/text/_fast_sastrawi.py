# This module is a port of the stemming algorithm of PySastrawi 1.2.1
# (https://github.com/har07/PySastrawi), itself a Python port of Sastrawi
# (https://github.com/sastrawi/sastrawi, Andy Librian). PySastrawi's licence:
#
#   The MIT License (MIT)
#
#   Copyright (c) 2016 Hanif Amal Robbani
#
#   Permission is hereby granted, free of charge, to any person obtaining a copy
#   of this software and associated documentation files (the "Software"), to deal
#   in the Software without restriction, including without limitation the rights
#   to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
#   copies of the Software, and to permit persons to whom the Software is
#   furnished to do so, subject to the following conditions:
#
#   The above copyright notice and this permission notice shall be included in all
#   copies or substantial portions of the Software.
#
#   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
#   IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
#   FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
#   AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
#   LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
#   OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
#   SOFTWARE.
"""A fast port of PySastrawi 1.2.1's Indonesian stemmer with identical output.

Sastrawi (Nazief & Adriani, CS, ECS stemming) builds a ``Context`` object, ~40
visitor objects and a ``Removal`` object per step and matches uncompiled regex
strings, which costs about 200 µs for a word it has not seen. This module runs
the same steps in the same order with precompiled regexes, string tests and a
prefix-rule table dispatched on the word's first two letters.

The output equals ``Sastrawi.Stemmer.Stemmer.Stemmer(ArrayDictionary(words))
.stem_word(word)`` for every string of ``[a-z0-9-]`` (checked against Sastrawi
in ``tests/test_fast_sastrawi.py``). Outside that alphabet the two may differ:
Sastrawi passes intermediate words to ``re.sub`` as *patterns* and its ``$``
also matches before a final newline; neither quirk is reproduced.

Notes on equivalences used (each follows from Sastrawi's code):

* A visitor records a ``Removal`` only when it changes the word; in
  ``accept_prefix_visitors`` only the *number* of removals matters, so prefix
  removals are not recorded: ``restore_prefix`` deletes them before the only
  place where removals are read (``loop_pengembalian_akhiran``), and the
  subject of the first removal it restores is always the original word.
* ``re.sub(r'-*(lah|kah|tah|pun)$', '', w, count=1)`` (and the possessive and
  derivational variants) remove the leftmost match, i.e. the longest suffix
  with its run of preceding hyphens: ``w[:-n].rstrip('-')``.
* The removed part of a suffix removal, ``re.sub(result, '', subject,
  count=1)``, is ``subject[len(result):]`` because ``result`` is a prefix of
  ``subject`` without regex metacharacters.
* ``DontStemShortWord`` sets ``process_is_stopped`` for words of at most three
  characters and the flag is never cleared, so every later visitor list stops
  after its first visitor (only the particle and the plain-prefix visitors
  run for such words).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from string import ascii_lowercase

__all__ = ["FastSastrawiStemmer"]

# --------------------------------------------------------------------------
# Prefix disambiguation rules, in Sastrawi's order (VisitorProvider.init_visitors).
# One entry per PrefixDisambiguator visitor: (visitor name, disambiguators);
# one disambiguator per original DisambiguatorPrefixRule class:
# (rule, Sastrawi's regex, build(match) -> stem | None). The regexes are
# Sastrawi's own; ``g.startswith("er")`` stands for its ``re.match(r'^er(.*)$', g)``
# (equal because a ``(.*)`` group holds no newline).
# --------------------------------------------------------------------------

_Build = Callable[[re.Match[str]], "str | None"]

# fmt: off
_RULES: tuple[tuple[str, tuple[tuple[str, str, _Build], ...]], ...] = (
    ("1", (  # berV -> ber-V | be-rV
        ("1a", r"^ber([aiueo].*)$", lambda m: m[1]),
        ("1b", r"^ber([aiueo].*)$", lambda m: "r" + m[1]),
    )),
    ("2", (  # berCAP -> ber-CAP where C != 'r' AND P != 'er'
        ("2", r"^ber([bcdfghjklmnpqrstvwxyz])([a-z])(.*)",
         lambda m: None if m[3].startswith("er") else m[1] + m[2] + m[3]),
    )),
    ("3", (  # berCAerV -> ber-CAerV where C != 'r'
        ("3", r"ber([bcdfghjklmnpqrstvwxyz])([a-z])er([aiueo])(.*)",
         lambda m: None if m[1] == "r" else m[1] + m[2] + "er" + m[3] + m[4]),
    )),
    ("4", (  # belajar -> bel-ajar (Sastrawi: word == 'belajar')
        ("4", r"^belajar\Z", lambda m: "ajar"),
    )),
    ("5", (  # beC1erC2 -> be-C1erC2 where C1 != 'r'
        ("5", r"be([bcdfghjklmnpqstvwxyz])(er[bcdfghjklmnpqrstvwxyz])(.*)$",
         lambda m: m[1] + m[2] + m[3]),
    )),
    ("6", (  # terV -> ter-V | te-rV
        ("6a", r"^ter([aiueo].*)$", lambda m: m[1]),
        ("6b", r"^ter([aiueo].*)$", lambda m: "r" + m[1]),
    )),
    ("7", (  # terCerV -> ter-CerV where C != 'r'
        ("7", r"^ter([bcdfghjklmnpqrstvwxyz])er([aiueo].*)$",
         lambda m: None if m[1] == "r" else m[1] + "er" + m[2]),
    )),
    ("8", (  # terCP -> ter-CP where C != 'r' and P != 'er'
        ("8", r"^ter([bcdfghjklmnpqrstvwxyz])(.*)$",
         lambda m: None if m[1] == "r" or m[2].startswith("er") else m[1] + m[2]),
    )),
    ("9", (  # te-C1erC2 -> te-C1erC2 where C1 != 'r'
        ("9", r"^te([bcdfghjklmnpqrstvwxyz])er([bcdfghjklmnpqrstvwxyz])(.*)$",
         lambda m: None if m[1] == "r" else m[1] + "er" + m[2] + m[3]),
    )),
    ("10", (  # me{l|r|w|y}V -> me-{l|r|w|y}V
        ("10", r"^me([lrwy])([aiueo])(.*)$", lambda m: m[1] + m[2] + m[3]),
    )),
    ("11", (  # mem{b|f|v} -> mem-{b|f|v}
        ("11", r"^mem([bfv])(.*)$", lambda m: m[1] + m[2]),
    )),
    ("12", (  # mempe -> mem-pe
        ("12", r"^mempe(.*)$", lambda m: "pe" + m[1]),
    )),
    ("13", (  # mem{rV|V} -> me-m{rV|V} | me-p{rV|V}
        ("13a", r"^mem([aiueo])(.*)$", lambda m: "m" + m[1] + m[2]),
        ("13b", r"^mem([aiueo])(.*)$", lambda m: "p" + m[1] + m[2]),
    )),
    ("14", (  # men{c|d|j|s|t|z} -> men-{c|d|j|s|t|z}
        ("14", r"^men([cdjstz])(.*)$", lambda m: m[1] + m[2]),
    )),
    ("15", (  # men{V} -> me-n{V} | me-t{V}
        ("15a", r"^men([aiueo])(.*)$", lambda m: "n" + m[1] + m[2]),
        ("15b", r"^men([aiueo])(.*)$", lambda m: "t" + m[1] + m[2]),
    )),
    ("16", (  # meng{g|h|q|k} -> meng-{g|h|q|k}
        ("16", r"^meng([ghqk])(.*)$", lambda m: m[1] + m[2]),
    )),
    ("17", (  # mengV -> meng-V | meng-kV | (menge) meng-V- | me-ngV
        ("17a", r"^meng([aiueo])(.*)$", lambda m: m[1] + m[2]),
        ("17b", r"^meng([aiueo])(.*)$", lambda m: "k" + m[1] + m[2]),
        ("17c", r"^menge(.*)$", lambda m: m[1]),
        ("17d", r"^meng([aiueo])(.*)$", lambda m: "ng" + m[1] + m[2]),
    )),
    ("18", (  # menyV -> me-nyV | meny-sV
        ("18a", r"^meny([aiueo])(.*)$", lambda m: "ny" + m[1] + m[2]),
        ("18b", r"^meny([aiueo])(.*)$", lambda m: "s" + m[1] + m[2]),
    )),
    ("19", (  # mempA -> mem-pA where A != 'e'
        ("19", r"^memp([abcdfghijklmopqrstuvwxyz])(.*)$", lambda m: "p" + m[1] + m[2]),
    )),
    ("20", (  # pe{w|y}V -> pe-{w|y}V
        ("20", r"^pe([wy])([aiueo])(.*)$", lambda m: m[1] + m[2] + m[3]),
    )),
    ("21", (  # perV -> per-V | pe-rV
        ("21a", r"^per([aiueo])(.*)$", lambda m: m[1] + m[2]),
        ("21b", r"^pe(r[aiueo])(.*)$", lambda m: m[1] + m[2]),
    )),
    ("23", (  # perCAP -> per-CAP where C != 'r' AND P != 'er'
        ("23", r"^per([bcdfghjklmnpqrstvwxyz])([a-z])(.*)$",
         lambda m: None if m[3].startswith("er") else m[1] + m[2] + m[3]),
    )),
    ("24", (  # perCAerV -> per-CAerV where C != 'r'
        ("24", r"^per([bcdfghjklmnpqrstvwxyz])([a-z])er([aiueo])(.*)$",
         lambda m: None if m[1] == "r" else m[1] + m[2] + "er" + m[3] + m[4]),
    )),
    ("25", (  # pem{b|f|v} -> pem-{b|f|v}
        ("25", r"^pem([bfv])(.*)$", lambda m: m[1] + m[2]),
    )),
    ("26", (  # pem{rV|V} -> pe-m{rV|V} | pe-p{rV|V}
        ("26a", r"^pem([aiueo])(.*)$", lambda m: "m" + m[1] + m[2]),
        ("26b", r"^pem([aiueo])(.*)$", lambda m: "p" + m[1] + m[2]),
    )),
    ("27", (  # pen{c|d|j|s|t|z} -> pen-{c|d|j|s|t|z}
        ("27", r"^pen([cdjstz])(.*)$", lambda m: m[1] + m[2]),
    )),
    ("28", (  # pen{V} -> pe-n{V} | pe-t{V}
        ("28a", r"^pen([aiueo])(.*)$", lambda m: "n" + m[1] + m[2]),
        ("28b", r"^pen([aiueo])(.*)$", lambda m: "t" + m[1] + m[2]),
    )),
    ("29", (  # pengC -> peng-C
        ("29", r"^peng([bcdfghjklmnpqrstvwxyz])(.*)$", lambda m: m[1] + m[2]),
    )),
    ("30", (  # pengV -> peng-V | peng-kV | (penge) pengV-
        ("30a", r"^peng([aiueo])(.*)$", lambda m: m[1] + m[2]),
        ("30b", r"^peng([aiueo])(.*)$", lambda m: "k" + m[1] + m[2]),
        ("30c", r"^penge(.*)$", lambda m: m[1]),
    )),
    ("31", (  # penyV -> pe-nyV | peny-sV
        ("31a", r"^peny([aiueo])(.*)$", lambda m: "ny" + m[1] + m[2]),
        ("31b", r"^peny([aiueo])(.*)$", lambda m: "s" + m[1] + m[2]),
    )),
    ("32", (  # pelV -> pe-lV except pelajar -> ajar ('pelajar' also matches the regex)
        ("32", r"^pe(l[aiueo])(.*)$",
         lambda m: "ajar" if m.string == "pelajar" else m[1] + m[2]),
    )),
    ("34", (  # peCP -> pe-CP where P != 'er'
        ("34", r"^pe([bcdfghjklmnpqrstvwxyz])(.*)$",
         lambda m: None if m[2].startswith("er") else m[1] + m[2]),
    )),
    # CS additional rules
    ("35", (  # terC1erC2 -> ter-C1erC2 where C1 != 'r'
        ("35", r"^ter([bcdfghjkpqstvxz])(er[bcdfghjklmnpqrstvwxyz])(.*)$",
         lambda m: m[1] + m[2] + m[3]),
    )),
    ("36", (  # peC1erC2 -> pe-C1erC2 where C1 != {r|w|y|l|m|n}
        ("36", r"^pe([bcdfghjkpqstvxz])(er[bcdfghjklmnpqrstvwxyz])(.*)$",
         lambda m: m[1] + m[2] + m[3]),
    )),
    # CS infix rules
    ("37", (  # CerV -> CerV | CV
        ("37a", r"^([bcdfghjklmnpqrstvwxyz])(er[aiueo])(.*)$", lambda m: m[1] + m[2] + m[3]),
        ("37b", r"^([bcdfghjklmnpqrstvwxyz])er([aiueo])(.*)$", lambda m: m[1] + m[2] + m[3]),
    )),
    ("38", (  # CelV -> CelV | CV
        ("38a", r"^([bcdfghjklmnpqrstvwxyz])(el[aiueo])(.*)$", lambda m: m[1] + m[2] + m[3]),
        ("38b", r"^([bcdfghjklmnpqrstvwxyz])el([aiueo])(.*)$", lambda m: m[1] + m[2] + m[3]),
    )),
    ("39", (  # CemV -> CemV | CV
        ("39a", r"^([bcdfghjklmnpqrstvwxyz])(em[aiueo])(.*)$", lambda m: m[1] + m[2] + m[3]),
        ("39b", r"^([bcdfghjklmnpqrstvwxyz])em([aiueo])(.*)$", lambda m: m[1] + m[2] + m[3]),
    )),
    ("40", (  # CinV -> CinV | CV
        ("40a", r"^([bcdfghjklmnpqrstvwxyz])(in[aiueo])(.*)$", lambda m: m[1] + m[2] + m[3]),
        ("40b", r"^([bcdfghjklmnpqrstvwxyz])in([aiueo])(.*)$", lambda m: m[1] + m[2] + m[3]),
    )),
    # Sastrawi rules
    ("41", (  # kuA -> ku-A
        ("41", r"^ku(.*)$", lambda m: m[1]),
    )),
    ("42", (  # kauA -> kau-A
        ("42", r"^kau(.*)$", lambda m: m[1]),
    )),
)
# fmt: on

# A visitor at run time: tuple of (compiled regex .match, build) pairs.
_Visitor = tuple[tuple[Callable[[str], "re.Match[str] | None"], _Build], ...]

# The first two characters every rule regex starts with (a letter or a class).
_HEAD = re.compile(r"(?:\[[a-z]+\]|[a-z]){2}")


def _head(pattern: str) -> re.Pattern[str]:
    """Regex for the two characters a word must start with to match ``pattern``."""
    bare = pattern.lstrip("^").replace("(", "").replace(")", "")
    match = _HEAD.match(bare)
    if match is None:  # pragma: no cover - guards edits of the table
        raise ValueError(f"rule regex without two leading letters: {pattern!r}")
    return re.compile(match.group())


def _compile_visitors() -> tuple[tuple[_Visitor, ...], dict[str, tuple[_Visitor, ...]]]:
    """All visitors in order, and the visitors that can match per first two letters."""
    visitors: list[_Visitor] = []
    heads: list[list[re.Pattern[str]]] = []
    for _name, disambiguators in _RULES:
        visitors.append(tuple((re.compile(p).match, build) for _, p, build in disambiguators))
        heads.append([_head(p) for _, p, _ in disambiguators])
    dispatch = {}
    for a in ascii_lowercase:
        for b in ascii_lowercase:
            key = a + b
            dispatch[key] = tuple(
                v
                for v, hs in zip(visitors, heads, strict=True)
                if any(h.fullmatch(key) for h in hs)
            )
    return tuple(visitors), dispatch


#: Every prefix-disambiguator visitor, in Sastrawi's order.
_VISITORS, _DISPATCH = _compile_visitors()
_NO_VISITORS: tuple[_Visitor, ...] = ()

# Stemmer.is_plural / stem_plural_word
_PLURAL_CLITIC = re.compile(r"^(.*)-(ku|mu|nya|lah|kah|tah|pun)$")
_LAST_HYPHEN = re.compile(r"^(.*)-(.*)$")
_PLURAL_SUFFIXES = frozenset({"ku", "mu", "nya", "lah", "kah", "tah", "pun"})

# PrecedenceAdjustmentSpecification: the six regexes as one alternation
_PRECEDENCE = re.compile(r"^(?:be(.*)lah|be(.*)an|me(.*)i|di(.*)i|pe(.*)i|ter(.*)i)$")

_PARTICLES = ("lah", "kah", "tah", "pun")
_PLAIN_PREFIXES = frozenset({"di", "ke", "se"})


# --------------------------------------------------------------------------
# Algorithm steps (Context.py and the visitors), as functions of the word.
# ``d`` is the dictionary (a frozenset), ``stopped`` Context.process_is_stopped.
# A suffix removal is (subject, result, removed part).
# --------------------------------------------------------------------------

Removal = tuple[str, str, str]


def _remove_particle(word: str) -> str:
    """RemoveInflectionalParticle.remove: ``-*(lah|kah|tah|pun)$``."""
    if word.endswith(_PARTICLES):
        return word[:-3].rstrip("-")
    return word


def _remove_possessive(word: str) -> str:
    """RemoveInflectionalPossessivePronoun.remove: ``-*(ku|mu|nya)$``."""
    if word.endswith("nya"):
        return word[:-3].rstrip("-")
    if word.endswith(("ku", "mu")):
        return word[:-2].rstrip("-")
    return word


def _remove_derivational(word: str) -> str:
    """RemoveDerivationalSuffix.remove: ``(is|isme|isasi|i|kan|an)$``.

    ``re.sub`` removes the leftmost match, i.e. the longest of these suffixes.
    """
    if word.endswith("isasi"):
        return word[:-5]
    if word.endswith("isme"):
        return word[:-4]
    if word.endswith("kan"):
        return word[:-3]
    if word.endswith(("is", "an")):
        return word[:-2]
    if word.endswith("i"):
        return word[:-1]
    return word


def _remove_suffixes(word: str, d: frozenset[str], stopped: bool) -> tuple[str, list[Removal]]:
    """Context.remove_suffixes: particle, possessive, derivational suffix (steps 2, 3).

    Returns the word and the suffix removals made, in order.
    """
    removals: list[Removal] = []
    for remove in (_remove_particle, _remove_possessive, _remove_derivational):
        result = remove(word)
        if result != word:
            removals.append((word, result, word[len(result) :]))
            word = result
        if word in d or stopped:
            break
    return word, removals


def _disambiguate(visitor: _Visitor, word: str, d: frozenset[str]) -> str | None:
    """AbstractDisambiguatePrefixRule.visit: the last candidate, or the first in ``d``."""
    result = None
    for match, build in visitor:
        m = match(word)
        result = build(m) if m is not None else None
        if result is not None and result in d:
            break
    return result


def _accept_prefix_visitors(word: str, d: frozenset[str], stopped: bool) -> str | None:
    """Context.accept_prefix_visitors: the word after the first prefix removal, or None.

    Sastrawi stops at the first visitor that records a removal, and after the
    first visitor when the word is in the dictionary or the process is stopped.
    """
    # RemovePlainPrefix: ^(di|ke|se)
    if word[:2] in _PLAIN_PREFIXES:
        return word[2:]
    if stopped or word in d:
        return None
    for visitor in _DISPATCH.get(word[:2], _NO_VISITORS):
        result = _disambiguate(visitor, word, d)
        if result is not None:
            return result
    return None


def _remove_prefixes(word: str, d: frozenset[str], stopped: bool) -> str:
    """Context.remove_prefixes: up to three prefix removals (steps 4, 5)."""
    for _ in range(3):
        result = _accept_prefix_visitors(word, d, stopped)
        if result is None:
            # nothing removed: the remaining rounds would not remove anything either
            return word
        word = result
        if word in d:
            return word
    return word


def _loop_pengembalian_akhiran(
    original: str, removals: list[Removal], d: frozenset[str], stopped: bool
) -> str:
    """Context.loop_pengembalian_akhiran (ECS): put suffixes back one by one.

    ``restore_prefix`` makes the word the original again and drops the prefix
    removals, so only the suffix removals are visited, last first. Returns the
    stem found, or the original word.
    """
    for subject, result, removed in reversed(removals):
        if removed == "kan":
            word = _remove_prefixes(result + "k", d, stopped)
            if word in d:
                return word
            word = result + "kan"
        else:
            word = subject
        word = _remove_prefixes(word, d, stopped)
        if word in d:
            return word
    return original


def _stem_singular_word(word: str, d: frozenset[str]) -> str:
    """Stemmer.stem_singular_word = Context.execute/start_stemming_process (steps 1-6)."""
    if word in d:
        return word
    stopped = len(word) <= 3  # DontStemShortWord
    # Confix stripping: try prefixes before suffixes when the specification is met
    if _PRECEDENCE.match(word) is not None:
        stem = _remove_prefixes(word, d, stopped)
        if stem in d:
            return stem
        stem, _ = _remove_suffixes(stem, d, stopped)
        if stem in d:
            return stem
        # failed: restore the original word and removals, suffixes first
    stem, removals = _remove_suffixes(word, d, stopped)
    if stem in d:
        return stem
    stem = _remove_prefixes(stem, d, stopped)
    if stem in d:
        return stem
    return _loop_pengembalian_akhiran(word, removals, d, stopped)


def _is_plural(word: str) -> bool:
    """Stemmer.is_plural."""
    m = _PLURAL_CLITIC.match(word)
    if m is not None:
        return "-" in m[1]
    return "-" in word


def _stem_plural_word(plural: str, d: frozenset[str]) -> str:
    """Stemmer.stem_plural_word (Asian 2007, pp. 76-77)."""
    m = _LAST_HYPHEN.match(plural)
    if m is None:
        return plural
    first, second = m[1], m[2]
    # malaikat-malaikat-nya -> malaikat malaikat-nya
    m = _LAST_HYPHEN.match(first)
    if second in _PLURAL_SUFFIXES and m is not None:
        first, second = m[1], m[2] + "-" + second
    # berbalas-balasan -> balas
    root1 = _stem_singular_word(first, d)
    root2 = _stem_singular_word(second, d)
    # meniru-nirukan -> tiru
    if second not in d and root2 == second:
        root2 = _stem_singular_word("me" + second, d)
    return root1 if root1 == root2 else plural


def _sastrawi_words() -> list[str]:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().get_words()


class FastSastrawiStemmer:
    """PySastrawi 1.2.1's stemmer, re-implemented to run ~30x faster on new words.

    ``stem_word`` returns exactly what ``Sastrawi.Stemmer.Stemmer.Stemmer(
    ArrayDictionary(words)).stem_word`` returns for every string of
    ``[a-z0-9-]``. Holds no cache (wrap it in one). Picklable.

    Parameters
    ----------
    words : iterable of str, optional
        Root-word dictionary; default Sastrawi's own (``StemmerFactory().get_words()``).
        Empty and blank entries are ignored, as by Sastrawi's ``ArrayDictionary``.
    """

    __slots__ = ("words",)

    def __init__(self, words: Iterable[str] | None = None) -> None:
        if words is None:
            words = _sastrawi_words()
        self.words: frozenset[str] = frozenset(w for w in words if w and w.strip() != "")

    def stem_word(self, word: str) -> str:
        """Stem one lowercase word, as Sastrawi's ``Stemmer.stem_word``."""
        if _is_plural(word):
            return _stem_plural_word(word, self.words)
        return _stem_singular_word(word, self.words)

    def stem_singular_word(self, word: str) -> str:
        """Sastrawi's ``Stemmer.stem_singular_word``."""
        return _stem_singular_word(word, self.words)

    def is_plural(self, word: str) -> bool:
        """Sastrawi's ``Stemmer.is_plural``."""
        return _is_plural(word)

    def __getstate__(self) -> dict[str, frozenset[str]]:
        return {"words": self.words}

    def __setstate__(self, state: dict[str, frozenset[str]]) -> None:
        self.words = state["words"]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<{len(self.words)} words>)"
