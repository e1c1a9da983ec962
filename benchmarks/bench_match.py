"""Claim-matching speed: queries per second against 1k and 10k templates.

The bundled templates are perturbed (words dropped, swapped and borrowed from
other templates) into synthetic libraries of the requested sizes. Queries are
ordinary posts from ``../shared/corpus`` when present, mixed with perturbed
aliases; otherwise only perturbed aliases. The speed of hoaxguard's matcher is
reported as a ratio against a plain TF-IDF cosine baseline (scikit-learn
``TfidfVectorizer`` on raw text, one document per template) run in the same
process, so figures compare across machines; a second baseline runs the same
TF-IDF cosine through the Indonesian pipeline (one document per template, words
only), which isolates the cost of the matcher itself from the pipeline's.

Usage::

    python benchmarks/bench_match.py [--sizes 1000 10000] [--queries 2000] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from hoaxguard._testing import shared_dir
from hoaxguard.counter import CounterNarrativeLibrary, Template
from hoaxguard.evaluate import baseline_matcher


def perturb(text: str, rng: random.Random, vocab: list[str]) -> str:
    words = text.split()
    if len(words) > 3:
        words.pop(rng.randrange(len(words)))
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    words.insert(rng.randrange(len(words) + 1), rng.choice(vocab))
    return " ".join(words)


def synthetic_library(base: list[Template], size: int, seed: int = 0) -> list[Template]:
    rng = random.Random(seed)
    vocab = sorted({w for t in base for w in (t.claim + " " + t.title).split() if w.isalpha()})
    out = []
    for i in range(size):
        t = base[i % len(base)]
        if i < len(base):
            out.append(t)
            continue
        out.append(
            t.replace(
                id=f"{t.id}-syn{i}",
                claim=perturb(t.claim, rng, vocab),
                title=perturb(t.title, rng, vocab),
                aliases=tuple(perturb(a, rng, vocab) for a in t.aliases),
            )
        )
    return out


def queries(base: list[Template], n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    vocab = sorted({w for t in base for w in t.claim.split() if w.isalpha()})
    aliases = [a for t in base for a in t.aliases]
    texts = [perturb(rng.choice(aliases), rng, vocab) for _ in range(n // 2)]
    shared = shared_dir()
    if shared is not None:
        posts = pd.read_csv(
            shared / "corpus" / "ordinary_posts.csv", dtype=str, keep_default_na=False
        )["text"]
        texts += posts.sample(n=n - len(texts), random_state=seed).tolist()
    else:
        texts += [perturb(rng.choice(aliases), rng, vocab) for _ in range(n - len(texts))]
    rng.shuffle(texts)
    return texts


class PlainTfidf:
    """Baseline: TF-IDF cosine on raw text, one document per template."""

    def fit(self, templates: list[Template]) -> PlainTfidf:
        docs = [" ".join([t.claim, t.title, *t.aliases]) for t in templates]
        self.vectorizer_ = TfidfVectorizer(sublinear_tf=True)
        self.matrix_ = self.vectorizer_.fit_transform(docs).T.tocsr()
        return self

    def top(self, texts: list[str], k: int = 3, chunk: int = 512) -> np.ndarray:
        out = []
        for start in range(0, len(texts), chunk):
            scores = (
                self.vectorizer_.transform(texts[start : start + chunk]) @ self.matrix_
            ).toarray()
            out.append(np.argsort(-scores, axis=1)[:, :k])
        return np.vstack(out)


def timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    base = list(CounterNarrativeLibrary.load())
    warm = queries(base, min(500, args.queries), seed=2)
    texts = queries(base, args.queries, seed=1)
    rows = []
    for size in args.sizes:
        templates = synthetic_library(base, size)
        library = CounterNarrativeLibrary(templates)
        fit_s, _ = timed(lambda lib: lib.matcher, library)
        library.match(warm, k=args.k)  # warm the token cache on other texts
        match_s, frame = timed(library.match, texts, args.k)
        baseline = PlainTfidf()
        base_fit_s, _ = timed(baseline.fit, templates)
        baseline.top(warm, args.k)
        base_s, _ = timed(baseline.top, texts, args.k)
        plain_pipeline = CounterNarrativeLibrary(
            [t.replace(explanation=" ".join([t.claim, t.title, *t.aliases])) for t in templates],
            matcher=baseline_matcher(),
        )
        plain_pipeline.match(warm, k=args.k)
        pipe_s, _ = timed(plain_pipeline.match, texts, args.k)
        rows.append(
            {
                "templates": size,
                "rows": int(len(library.matcher.row_groups_)),
                "queries": len(texts),
                "fit_s": round(fit_s, 2),
                "queries_per_s": round(len(texts) / match_s, 1),
                "baseline_fit_s": round(base_fit_s, 2),
                "baseline_queries_per_s": round(len(texts) / base_s, 1),
                "speed_ratio_vs_baseline": round(base_s / match_s, 3),
                "pipeline_baseline_queries_per_s": round(len(texts) / pipe_s, 1),
                "speed_ratio_vs_pipeline_baseline": round(pipe_s / match_s, 3),
                "matched_share": round(float(frame["is_match"].mean()), 3),
            }
        )
    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        print()
    else:
        print(pd.DataFrame(rows).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
