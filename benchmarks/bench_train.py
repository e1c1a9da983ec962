"""Training time of the default-recipe HoaxDetector vs a plain TF-IDF + LogisticRegression.

Usage: ``python benchmarks/bench_train.py [--corpus ../shared/corpus]``

Both models are trained in this process on the same rows (the recipe's
selection of the full corpus). The detector's time includes text
preprocessing (a cold stemming cache on the first run), 3-fold out-of-fold
calibration and threshold selection; the baseline is a single fit.
"""

from __future__ import annotations

import argparse
import sys
import time

from hoaxguard._testing import shared_dir
from hoaxguard.detect.train_default import (
    recipe_corpus,
    recipe_groups,
    recipe_model,
    recipe_rows,
    recipe_weights,
)
from hoaxguard.evaluate import baseline_model


def main() -> int:
    shared = shared_dir()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(shared / "corpus") if shared else None)
    args = parser.parse_args()
    if not args.corpus:
        print("needs ../shared/corpus (or --corpus)", file=sys.stderr)
        return 2
    df = recipe_rows(recipe_corpus(args.corpus))
    texts, y = df["text"].tolist(), df["y"].to_numpy()
    kw = {"sample_weight": recipe_weights(df), "groups": recipe_groups(df)}
    print(f"rows: {len(df)} ({int(y.sum())} hoax)")

    t0 = time.perf_counter()
    baseline_model().fit(texts, y)
    t_base = time.perf_counter() - t0
    print(f"baseline TF-IDF + LogisticRegression fit: {t_base:.1f} s")

    t0 = time.perf_counter()
    recipe_model().fit(texts, y, **kw)
    t_det = time.perf_counter() - t0
    print(f"HoaxDetector (default recipe) fit, cold caches: {t_det:.1f} s")

    t0 = time.perf_counter()
    recipe_model().fit(texts, y, **kw)
    t_warm = time.perf_counter() - t0
    print(f"HoaxDetector (default recipe) fit, warm preprocessing caches: {t_warm:.1f} s")
    print(f"ratio detector/baseline: cold {t_det / t_base:.1f}x, warm {t_warm / t_base:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
