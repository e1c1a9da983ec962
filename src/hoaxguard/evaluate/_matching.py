"""Claim-matching evaluation: ranking metrics, no-match rate, fact-check benchmark.

Recall@k is the share of queries whose true template is among the top k;
MRR the mean reciprocal rank of the true template (0 when not listed); with one
relevant template per query MAP@5 equals MRR cut at rank 5. Coverage is the
share of true queries that still get a match at the threshold, and the
no-match rate the share of ordinary posts that get none.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hoaxguard.counter import CounterNarrativeLibrary, Template, TemplateMatcher, map_verdict
from hoaxguard.counter._claimreview import slugify
from hoaxguard.counter._matcher import calibrated_threshold

FACTCHECK_VARIANTS = ("title+verdict+explanation", "title+verdict")


def _ranks(true_ids: Sequence[Any], candidates: Sequence[Sequence[Any]]) -> np.ndarray:
    """1-based rank of each true id in its candidate list (0: absent)."""
    ranks = np.zeros(len(true_ids), dtype=np.int64)
    for i, (truth, cands) in enumerate(zip(true_ids, candidates, strict=True)):
        for r, cand in enumerate(cands, start=1):
            cand_id = cand[0] if isinstance(cand, (tuple, list)) else cand
            if cand_id == truth:
                ranks[i] = r
                break
    return ranks


def matching_metrics(
    true_ids: Sequence[Any],
    matches: pd.DataFrame,
    negatives: pd.DataFrame | None = None,
) -> dict[str, float]:
    """Ranking and decision metrics of a claim matcher.

    Parameters
    ----------
    true_ids : sequence
        The correct template id of each query, aligned with ``matches`` rows.
    matches : DataFrame
        Output of :meth:`CounterNarrativeLibrary.match` for the queries, with
        ``k >= 5`` candidates for a meaningful Recall@5.
    negatives : DataFrame, optional
        Output of ``match`` for ordinary posts that repeat no template's claim.

    Returns
    -------
    dict
        ``recall_at_1``, ``recall_at_5``, ``mrr``, ``map_at_5``, ``coverage``
        (queries with a match), ``correct_match_rate`` and ``wrong_match_rate``
        (queries matched to the right / a wrong template), ``precision`` (right
        among matched), ``n_queries``; with negatives ``no_match_rate`` and
        ``n_negatives``.
    """
    true_ids = list(true_ids)
    if len(true_ids) != len(matches):
        raise ValueError(f"{len(true_ids)} true ids for {len(matches)} match rows")
    ranks = _ranks(true_ids, list(matches["candidates"]))
    matched = matches["is_match"].to_numpy(dtype=bool)
    right = matched & (
        matches["match_id"].to_numpy(dtype=object) == np.asarray(true_ids, dtype=object)
    )
    recip = np.where(ranks > 0, 1.0 / np.maximum(ranks, 1), 0.0)
    n = max(1, len(true_ids))
    out = {
        "recall_at_1": float(np.sum(ranks == 1) / n),
        "recall_at_5": float(np.sum((ranks > 0) & (ranks <= 5)) / n),
        "mrr": float(recip.sum() / n),
        "map_at_5": float(np.where(ranks <= 5, recip, 0.0).sum() / n),
        "coverage": float(matched.sum() / n),
        "correct_match_rate": float(right.sum() / n),
        "wrong_match_rate": float((matched & ~right).sum() / n),
        "precision": float(right.sum() / matched.sum()) if matched.any() else float("nan"),
        "n_queries": float(len(true_ids)),
    }
    if negatives is not None:
        neg = negatives["is_match"].to_numpy(dtype=bool)
        out["no_match_rate"] = float(1.0 - neg.mean()) if neg.size else float("nan")
        out["n_negatives"] = float(neg.size)
    return out


def read_factchecks(corpus_dir: str | os.PathLike[str]) -> pd.DataFrame:
    """``factchecks.csv`` of a corpus folder as strings (missing -> "")."""
    return pd.read_csv(Path(corpus_dir) / "factchecks.csv", dtype=str, keep_default_na=False)


def read_ordinary_posts(corpus_dir: str | os.PathLike[str]) -> pd.Series:
    """Texts of ``ordinary_posts.csv`` (posts that repeat no fact-checked claim)."""
    frame = pd.read_csv(Path(corpus_dir) / "ordinary_posts.csv", dtype=str, keep_default_na=False)
    return frame["text"]


def factcheck_templates(
    factchecks: pd.DataFrame, variant: str = "title+verdict+explanation"
) -> list[Template]:
    """Templates built from fact-checks *without* their claim text.

    ``variant`` ``"title+verdict+explanation"`` keeps the explanation (which
    often quotes the claim verbatim); ``"title+verdict"`` only the title and verdict.
    """
    if variant not in FACTCHECK_VARIANTS:
        raise ValueError(f"variant must be one of {FACTCHECK_VARIANTS}, got {variant!r}")
    templates = []
    for row in factchecks.itertuples(index=False):
        verdict = (
            map_verdict(row.verdict) or map_verdict(getattr(row, "category", "")) or "KLARIFIKASI"
        )
        templates.append(
            Template(
                id=slugify(row.id, max_length=80),
                title=f"{row.title} {str(row.verdict).lower()}".strip(),
                claim="",
                verdict=verdict,
                fact="",
                explanation=row.explanation if variant == "title+verdict+explanation" else "",
            )
        )
    return templates


def baseline_matcher() -> TemplateMatcher:
    """Plain TF-IDF cosine over stemmed words of one concatenated document per template."""
    return TemplateMatcher(
        word_weight=1.0,
        char_weight=0.0,
        ngram_range=(1, 1),
        context_weight=1.0,
        passage_words=0,
        fields=("explanation",),
    )


def _as_baseline(templates: list[Template]) -> list[Template]:
    return [t.replace(explanation=f"{t.title} {t.explanation}".strip()) for t in templates]


def evaluate_factcheck_matching(
    corpus_dir: str | os.PathLike[str],
    *,
    variants: Sequence[str] = FACTCHECK_VARIANTS,
    include_baseline: bool = True,
    matcher: TemplateMatcher | None = None,
    n_ordinary: int | None = None,
    target_no_match: float = 0.985,
    k: int = 10,
    seed: int = 0,
    split_queries: bool = True,
) -> pd.DataFrame:
    """Fact-check matching benchmark on a corpus folder.

    A library is built from ``factchecks.csv`` (title, verdict and, in the
    first variant, explanation; never the claim) and queried with each row's
    circulated claim text. The threshold is calibrated on one half of
    ``ordinary_posts.csv`` (``target_no_match`` get no match) and the no-match
    rate is measured on the other half.

    Parameters
    ----------
    corpus_dir : path-like
        Folder with ``factchecks.csv`` and ``ordinary_posts.csv``.
    variants : sequence of str
        ``"title+verdict+explanation"`` and/or ``"title+verdict"``.
    include_baseline : bool
        Also run the plain TF-IDF cosine baseline (:func:`baseline_matcher`).
    matcher : TemplateMatcher, optional
        Matcher configuration (default: the library default).
    n_ordinary : int, optional
        Use a random sample of this many ordinary posts (default all).
    target_no_match : float
        Share of calibration posts that must get no match (0.985 leaves a
        margin so that >= 98% of the held-out half get none).
    k : int
        Candidates per query (>= 5).
    seed : int
        Seed of the ordinary-post sample and calibration/test split, and of
        the development/test split of the queries.
    split_queries : bool
        Also report the metrics on the development half of the queries
        (used to choose the matcher's settings) and on the test half.

    Returns
    -------
    DataFrame
        One row per (variant, method, queries) with :func:`matching_metrics`
        columns plus ``threshold``; ``queries`` is ``"all"``, ``"dev"`` or ``"test"``.
    """
    factchecks = read_factchecks(corpus_dir)
    ordinary = read_ordinary_posts(corpus_dir)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(ordinary))
    if n_ordinary is not None:
        order = order[: int(n_ordinary)]
    half = len(order) // 2
    calib = ordinary.iloc[order[:half]].tolist()
    held_out = ordinary.iloc[order[half:]].tolist()
    queries = factchecks["claim"].tolist()
    split_masks = {"all": np.ones(len(queries), dtype=bool)}
    if split_queries:
        dev = np.zeros(len(queries), dtype=bool)
        dev[np.random.default_rng(seed).permutation(len(queries))[: len(queries) // 2]] = True
        split_masks.update({"dev": dev, "test": ~dev})
    rows = []
    for variant in variants:
        templates = factcheck_templates(factchecks, variant)
        true_ids = [t.id for t in templates]
        methods = [("hoaxguard", matcher if matcher is not None else TemplateMatcher(), templates)]
        if include_baseline:
            methods.append(("baseline tf-idf cosine", baseline_matcher(), _as_baseline(templates)))
        for method, config, tpls in methods:
            library = CounterNarrativeLibrary(tpls, matcher=config)
            library.calibrate(calib, target_no_match=target_no_match)
            matches = library.match(queries, k=k)
            negatives = library.match(held_out, k=1)
            for split, mask in split_masks.items():
                metrics = matching_metrics(
                    [t for t, m in zip(true_ids, mask, strict=True) if m],
                    matches[mask],
                    negatives=negatives,
                )
                rows.append(
                    {
                        "variant": variant,
                        "method": method,
                        "queries": split,
                        "threshold": library.threshold,
                        **metrics,
                    }
                )
    return pd.DataFrame(rows)


def precision_threshold(scores: np.ndarray, correct: np.ndarray, min_precision: float) -> float:
    """Smallest threshold at which at least ``min_precision`` of the matches are right."""
    scores = np.asarray(scores, dtype=float)
    correct = np.asarray(correct, dtype=bool)
    order = np.argsort(-scores, kind="stable")
    hits = np.cumsum(correct[order])
    precision = hits / np.arange(1, scores.size + 1)
    ok = np.flatnonzero(precision >= min_precision)
    if ok.size == 0:
        return float(scores.max(initial=0.0)) + 1e-6
    return float(scores[order][ok[-1]])


def evaluate_bundled_matching(
    library: CounterNarrativeLibrary | None = None,
    negatives: Sequence[str] | None = None,
    *,
    folds: int = 3,
    target_no_match: float = 0.98,
    min_precision: float = 0.92,
    k: int = 5,
) -> dict[str, Any]:
    """Cross-validate a template library on its own aliases.

    Each fold removes every ``folds``-th alias from the templates, fits the
    matcher on the rest and queries with the removed aliases. With
    ``negatives`` (ordinary posts) the threshold is calibrated on half of
    them and the no-match rate measured on the other half.

    Returns
    -------
    dict
        ``metrics`` (:func:`matching_metrics` at the calibrated or library
        threshold), ``threshold``, ``recommended_threshold`` (the larger of
        that threshold and the smallest one at which ``min_precision`` of the
        matched held-out aliases go to the right template: a wrong match is
        worse than none), ``scores`` (best score of every held-out alias),
        ``correct`` (bool, top-1 right) and ``negative_scores``.
    """
    from sklearn.base import clone

    library = CounterNarrativeLibrary.load() if library is None else library
    config = library.matcher  # fitted on the full library: scores the negatives
    truth: list[str] = []
    results = []
    for fold in range(folds):
        reduced = []
        held: list[str] = []
        for tpl in library:
            reduced.append(
                tpl.replace(
                    aliases=tuple(a for j, a in enumerate(tpl.aliases) if j % folds != fold)
                )
            )
            fold_aliases = [a for j, a in enumerate(tpl.aliases) if j % folds == fold]
            held.extend(fold_aliases)
            truth.extend([tpl.id] * len(fold_aliases))
        if held:
            results.append(clone(config).fit(reduced).match(held, k=k, threshold=np.inf))
    if not results:
        raise ValueError("the library has no aliases to cross-validate on")
    matches = pd.concat(results, ignore_index=True)
    threshold = library.threshold
    neg_scores = np.zeros(0)
    neg_frame = None
    if negatives is not None:
        negatives = list(negatives)
        half = len(negatives) // 2
        neg_scores = config.kneighbors(negatives[:half], 1)[1][:, 0]
        threshold = calibrated_threshold(neg_scores, target_no_match)
        neg_frame = config.match(negatives[half:], k=1, threshold=threshold)
    scores = matches["match_score"].to_numpy()
    matches["is_match"] = scores >= threshold
    matches["match_id"] = [
        c[0][0] if m else None
        for c, m in zip(matches["candidates"], matches["is_match"], strict=True)
    ]
    metrics = matching_metrics(truth, matches, negatives=neg_frame)
    correct = np.array([c[0][0] == t for c, t in zip(matches["candidates"], truth, strict=True)])
    return {
        "metrics": metrics,
        "threshold": float(threshold),
        "recommended_threshold": max(
            float(threshold), precision_threshold(scores, correct, min_precision)
        ),
        "scores": scores,
        "correct": correct,
        "negative_scores": neg_scores,
    }


def bm25_matcher() -> TemplateMatcher:
    """Plain BM25 over stemmed words of one concatenated document per template."""
    return TemplateMatcher(
        word_weight=0.0,
        char_weight=0.0,
        bm25_weight=1.0,
        ngram_range=(1, 1),
        context_weight=1.0,
        passage_words=0,
        fields=("explanation",),
        context_words=None,
    )


def _unseen_ordinary(corpus_dir: Path, n_posts: int, n_headlines: int, seed: int) -> dict:
    posts = pd.read_csv(corpus_dir / "ordinary_posts.csv", dtype=str, keep_default_na=False)
    posts = posts[posts["kind"] == "post"]
    news = pd.concat(
        [
            pd.read_csv(p, dtype=str, keep_default_na=False)
            for p in sorted(corpus_dir.glob("news_part*.csv"))
        ],
        ignore_index=True,
    )
    heads = news[news["kind"] == "headline"]
    return {
        "posts": posts.sample(min(n_posts, len(posts)), random_state=seed)["text"].tolist(),
        "headlines": heads.sample(min(n_headlines, len(heads)), random_state=seed)["text"].tolist(),
    }


def decision_libraries(corpus_dir: Path, large: bool = False) -> dict:
    """(templates, queries, true ids) per evaluated library.

    * ``bundled (80)``: the bundled templates, queried by the circulating texts of
      the stance pairs we wrote (:func:`hoaxguard.evaluate.stance_pairs`);
    * ``factchecks.csv title+verdict``: queried by each fact-check's claim;
    * with ``large``, ``tbh2024 titles``: a library of the 2024 TurnBackHoax
      titles of ``labeled_claims.csv``, queried by their circulated text where it
      differs from the title.
    """
    from hoaxguard.evaluate._stance import stance_pairs

    bundled = list(CounterNarrativeLibrary.load())
    pairs = stance_pairs()
    out = {
        "bundled (80)": (bundled, pairs["hoax"].tolist(), pairs["template_id"].tolist()),
    }
    fc = read_factchecks(corpus_dir)
    fct = factcheck_templates(fc, "title+verdict")
    out["factchecks.csv title+verdict"] = (fct, fc["claim"].tolist(), [t.id for t in fct])
    if large:
        claims = pd.read_csv(corpus_dir / "labeled_claims.csv", dtype=str, keep_default_na=False)
        tbh = claims[(claims["dataset"] == "tbh2024_alharkan7") & (claims["title"] != "")]
        tbh = tbh.drop_duplicates("title")
        tpls = [
            Template(
                id=slugify(row.id, max_length=80),
                title=row.title,
                claim="",
                verdict="HOAKS",
                fact="",
                explanation="",
            )
            for row in tbh.itertuples(index=False)
        ]
        keep = tbh["text"].str.strip().str.lower() != tbh["title"].str.strip().str.lower()
        ids = [t.id for t, k in zip(tpls, keep, strict=True) if k]
        out["tbh2024 titles"] = (tpls, tbh.loc[keep, "text"].tolist(), ids)
    return out


def evaluate_match_decision(
    corpus_dir: str | os.PathLike[str],
    *,
    large: bool = False,
    n_posts: int = 3000,
    n_headlines: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Ranking and the automatic match decision, against TF-IDF cosine and BM25, same rows.

    Every method's threshold is set by :func:`hoaxguard.counter.auto_threshold`
    on the *bundled* ordinary texts (never on ``../shared``); the no-match rate
    is measured on ordinary posts and news headlines of ``../shared`` (sources
    never used for calibration). Columns: ``library``, ``method``, ``templates``,
    ``queries``, ``recall_at_1``, ``mrr``, ``coverage`` (true queries matched at
    the threshold), ``threshold``, ``no_match_posts``, ``no_match_headlines``.
    """
    from hoaxguard.counter._calibration import auto_threshold

    corpus_dir = Path(corpus_dir)
    unseen = _unseen_ordinary(corpus_dir, n_posts, n_headlines, seed)
    rows = []
    for name, (templates, queries, true_ids) in decision_libraries(corpus_dir, large).items():
        methods = [
            ("hoaxguard", TemplateMatcher(), templates),
            ("tf-idf cosine", baseline_matcher(), _as_baseline(templates)),
            ("bm25", bm25_matcher(), _as_baseline(templates)),
        ]
        for method, config, tpls in methods:
            matcher = clone_fit(config, tpls)
            thresholds = [("auto", auto_threshold(matcher))]
            if name.startswith("bundled") and method == "hoaxguard":
                from hoaxguard.counter._matcher import DEFAULT_THRESHOLD

                thresholds.append(("DEFAULT_THRESHOLD", DEFAULT_THRESHOLD))
            for how, threshold in thresholds:
                rows.append(
                    _decision_row(
                        name, method, how, matcher, tpls, queries, true_ids, threshold, unseen
                    )
                )
    return pd.DataFrame(rows)


def _decision_row(
    name: str,
    method: str,
    how: str,
    matcher: TemplateMatcher,
    tpls: list[Template],
    queries: list[str],
    true_ids: list[str],
    threshold: float,
    unseen: dict,
) -> dict:
    """One row of :func:`evaluate_match_decision`."""
    matcher.threshold = threshold
    m = matcher.match(queries, k=5)
    metrics = matching_metrics(true_ids, m)
    rec = {
        "library": name,
        "method": method,
        "templates": len(tpls),
        "queries": len(queries),
        "recall_at_1": metrics["recall_at_1"],
        "mrr": metrics["mrr"],
        "coverage": float(m["is_match"].mean()),
        "threshold": threshold,
        "threshold_from": how,
    }
    for kind, texts in unseen.items():
        _, val = matcher.kneighbors(texts, 1)
        rec[f"no_match_{kind}"] = float((val[:, 0] < threshold).mean())
    return rec


def clone_fit(config: TemplateMatcher, templates: list[Template]) -> TemplateMatcher:
    """A fitted copy of a matcher configuration."""
    from sklearn.base import clone

    return clone(config).fit(templates)


def main(argv: list[str] | None = None) -> int:
    """``python -m hoaxguard.evaluate.matching``: print the ranking/decision table."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m hoaxguard.evaluate.matching")
    parser.add_argument("--corpus", default="../shared/corpus", help="corpus folder")
    parser.add_argument(
        "--large", action="store_true", help="also the tbh2024 titles library (~3k templates)"
    )
    args = parser.parse_args(argv)
    table = evaluate_match_decision(args.corpus, large=args.large)
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(table.round(3).to_string(index=False))
    return 0
