"""Stance evaluation: does the match path flag hoaxes and leave denials alone?

Two sets:

* **pairs** we wrote (``hoaxguard/_data/stance/stance_pairs.tsv``, our own
  text): for every bundled template, the claim as it circulates and an official
  fact or clarification on the same claim. ``split="dev"`` was used to set the
  cue weights of :mod:`hoaxguard.counter._stance`; ``split="test"`` is held out.
* **fact-checks** from ``../shared/corpus/factchecks.csv``: each debunked
  claim (repeats) against the fact-check's explanation (denies).

For the pairs the whole match path is measured: a hoax is *flagged* when it
matches a debunked template with stance ``repeats``; a denial is *not flagged*
when it gets no match or stance ``denies``. Baselines in the same run: the
match path without stance (today's behaviour) and TF-IDF + LogisticRegression
trained on the dev pairs instead of the cue rules.

Run ``python -m hoaxguard.evaluate.stance [--corpus ../shared/corpus]``.
"""

from __future__ import annotations

import argparse
import os
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hoaxguard.counter import CounterNarrativeLibrary, is_debunked
from hoaxguard.counter._stance import predict_stance

SPLITS = ("dev", "test", "all")


def stance_pairs(split: str = "all") -> pd.DataFrame:
    """The bundled stance pairs: ``pair_id, template_id, split, hoax, denial``."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    path = resources.files("hoaxguard") / "_data" / "stance" / "stance_pairs.tsv"
    with resources.as_file(path) as p:
        frame = pd.read_csv(p, sep="\t", skiprows=2, dtype=str, keep_default_na=False)
    return frame if split == "all" else frame[frame["split"] == split].reset_index(drop=True)


def _long(pairs: pd.DataFrame) -> pd.DataFrame:
    hoax = pairs.assign(text=pairs["hoax"], stance="repeats")
    deny = pairs.assign(text=pairs["denial"], stance="denies")
    return pd.concat([hoax, deny], ignore_index=True)[["pair_id", "template_id", "text", "stance"]]


def _tfidf_lr() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
        LogisticRegression(max_iter=1000, C=10.0),
    )


def match_path_rates(
    rows: pd.DataFrame,
    library: CounterNarrativeLibrary,
    denies: np.ndarray | None,
) -> dict[str, float]:
    """Hoaxes flagged and denials not flagged by the match path (``denies``: None = no stance).

    ``hoax_still_flagged`` is the share of the hoaxes flagged without stance
    that stay flagged with it.
    """
    m = library.match(rows["text"].tolist(), k=3)
    matched = m["is_match"].to_numpy(dtype=bool)
    debunked = np.array([is_debunked(v) for v in m["match_verdict"]], dtype=bool)
    stance_ok = np.ones(len(rows), dtype=bool) if denies is None else ~denies
    flagged = matched & debunked & stance_ok
    is_hoax = rows["stance"].to_numpy() == "repeats"
    right = m["match_id"].to_numpy(dtype=object) == rows["template_id"].to_numpy(dtype=object)
    before = (matched & debunked)[is_hoax]
    return {
        "hoax_flagged": float(flagged[is_hoax].mean()),
        "hoax_still_flagged": float(flagged[is_hoax][before].mean()) if before.any() else 0.0,
        "hoax_flagged_right_template": float((flagged & right)[is_hoax].mean()),
        "denial_not_flagged": float((~flagged)[~is_hoax].mean()),
        "n_hoax": int(is_hoax.sum()),
        "n_denial": int((~is_hoax).sum()),
    }


def stance_accuracy(texts: list[str], truth: np.ndarray, denies: np.ndarray) -> dict[str, float]:
    """Share of repeats/denies texts given the right stance."""
    truth_denies = truth == "denies"
    return {
        "repeats_right": float((~denies)[~truth_denies].mean()) if (~truth_denies).any() else 0.0,
        "denies_right": float(denies[truth_denies].mean()) if truth_denies.any() else 0.0,
        "n": len(texts),
    }


def read_factcheck_stance(corpus_dir: str | os.PathLike[str]) -> pd.DataFrame:
    """Debunked fact-checks as (claim: repeats, explanation: denies) rows."""
    frame = pd.read_csv(Path(corpus_dir) / "factchecks.csv", dtype=str, keep_default_na=False)
    frame = frame[(frame["verdict"].str.lower() == "salah") & (frame["explanation"].str.len() > 0)]
    claims = pd.DataFrame({"text": frame["claim"], "stance": "repeats"})
    expl = pd.DataFrame({"text": frame["explanation"], "stance": "denies"})
    return pd.concat([claims, expl], ignore_index=True)


def evaluate_stance(
    corpus_dir: str | os.PathLike[str] | None = None,
    library: CounterNarrativeLibrary | None = None,
) -> pd.DataFrame:
    """One row per (set, method) with the match-path and stance figures."""
    library = library if library is not None else CounterNarrativeLibrary.load()
    dev, test = _long(stance_pairs("dev")), _long(stance_pairs("test"))
    lr = _tfidf_lr().fit(dev["text"], dev["stance"] == "denies")
    rows: list[dict[str, Any]] = []
    for name, data in (("pairs dev", dev), ("pairs test (held out)", test)):
        cues = predict_stance(data["text"].tolist())["match_stance"].to_numpy() == "denies"
        learned = lr.predict(data["text"]).astype(bool)
        for method, denies in (("no stance", None), ("cue rules", cues), ("tfidf+LR", learned)):
            rec = {"set": name, "method": method}
            rec.update(match_path_rates(data, library, denies))
            if denies is not None:
                rec.update(
                    stance_accuracy(data["text"].tolist(), data["stance"].to_numpy(), denies)
                )
            rows.append(rec)
    if corpus_dir is not None and (Path(corpus_dir) / "factchecks.csv").exists():
        fc = read_factcheck_stance(corpus_dir)
        texts = fc["text"].tolist()
        cues = predict_stance(texts)["match_stance"].to_numpy() == "denies"
        learned = lr.predict(fc["text"]).astype(bool)
        for method, denies in (("cue rules", cues), ("tfidf+LR", learned)):
            rec = {"set": "factchecks.csv claim vs explanation", "method": method}
            rec.update(stance_accuracy(texts, fc["stance"].to_numpy(), denies))
            rows.append(rec)
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    """Print the stance evaluation table."""
    parser = argparse.ArgumentParser(prog="python -m hoaxguard.evaluate.stance")
    parser.add_argument(
        "--corpus", default=None, help="folder with factchecks.csv (../shared/corpus)"
    )
    args = parser.parse_args(argv)
    table = evaluate_stance(args.corpus)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(table.round(3).to_string(index=False))
    return 0
