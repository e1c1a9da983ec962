"""Stance and match-decision evaluations run on the shared corpus (skipped without it)."""

from __future__ import annotations

import numpy as np

from hoaxguard.counter._stance import predict_stance
from hoaxguard.evaluate._stance import evaluate_stance, stance_pairs


def test_held_out_pairs_stance_targets():
    test = stance_pairs("test")
    hoax = predict_stance(test["hoax"].tolist())["match_stance"].to_numpy()
    deny = predict_stance(test["denial"].tolist())["match_stance"].to_numpy()
    assert np.mean(hoax == "repeats") >= 0.95
    assert np.mean(deny == "denies") >= 0.9


def test_evaluate_stance_with_corpus(corpus_dir):
    table = evaluate_stance(corpus_dir)
    rules = table[(table["method"] == "cue rules") & (table["set"].str.startswith("pairs test"))]
    assert rules["denial_not_flagged"].iloc[0] >= 0.9
    assert rules["hoax_still_flagged"].iloc[0] >= 0.95
    assert {"no stance", "cue rules", "tfidf+LR"} <= set(table["method"])
