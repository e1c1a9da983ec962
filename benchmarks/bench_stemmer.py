"""Cold stemming speed: PySastrawi's ``Stemmer.stem_word`` vs FastSastrawiStemmer.

Every distinct lowercase token (``[a-z0-9]+(?:-[a-z0-9]+)*``) of the text
columns of ../shared/corpus/*.csv is stemmed once by each stemmer, so every
call is a cold one (neither stemmer caches). Both use Sastrawi's dictionary.
The words are processed in alternating chunks (Sastrawi, then ours, chunk by
chunk) so that load from other processes on the machine hits both alike;
wall-clock and CPU times are summed per stemmer. Also counts the words whose
stems differ (must be 0).

Usage: python benchmarks/bench_stemmer.py [--limit N] [--seed 0] [--chunk 2000]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import time

from _common import corpus_dir, report

TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
TEXT_COLUMNS = ("text", "title", "claim", "explanation")


def corpus_words() -> list[str]:
    """Distinct lowercase tokens of the corpus text columns, sorted."""
    csv.field_size_limit(1 << 30)
    words: set[str] = set()
    for path in sorted(corpus_dir().glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for column in TEXT_COLUMNS:
                    words.update(TOKEN.findall((row.get(column) or "").lower()))
    return sorted(words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="sample this many words (0 = all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--chunk", type=int, default=2000, help="words per alternating chunk")
    args = parser.parse_args(argv)

    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    from hoaxguard.text._fast_sastrawi import FastSastrawiStemmer

    words = corpus_words()
    if args.limit and args.limit < len(words):
        words = sorted(random.Random(args.seed).sample(words, args.limit))
    random.Random(args.seed).shuffle(words)

    root_words = StemmerFactory().get_words()
    sastrawi = Stemmer(ArrayDictionary(root_words))
    fast = FastSastrawiStemmer(root_words)

    def run(stem, chunk: list[str]) -> tuple[list[str], float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        out = [stem(w) for w in chunk]
        return out, time.perf_counter() - wall, time.process_time() - cpu

    wall = {"sastrawi": 0.0, "fast": 0.0}
    cpu = {"sastrawi": 0.0, "fast": 0.0}
    mismatches: list[tuple[str, str, str]] = []
    for start in range(0, len(words), args.chunk):
        chunk = words[start : start + args.chunk]
        expected, w_s, c_s = run(sastrawi.stem_word, chunk)
        got, w_f, c_f = run(fast.stem_word, chunk)
        wall["sastrawi"] += w_s
        wall["fast"] += w_f
        cpu["sastrawi"] += c_s
        cpu["fast"] += c_f
        mismatches += [(w, e, g) for w, e, g in zip(chunk, expected, got, strict=True) if e != g]

    n = len(words)
    report(
        [
            ("distinct words", n),
            (
                "Sastrawi stem_word (wall)",
                f"{wall['sastrawi']:.2f} s, {n / wall['sastrawi']:,.0f} words/s",
            ),
            (
                "FastSastrawiStemmer (wall)",
                f"{wall['fast']:.2f} s, {n / wall['fast']:,.0f} words/s",
            ),
            ("speed-up (wall)", f"{wall['sastrawi'] / wall['fast']:.1f}x"),
            (
                "Sastrawi stem_word (CPU)",
                f"{cpu['sastrawi']:.2f} s, {n / cpu['sastrawi']:,.0f} words/s",
            ),
            ("FastSastrawiStemmer (CPU)", f"{cpu['fast']:.2f} s, {n / cpu['fast']:,.0f} words/s"),
            ("speed-up (CPU)", f"{cpu['sastrawi'] / cpu['fast']:.1f}x"),
            ("mismatches", len(mismatches)),
        ]
    )
    for word, expected, got in mismatches[:20]:
        print(f"  {word!r}: Sastrawi {expected!r}, fast {got!r}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    raise SystemExit(main())
