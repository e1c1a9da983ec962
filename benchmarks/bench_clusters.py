"""Benchmark narrative clustering on simulated copy-paste chains.

Posts are resampled from ``../shared/corpus`` (claims and ordinary posts; the
corpus is read, never copied) with a skewed popularity and light random edits
(dropped/duplicated words, typos, slang, shouting, "sebarkan!!"), and spread
over 30 days. Prints the time and posts/s of
:func:`hoaxguard.report.cluster_narratives` and, as a ratio, against a simple
baseline run in the same process (exact-duplicate grouping of lowercased text
with ``pandas.factorize``), plus how well the clusters recover the seeds.

Usage::

    python benchmarks/bench_clusters.py            # 1,000,000 posts
    python benchmarks/bench_clusters.py --n 100000 --seeds 5000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from hoaxguard._testing import shared_dir  # noqa: E402
from hoaxguard.datasets import normalize_source_placeholders  # noqa: E402
from hoaxguard.report import cluster_narratives  # noqa: E402

EXTRA = ["sebarkan", "viralkan", "penting", "info", "cek", "waspada", "bro", "gan", "yg", "tdk"]


def load_seeds(n_seeds: int, rng: np.random.Generator) -> list[str]:
    shared = shared_dir(REPO)
    if shared is None:
        sys.exit("needs ../shared/corpus beside the repository")
    corpus = shared / "corpus"
    frames = [
        pd.read_csv(corpus / name, usecols=["text"], dtype=str)
        for name in ("labeled_claims.csv", "ordinary_posts.csv", "sms_fraud.csv")
    ]
    texts = pd.concat(frames)["text"].dropna()
    # corpus placeholders (USER, URL) -> hoaxguard's tokens, as in real exports' @mentions/links
    texts = normalize_source_placeholders(texts)
    texts = texts[texts.str.split().str.len() >= 5]
    texts = texts.map(lambda t: t[:600])  # posts, not articles
    pick = rng.choice(len(texts), size=min(n_seeds, len(texts)), replace=False)
    return texts.iloc[np.sort(pick)].tolist()


def edit(text: str, rng: np.random.Generator) -> str:
    """Apply 1-3 light edits to a text (copy-paste chain mutation)."""
    words = text.split()
    for _ in range(int(rng.integers(1, 4))):
        if not words:
            break
        op = int(rng.integers(0, 6))
        i = int(rng.integers(0, len(words)))
        if op == 0 and len(words) > 3:
            del words[i]
        elif op == 1:
            words.insert(i, words[i])
        elif op == 2:
            w = words[i]
            if len(w) > 2:
                j = int(rng.integers(0, len(w)))
                words[i] = w[:j] + w[j + 1 :]
        elif op == 3:
            words.insert(i, EXTRA[int(rng.integers(0, len(EXTRA)))])
        elif op == 4:
            words[i] = words[i].upper()
        else:
            words.append("sebarkan!!")
    return " ".join(words)


def simulate(n: int, seeds: list[str], rng: np.random.Generator) -> pd.DataFrame:
    # Zipf-like popularity: a few narratives are very large, most are small
    weights = 1.0 / np.arange(1, len(seeds) + 1) ** 0.9
    seed_of = rng.choice(len(seeds), size=n, p=weights / weights.sum())
    mutate = rng.random(n) < 0.6
    texts = [edit(seeds[s], rng) if m else seeds[s] for s, m in zip(seed_of, mutate, strict=True)]
    start = np.datetime64("2024-06-01T00:00:00")
    offsets = rng.integers(0, 30 * 24 * 3600, size=n).astype("timedelta64[s]")
    return pd.DataFrame({"text": texts, "created_at": start + offsets, "seed": seed_of})


def baseline(df: pd.DataFrame) -> np.ndarray:
    """Exact duplicates after lowercasing (what a spreadsheet 'remove duplicates' finds)."""
    return pd.factorize(df["text"].str.lower())[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="posts (default 1,000,000)")
    parser.add_argument("--seeds", type=int, default=20_000, help="distinct narratives")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--normalizer",
        choices=["simple", "text"],
        default="simple",
        help="text normaliser of cluster_narratives (default: simple)",
    )
    args = parser.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    t0 = time.perf_counter()
    seeds = load_seeds(args.seeds, rng)
    df = simulate(args.n, seeds, rng)
    print(
        f"simulated {len(df):,} posts from {df['seed'].nunique():,} narratives, "
        f"{df['text'].nunique():,} distinct texts in {time.perf_counter() - t0:.1f}s"
    )

    t0 = time.perf_counter()
    base = baseline(df)
    t_base = time.perf_counter() - t0
    print(
        f"baseline (exact duplicates of lowercased text, pandas.factorize): {t_base:.2f}s, "
        f"{len(df) / t_base:,.0f} posts/s, {base.max() + 1:,} groups"
    )

    t0, c0 = time.perf_counter(), time.process_time()
    assign, clusters = cluster_narratives(df, time_col="created_at", normalizer=args.normalizer)
    t_clu, c_clu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"cluster_narratives (normalizer={args.normalizer!r}): {t_clu:.2f}s wall "
        f"({c_clu:.1f}s CPU), {len(df) / t_clu:,.0f} posts/s, {len(clusters):,} clusters "
        f"({(clusters['size'] >= 2).sum():,} with >= 2 posts, largest {clusters['size'].max():,})"
    )
    print(f"ratio cluster_narratives / baseline time: {t_clu / t_base:.1f}x")

    from sklearn.metrics import adjusted_rand_score, homogeneity_completeness_v_measure

    pred = pd.factorize(assign)[0]
    h, c, v = homogeneity_completeness_v_measure(df["seed"], pred)
    hb, cb, vb = homogeneity_completeness_v_measure(df["seed"], base)
    print(
        f"recovery of the simulated narratives: homogeneity {h:.3f}, completeness {c:.3f}, "
        f"V {v:.3f}, ARI {adjusted_rand_score(df['seed'], pred):.3f} "
        f"(baseline: completeness {cb:.3f}, V {vb:.3f})"
    )
    # context for homogeneity < 1: the seed texts themselves (unedited) already share
    # narratives (the same hoax re-checked in different years, theme posts)
    _, seed_clusters = cluster_narratives(pd.DataFrame({"text": seeds}), normalizer=args.normalizer)
    merged = int(seed_clusters.loc[seed_clusters["size"] >= 2, "size"].sum())
    print(
        f"unedited seeds alone: {len(seeds):,} texts -> {len(seed_clusters):,} clusters "
        f"({merged:,} seeds share a cluster with another seed)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
