"""FastSastrawiStemmer stems exactly as PySastrawi's ``Stemmer.stem_word``."""

from __future__ import annotations

import itertools
import pickle
import random
import re
from pathlib import Path

import pandas as pd
import pytest
from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from hoaxguard.text._fast_sastrawi import (
    _DISPATCH,
    _VISITORS,
    FastSastrawiStemmer,
    _disambiguate,
)

SEED = 20261126
TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: Corpus words compared per run (Sastrawi needs ~0.25 ms per new word).
CORPUS_SAMPLE = 40_000

# fmt: off
PREFIXES = [
    "", "di", "ke", "se", "ber", "be", "bel", "me", "mem", "men", "meng", "menge", "meny",
    "pe", "pem", "pen", "peng", "penge", "peny", "pel", "per", "ter", "te", "memper", "diper",
    "mempe", "memp", "keber", "diber", "dike", "seper", "ku", "kau", "kuper",
]
SUFFIXES = [
    "", "i", "kan", "an", "lah", "kah", "tah", "pun", "ku", "mu", "nya", "is", "isme", "isasi",
    "kannya", "annya", "inya", "kanlah", "kankah", "anlah", "nyalah", "nyapun", "kupun",
    "mulah", "ilah", "-nya", "-ku", "-mu", "-lah", "-pun", "kan-nya", "--lah", "k", "-",
]
INFIXES = ["er", "el", "em", "in"]
EDGE_CASES = [
    "", "-", "--", "a", "i", "an", "kan", "di", "ku", "nya", "lah", "-ku", "-nya", "a-", "-a",
    "a-b-", "1", "2024", "covid-19", "covid19", "g20", "mp3", "x-ku", "ab-ab-nya",
    "kata-kata", "berbalas-balasan", "meniru-nirukan", "anak-anaknya", "malaikat-malaikat-nya",
    "buku-ku", "nikmat-ku", "sayur-mayur", "lauk-pauk", "bolak-balik", "kebarat-baratan",
    "belajar", "pelajar", "pelajaran", "mempelajari", "mempengaruhi", "mentaati", "menyapu",
    "mengkritik", "memproteksi", "penstabilan", "ketahui", "diketahui", "pemerintah",
    "dipertanggungjawabkan", "kauambil", "kuambil", "tersenyum", "gemetar", "telunjuk",
    "gerigi", "sinambung", "wkwkwk", "hahaha", "mantul", "gaskeun", "otw", "btw",
]
# fmt: on


@pytest.fixture(scope="module")
def root_words() -> list[str]:
    return StemmerFactory().get_words()


@pytest.fixture(scope="module")
def sastrawi(root_words: list[str]) -> Stemmer:
    return Stemmer(ArrayDictionary(root_words))


@pytest.fixture(scope="module")
def fast(root_words: list[str]) -> FastSastrawiStemmer:
    return FastSastrawiStemmer(root_words)


def _mismatches(words, reference, candidate) -> list[tuple[str, str, str]]:
    out = []
    for word in words:
        expected, got = reference.stem_word(word), candidate.stem_word(word)
        if expected != got:
            out.append((word, expected, got))
    return out


def _built_words(roots: list[str], rng: random.Random) -> list[str]:
    """Affixed, infixed, misspelt and reduplicated forms of ``roots``."""
    words = set(EDGE_CASES)
    for root in roots:
        base = root
        roll = rng.random()
        if roll < 0.1 and len(root) > 1:
            base = root[0] + rng.choice(INFIXES) + root[1:]
        elif roll < 0.2:
            i = rng.randrange(len(root))
            base = root[:i] + rng.choice("aeiouknrs0-") + root[i + 1 :]
        prefix = rng.choice(PREFIXES) + (rng.choice(PREFIXES) if rng.random() < 0.2 else "")
        suffix = rng.choice(SUFFIXES) + (rng.choice(SUFFIXES) if rng.random() < 0.2 else "")
        words.add(prefix + base + suffix)
        words.add(root + rng.choice(SUFFIXES))
        if rng.random() < 0.15:  # plurals: kata-kata, berbalas-balasan, meniru-nirukan
            other = rng.choice(PREFIXES) + root + rng.choice(SUFFIXES)
            words.add(f"{prefix}{root}-{other}")
            words.add(f"{root}-{root}{rng.choice(['nya', '-nya', 'ku', '-lah', ''])}")
    return sorted(words)


def test_identical_on_built_words(root_words, sastrawi, fast):
    rng = random.Random(SEED)
    roots = [w for w in root_words if w]
    sample = rng.sample(roots, 6_000)
    words = _built_words(sample, rng)
    assert len(words) > 10_000
    assert _mismatches(words, sastrawi, fast) == []


def test_identical_on_short_strings(sastrawi, fast):
    # every string of up to 4 characters over a small alphabet (short-word path)
    words = ["".join(t) for n in range(5) for t in itertools.product("aeikmnrst-", repeat=n)]
    assert _mismatches(words, sastrawi, fast) == []


def test_identical_with_custom_dictionary():
    # a tiny, odd dictionary exercises the dictionary hits inside every rule
    rng = random.Random(SEED)
    alphabet = "aeikmnprstblgy-"
    entries = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(800)}
    entries |= {"", "  ", "ajar", "k", "kan", "tiru"}
    reference = Stemmer(ArrayDictionary(sorted(entries)))
    candidate = FastSastrawiStemmer(entries)
    roots = sorted(e for e in entries if e.strip())
    words = {
        rng.choice(PREFIXES) + rng.choice(PREFIXES) + rng.choice(roots) + rng.choice(SUFFIXES)
        for _ in range(4_000)
    }
    words |= {f"{rng.choice(PREFIXES)}{r}-{r}{rng.choice(SUFFIXES)}" for r in roots[:300]}
    assert _mismatches(sorted(words), reference, candidate) == []


def test_dispatch_table_matches_full_scan():
    # the first-two-letters dispatch must pick the same visitor as scanning all
    rng = random.Random(SEED)
    words = FastSastrawiStemmer().words
    tails = [
        "".join(rng.choice("aeioubklmnprstgy-0") for _ in range(rng.randint(0, 6)))
        for _ in range(60)
    ]
    for key in _DISPATCH:
        for tail in tails:
            word = key + tail
            full = next(
                (r for v in _VISITORS if (r := _disambiguate(v, word, words)) is not None), None
            )
            short = next(
                (r for v in _DISPATCH[key] if (r := _disambiguate(v, word, words)) is not None),
                None,
            )
            assert full == short, word


def test_default_dictionary_is_sastrawis(root_words):
    assert FastSastrawiStemmer().words == frozenset(w for w in root_words if w.strip())


def test_pickle_round_trip(fast):
    clone = pickle.loads(pickle.dumps(fast))
    assert clone.words == fast.words
    assert clone.stem_word("mempermainkan") == fast.stem_word("mempermainkan")


@pytest.mark.corpus
def test_identical_on_corpus_tokens(corpus_dir: Path, sastrawi, fast):
    words: set[str] = set()
    for name in ("ordinary_posts.csv", "labeled_claims.csv"):
        frame = pd.read_csv(corpus_dir / name, dtype=str, keep_default_na=False)
        for text in frame["text"]:
            words.update(TOKEN.findall(text.lower()))
    ordered = sorted(words)
    if len(ordered) > CORPUS_SAMPLE:
        ordered = sorted(random.Random(SEED).sample(ordered, CORPUS_SAMPLE))
    assert len(ordered) > 1_000
    assert _mismatches(ordered, sastrawi, fast) == []
