"""Prediction throughput on short posts: HoaxDetector vs plain TF-IDF + LogisticRegression.

Usage: ``python benchmarks/bench_predict.py [--corpus ../shared/corpus] [--n 20000]
[--compare OTHER.skops]``

``--compare`` scores the same texts with another model file in the same process (e.g. the
previous bundled model, ``git show HEAD~1:src/hoaxguard/_data/models/default.skops``), so
the cost of a recipe change is a ratio measured on one machine in one run.

The detector (bundled default model; trained from the recipe when absent)
scores ordinary posts with ``score`` (probability, decision and top terms in
one pass) and ``predict_proba``; the baseline, fitted in this process on the
same training rows, runs ``predict_proba``. Texts are distinct posts the
preprocessing cache has not seen (a cold cache is the realistic case for new
data); a second, warm pass is shown too.
"""

from __future__ import annotations

import argparse
import sys
import time

from hoaxguard._testing import shared_dir
from hoaxguard.datasets import load_corpus
from hoaxguard.detect.train_default import fit_recipe, recipe_rows
from hoaxguard.evaluate import baseline_model
from hoaxguard.persist import ModelLoadError, load_model


def main() -> int:
    shared = shared_dir()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(shared / "corpus") if shared else None)
    parser.add_argument("--n", type=int, default=20000, help="number of posts to score")
    parser.add_argument("--compare", default=None, metavar="MODEL",
                        help="another model file scored on the same texts")
    args = parser.parse_args()
    if not args.corpus:
        print("needs ../shared/corpus (or --corpus)", file=sys.stderr)
        return 2
    df = load_corpus(args.corpus)
    train = recipe_rows(df)
    posts = df[df["kind"] == "post"]["text"]
    posts = posts[posts.str.len() <= 280].sample(n=min(args.n, len(posts)), random_state=0)
    texts = posts.tolist()
    print(f"scoring {len(texts)} short posts (median {posts.str.len().median():.0f} chars)")

    t0 = time.perf_counter()
    try:
        model = load_model()
        source = "bundled default model"
    except ModelLoadError:
        model = fit_recipe(df)
        source = "recipe model trained now"
    print(f"detector: {source} (load/train {time.perf_counter() - t0:.2f} s)")
    base = baseline_model().fit(train["text"].tolist(), train["y"].to_numpy())

    def rate(fn, label):  # noqa: ANN001, ANN202
        t = time.perf_counter()
        fn(texts)
        dt = time.perf_counter() - t
        print(f"{label:45s} {len(texts) / dt:10.0f} texts/s  ({dt:.2f} s)")
        return len(texts) / dt

    r_base = rate(base.predict_proba, "baseline predict_proba")
    r_score = rate(model.score, "HoaxDetector.score (cold cache)")
    r_score_w = rate(model.score, "HoaxDetector.score (warm cache)")
    r_proba = rate(model.predict_proba, "HoaxDetector.predict_proba (warm cache)")
    print(
        f"throughput ratio detector/baseline: score cold {r_score / r_base:.3f}, "
        f"score warm {r_score_w / r_base:.3f}, predict_proba warm {r_proba / r_base:.3f}"
    )
    if args.compare:
        other = load_model(args.compare)
        rate(other.score, f"{args.compare} score (its own caches cold)")
        r_other = rate(other.score, f"{args.compare} score (warm cache)")
        r_score_w = rate(model.score, "HoaxDetector.score again (warm cache)")
        print(f"throughput ratio bundled/compared (score, warm): {r_score_w / r_other:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
