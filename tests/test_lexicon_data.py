"""Format and content checks for the bundled language data in ``hoaxguard/_data``."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pandas as pd
import pytest

DATA = files("hoaxguard") / "_data"

TOKEN = re.compile(r"[a-z0-9]+")
WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PHRASE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?: [a-z0-9]+(?:-[a-z0-9]+)*)*")
ALPHA = re.compile(r"[a-z]+")

NEGATIONS = {
    "tidak", "bukan", "belum", "jangan", "tak", "tiada", "tanpa",
    "gak", "nggak", "enggak", "ga", "ngga", "kagak", "ogah",
}  # fmt: skip
HOAX_SIGNALS = {
    "awas", "segera", "sebarkan", "viral", "hoaks", "waspada",
    "bahaya", "darurat", "resmi", "gratis", "hadiah",
}  # fmt: skip


def _lines(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


def _entries(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Non-comment, non-blank lines with their 1-based line numbers."""
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.startswith("#"):
            yield number, line


def _read_tsv(name: str, header: str) -> list[tuple[str, str]]:
    lines = _lines(name)
    assert lines[0] == header, f"{name}: first line must be {header!r}"
    rows = []
    for number, line in _entries(lines[1:]):
        parts = line.split("\t")
        assert len(parts) == 2, f"{name}:{number + 1}: expected exactly one tab: {line!r}"
        assert parts[0] == parts[0].strip() and parts[1] == parts[1].strip(), line
        rows.append((parts[0], parts[1]))
    return rows


def _no_duplicates(keys: list[str], name: str) -> None:
    dups = sorted(k for k, n in Counter(keys).items() if n > 1)
    assert not dups, f"{name}: duplicate keys {dups[:10]}"


def _raw_bytes_ok(name: str) -> None:
    raw = (DATA / name).read_bytes()
    assert b"\r" not in raw, f"{name}: use LF line ends"
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{name}: no BOM"
    raw.decode("utf-8")


# --------------------------------------------------------------------------- slang


@pytest.fixture(scope="module")
def slang() -> dict[str, str]:
    rows = _read_tsv("slang.tsv", "slang\tformal")
    _no_duplicates([k for k, _ in rows], "slang.tsv")
    return dict(rows)


def test_slang_file_format() -> None:
    _raw_bytes_ok("slang.tsv")
    rows = _read_tsv("slang.tsv", "slang\tformal")
    keys = [k for k, _ in rows]
    _no_duplicates(keys, "slang.tsv")
    assert keys == sorted(keys), "slang.tsv must be sorted by slang"
    for key, formal in rows:
        assert TOKEN.fullmatch(key), f"bad slang token {key!r}"
        assert PHRASE.fullmatch(formal), f"bad formal form {formal!r} for {key!r}"
        assert key != formal, f"identity entry {key!r}"


def test_slang_size(slang: dict[str, str]) -> None:
    assert len(slang) >= 1000


def test_slang_is_idempotent(slang: dict[str, str]) -> None:
    """Normalising twice gives the same result: no formal word is itself a slang key."""
    chained = {key: formal for key, formal in slang.items() if set(formal.split()) & slang.keys()}
    assert not chained, chained


def test_slang_negations_map_to_tidak(slang: dict[str, str]) -> None:
    for key in ["gak", "ga", "gk", "nggak", "enggak", "ngga", "tak", "tdk", "kagak", "ndak"]:
        assert slang[key] == "tidak", key
    for key in ["gaada", "gada"]:
        assert slang[key] == "tidak ada", key
    assert slang["blm"] == "belum"
    assert slang["bkn"] == "bukan"
    assert slang["jgn"] == "jangan"
    # a negative slang form never loses its negation
    negative_keys = [k for k in slang if k.startswith(("gak", "nggak", "gapa", "gabisa", "gatau"))]
    for key in negative_keys:
        assert slang[key].split()[0] == "tidak", key


