"""Measured gain of ``learn``: ``python -m hoaxguard.review.simulate ../shared/corpus``.

For each ordinary-text source S (a corpus ``dataset``):

1. a base detector is trained with the default recipe (``--recipe``, default
   :mod:`hoaxguard.detect.train_default`: its ``recipe_model()`` and
   ``recipe_rows()``) on the corpus **without S** and without a held-out quarter
   of the hoax rows (chosen by a stable hash of the id, the same for every S);
2. per seed, 300 rows of S and 100 held-out hoaxes are the admin's decisions;
   ``LocalAdaptedDetector`` is fitted on them;
3. false flags (FPR at the threshold) are measured on the rest of S and recall
   at the threshold on the rest of the held-out hoaxes (both capped at
   ``--max-eval`` rows, sampled with the seed).

Printed per source and seed, on the same rows: the base model at its own
threshold, the base model with only its threshold re-set on the 300 local
negatives (``threshold-only``), the adapted model, and a plain TF-IDF +
LogisticRegression trained on the 400 decisions alone (threshold at the same
target FPR on its out-of-fold scores). Targets: adapted FPR <= base/2 or < 3%,
recall drop <= 5 points.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import sys
import time
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["DEFAULT_SOURCES", "main", "simulate"]

DEFAULT_SOURCES = ("clickid_raw_articles", "ibrohim2019_hatespeech", "indonlu_emot")


def _share(key: str) -> float:
    return int(hashlib.md5(key.encode("utf-8")).hexdigest()[:8], 16) / 16**8


def _rates(p: np.ndarray, y: np.ndarray, t: float) -> tuple[float, float]:
    flag = p > t
    return float(flag[y == 0].mean()), float(flag[y == 1].mean())


def _plain(train_x: list[str], train_y: np.ndarray, max_fpr: float) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict
    from sklearn.pipeline import make_pipeline

    from hoaxguard.detect import threshold_for_fpr

    pipe = make_pipeline(TfidfVectorizer(sublinear_tf=True),
                         LogisticRegression(max_iter=1000, class_weight="balanced"))
    oof = cross_val_predict(pipe, train_x, train_y, cv=5, method="predict_proba")[:, 1]
    pipe.fit(train_x, train_y)
    return pipe, threshold_for_fpr(oof[train_y == 0], max_fpr)


def simulate(corpus: str, *, sources: tuple[str, ...] = DEFAULT_SOURCES,
             seeds: tuple[int, ...] = (0, 1), n_local: int = 300, n_hoax: int = 100,
             recipe: str = "hoaxguard.detect.train_default", max_eval: int = 3000,
             max_fpr: float = 0.03, log: Any = None) -> pd.DataFrame:
    """Run the simulation; one row per (source, seed, method)."""
    from hoaxguard.datasets import load_corpus
    from hoaxguard.detect import threshold_for_fpr
    from hoaxguard.review import LocalAdaptedDetector

    say = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    rec = importlib.import_module(recipe)
    df = rec.recipe_corpus(corpus) if hasattr(rec, "recipe_corpus") else load_corpus(corpus)
    hoax = df[df["y"] == 1]
    # a claim and its title (``<id>:title``) are held out together
    held = hoax[hoax["id"].astype(str).str.removesuffix(":title").map(_share) < 0.25]
    rows = []
    for source in sources:
        src = df[df["dataset"] == source]
        if len(src) < n_local + 100:
            raise ValueError(f"source {source!r}: {len(src)} rows, too few")
        train = df[(df["dataset"] != source) & ~df.index.isin(held.index)]
        train = rec.recipe_rows(train)
        t0 = time.perf_counter()
        fit_kw = {}
        if hasattr(rec, "recipe_weights") and hasattr(rec, "recipe_groups"):
            fit_kw = {"sample_weight": rec.recipe_weights(train),
                      "groups": rec.recipe_groups(train)}  # as the bundled model is fitted
        base = rec.recipe_model().fit(train["text"].tolist(), train["y"].to_numpy(), **fit_kw)
        say(f"{source}: base trained on {len(train)} rows in {time.perf_counter() - t0:.0f} s")
        for seed in seeds:
            rng = np.random.default_rng(seed)
            s_idx = rng.permutation(len(src))
            h_idx = rng.permutation(len(held))
            loc_s, ev_s = src.iloc[s_idx[:n_local]], src.iloc[s_idx[n_local:n_local + max_eval]]
            loc_h, ev_h = held.iloc[h_idx[:n_hoax]], held.iloc[h_idx[n_hoax:n_hoax + max_eval]]
            dec_x = loc_s["text"].tolist() + loc_h["text"].tolist()
            dec_y = np.r_[np.zeros(len(loc_s), int), np.ones(len(loc_h), int)]
            ev_x = ev_s["text"].tolist() + ev_h["text"].tolist()
            ev_y = np.r_[np.zeros(len(ev_s), int), np.ones(len(ev_h), int)]
            t0 = time.perf_counter()
            ada = LocalAdaptedDetector(base=base, max_fpr=max_fpr).fit(dec_x, dec_y)
            fit_s = time.perf_counter() - t0
            p_base = base.predict_proba(ev_x)[:, 1]
            p_ada = ada.predict_proba(ev_x)[:, 1]
            t_only = threshold_for_fpr(base.predict_proba(loc_s["text"].tolist())[:, 1], max_fpr)
            plain, t_plain = _plain(dec_x, dec_y, max_fpr)
            p_plain = plain.predict_proba(ev_x)[:, 1]
            for method, p, t in (("base", p_base, base.threshold_),
                                 ("threshold-only", p_base, t_only),
                                 ("adapted", p_ada, ada.threshold_),
                                 ("plain tfidf+lr (decisions only)", p_plain, t_plain)):
                fpr, rec_ = _rates(p, ev_y, t)
                rows.append({"source": source, "seed": seed, "method": method,
                             "threshold": round(float(t), 3), "fpr": fpr, "recall": rec_,
                             "n_eval_valid": len(ev_s), "n_eval_hoax": len(ev_h),
                             "fit_seconds": round(fit_s, 1) if method == "adapted" else None})
            say(pd.DataFrame(rows[-4:])[["source", "seed", "method", "threshold", "fpr",
                                         "recall"]].to_string(index=False))
    return pd.DataFrame(rows)


def _verdict(res: pd.DataFrame) -> pd.DataFrame:
    piv = res.pivot_table(index=["source", "seed"], columns="method", values=["fpr", "recall"])
    out = pd.DataFrame({
        "base_fpr": piv["fpr"]["base"], "adapted_fpr": piv["fpr"]["adapted"],
        "base_recall": piv["recall"]["base"], "adapted_recall": piv["recall"]["adapted"],
    })
    out["fpr_target"] = (out.adapted_fpr <= out.base_fpr / 2) | (out.adapted_fpr < 0.03)
    out["recall_target"] = out.base_recall - out.adapted_recall <= 0.05
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m hoaxguard.review.simulate",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="corpus directory (e.g. ../shared/corpus)")
    parser.add_argument("--sources", default=",".join(DEFAULT_SOURCES),
                        help="comma-separated corpus datasets (ordinary text)")
    parser.add_argument("--seeds", default="0,1", help="comma-separated seeds")
    parser.add_argument("--recipe", default="hoaxguard.detect.train_default",
                        help="module with recipe_model() and recipe_rows()")
    parser.add_argument("--max-eval", type=int, default=3000)
    parser.add_argument("--max-fpr", type=float, default=0.03)
    parser.add_argument("--csv", help="also write the per-method rows as CSV")
    args = parser.parse_args(argv)
    res = simulate(args.corpus, sources=tuple(s for s in args.sources.split(",") if s),
                   seeds=tuple(int(s) for s in args.seeds.split(",")), recipe=args.recipe,
                   max_eval=args.max_eval, max_fpr=args.max_fpr)
    if args.csv:
        res.to_csv(args.csv, index=False)
    pd.set_option("display.width", 160)
    print(res.drop(columns=["fit_seconds"]).to_string(index=False,
                                                      float_format=lambda v: f"{v:.3f}"))
    print()
    print(_verdict(res).to_string(float_format=lambda v: f"{v:.3f}"))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
