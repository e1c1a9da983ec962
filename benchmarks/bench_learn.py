"""Time of ``hoaxguard learn`` on 10,000 decisions vs a plain TF-IDF + LogisticRegression.

Usage: ``python benchmarks/bench_learn.py [--rows 10000]``

The decisions are corpus rows (ordinary posts as valid, hoax claims as hoax, 7:3)
written to a temporary CSV with a ``label`` column; ``hoaxguard learn`` runs
in a subprocess (read, base model load, base log-odds, local features, C chosen
by 5-fold CV over 4 values, out-of-fold threshold, skops save, templates). The
baseline is a single TfidfVectorizer + LogisticRegression fit on the same texts
in this process.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from _common import read_corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    posts = read_corpus("ordinary_posts.csv")
    hoax = read_corpus("labeled_claims.csv")
    hoax = hoax[hoax["label"] == "hoax"]
    n_h = int(args.rows * 0.3)
    rows = pd.concat([
        posts.sample(n=args.rows - n_h, random_state=0).assign(label="valid"),
        hoax.sample(n=n_h, random_state=0, replace=n_h > len(hoax)).assign(label="hoaks"),
    ])[["text", "label"]]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "decisions.csv"
        rows.to_csv(path, index=False)
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "hoaxguard", "learn", str(path), "-o",
                               str(Path(tmp) / "local.skops")], capture_output=True, text=True)
        learn_s = time.perf_counter() - t0
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return 1
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    t0 = time.perf_counter()
    x = TfidfVectorizer().fit_transform(rows["text"])
    LogisticRegression(max_iter=1000).fit(x, rows["label"])
    plain_s = time.perf_counter() - t0
    print(done.stderr.strip())
    print(f"hoaxguard learn on {len(rows)} decisions: {learn_s:.1f} s wall (plain TF-IDF + LR fit "
          f"on the same texts: {plain_s:.1f} s; ratio {learn_s / plain_s:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