def test_slang_common_entries(slang: dict[str, str]) -> None:
    expected = {
        "yg": "yang", "dgn": "dengan", "utk": "untuk", "sdh": "sudah", "udah": "sudah",
        "krn": "karena", "jd": "jadi", "aja": "saja", "doang": "saja", "gimana": "bagaimana",
        "ngasih": "memberi", "ngomong": "bicara", "capek": "lelah", "tau": "tahu",
        "hoax": "hoaks", "rb": "ribu", "jt": "juta", "gw": "saya", "gue": "saya",
        "lo": "kamu", "lu": "kamu", "org": "orang", "tmn": "teman", "dll": "dan lain-lain",
        "pemkab": "pemerintah kabupaten", "pemda": "pemerintah daerah",
    }  # fmt: skip
    for key, formal in expected.items():
        assert slang.get(key) == formal, key


def test_slang_leaves_standard_words_alone(slang: dict[str, str]) -> None:
    for word in ["dan", "bisa", "kali", "aku", "saat", "item", "besuk", "tahu", "tidak", "m", "n"]:
        assert word not in slang, word


# --------------------------------------------------------------------------- stopwords


@pytest.fixture(scope="module")
def stopwords() -> list[str]:
    return [line for _, line in _entries(_lines("stopwords.txt"))]


def test_stopwords_format(stopwords: list[str]) -> None:
    _raw_bytes_ok("stopwords.txt")
    _no_duplicates(stopwords, "stopwords.txt")
    for word in stopwords:
        assert WORD.fullmatch(word) and not any(c.isdigit() for c in word), repr(word)
    assert 250 <= len(stopwords) <= 400
    for word in ["yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada"]:
        assert word in stopwords, word


def test_stopwords_keep_negations_and_hoax_signals(stopwords: list[str]) -> None:
    assert not NEGATIONS & set(stopwords)
    assert not HOAX_SIGNALS & set(stopwords)


# --------------------------------------------------------------------------- emoji


def test_emoji_format() -> None:
    _raw_bytes_ok("emoji.tsv")
    rows = _read_tsv("emoji.tsv", "emoji\tkata")
    _no_duplicates([e for e, _ in rows], "emoji.tsv")
    assert len(rows) >= 100
    for emoji, word in rows:
        assert "\ufe0f" not in emoji, f"strip U+FE0F from {emoji!r}"
        assert not any(0x1F3FB <= ord(c) <= 0x1F3FF for c in emoji), f"skin tone in {emoji!r}"
        assert all(unicodedata.category(c) == "So" or ord(c) > 0x2000 for c in emoji), emoji
        assert PHRASE.fullmatch(word) and len(word.split()) <= 3, (emoji, word)
    mapping = dict(rows)
    assert mapping["😂"] == "tertawa"
    assert mapping["🙏"] == "mohon"
    assert mapping["⚠"] == "peringatan"
    assert mapping["❤"] == "cinta"


# --------------------------------------------------------------------------- stemming exceptions


@pytest.fixture(scope="module")
def stem_exceptions() -> dict[str, str]:
    rows = _read_tsv("stem_exceptions.tsv", "word\tstem")
    _no_duplicates([w for w, _ in rows], "stem_exceptions.tsv")
    return dict(rows)


def test_stem_exceptions_format(stem_exceptions: dict[str, str]) -> None:
    _raw_bytes_ok("stem_exceptions.tsv")
    assert 50 <= len(stem_exceptions) <= 200
    for word, stem in stem_exceptions.items():
        assert ALPHA.fullmatch(word) and ALPHA.fullmatch(stem), (word, stem)
    assert stem_exceptions["pemerintah"] == "pemerintah"
    assert stem_exceptions["berikan"] == "beri"
    assert stem_exceptions["bekasi"] == "bekasi"
    assert stem_exceptions["perbankan"] == "bank"
    # Sastrawi turns these into negations (belum, tidak); the exceptions must not
    for word in ["sebelum", "sebelumnya", "setidaknya"]:
        assert stem_exceptions[word] not in NEGATIONS, word


def test_stem_exceptions_differ_from_sastrawi(stem_exceptions: dict[str, str]) -> None:
    factory = pytest.importorskip("Sastrawi.Stemmer.StemmerFactory")
    stemmer = factory.StemmerFactory().create_stemmer()
    useless = [w for w, stem in stem_exceptions.items() if stemmer.stem(w) == stem]
    assert not useless, f"Sastrawi already gives these stems: {useless}"


# --------------------------------------------------------------------------- example export

COLUMNS = ["post_id", "platform", "account", "created_at", "text", "likes", "shares", "url"]
PLATFORMS = {"facebook", "x", "instagram", "tiktok", "whatsapp", "youtube"}


@pytest.fixture(scope="module")
def posts() -> pd.DataFrame:
    with (DATA / "examples" / "posts.csv").open("rb") as handle:
        return pd.read_csv(handle, encoding="utf-8")


def test_example_posts_load(posts: pd.DataFrame) -> None:
    assert list(posts.columns) == COLUMNS
    assert len(posts) >= 200
    assert posts["post_id"].is_unique
    assert set(posts["platform"]) <= PLATFORMS
    assert (posts["likes"] >= 0).all() and (posts["shares"] >= 0).all()
    assert pd.api.types.is_integer_dtype(posts["likes"])
    assert pd.api.types.is_integer_dtype(posts["shares"])
    created = pd.to_datetime(posts["created_at"], format="ISO8601", utc=True)
    assert created.min() >= pd.Timestamp("2025-09-30T17:00Z")
    assert created.max() <= pd.Timestamp("2025-11-20T17:00Z")
    web = posts[posts["platform"] != "whatsapp"]
    assert web["url"].str.match(r"https://").all()


def test_example_posts_edge_cases(posts: pd.DataFrame) -> None:
    text = posts["text"]
    assert text.isna().any(), "an empty text row"
    assert text.str.contains("\n", na=False).any(), "a text with an embedded newline"
    assert text.str.contains('"', na=False).any(), "a text with quotes"
    assert (text.str.len() > 1000).any(), "a very long text"
    assert text.str.fullmatch(r"https?://\S+", na=False).any(), "a URL-only text"


def test_example_posts_is_rfc4180() -> None:
    raw = (DATA / "examples" / "posts.csv").read_bytes()
    assert raw.startswith(b"post_id,") and raw.endswith(b"\r\n")
    rows = list(csv.reader(raw.decode("utf-8").splitlines(keepends=True)))
    assert rows[0] == COLUMNS
    assert {len(row) for row in rows} == {len(COLUMNS)}


# --------------------------------------------------------------------------- against the shared corpus


def _corpus_tokens_and_texts(corpus_dir: Path) -> tuple[set[str], set[str]]:
    tokens: set[str] = set()
    texts: set[str] = set()
    for path in sorted(corpus_dir.glob("*.csv")):
        if "text" not in pd.read_csv(path, nrows=0).columns:
            continue  # factchecks.csv has its own schema
        frame = pd.read_csv(path, usecols=["text"])
        for value in frame["text"].dropna():
            lowered = " ".join(str(value).lower().split())
            texts.add(lowered)
            tokens.update(TOKEN.findall(lowered))
    return tokens, texts


@pytest.fixture(scope="module")
def corpus_index(corpus_dir: Path) -> tuple[set[str], set[str]]:
    return _corpus_tokens_and_texts(corpus_dir)


@pytest.mark.corpus
def test_stem_exception_keys_are_real_words(
    stem_exceptions: dict[str, str], corpus_index: tuple[set[str], set[str]]
) -> None:
    tokens, _ = corpus_index
    unknown = [w for w in stem_exceptions if w not in tokens]
    assert not unknown, f"not found in the shared corpus: {unknown}"


@pytest.mark.corpus
def test_example_posts_not_copied_from_corpus(
    posts: pd.DataFrame, corpus_index: tuple[set[str], set[str]]
) -> None:
    _, texts = corpus_index
    ours = [" ".join(t.lower().split()) for t in posts["text"].dropna() if len(t) >= 30]
    copied = [t for t in ours if t in texts]
    assert not copied, copied[:3]
