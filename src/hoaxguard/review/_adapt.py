"""LocalAdaptedDetector: the bundled detector corrected by one office's own decisions.

Why this design: the training corpus does not ship, so the base model cannot be
refitted on "corpus + local rows". What ships is the base model itself, and its
calibrated log-odds ``z(x)`` summarise everything it learned. The adapted model
is a small logistic regression fitted on the office's decisions only::

    logit p(hoax | x) = a * z(x) + w . tfidf_local(x) + b

* ``a * z(x)`` keeps the base model's knowledge (its column is scaled by
  ``base_scale`` so the L2 penalty barely touches ``a``: a feature that is
  almost an offset);
* ``w`` are word-n-gram weights over the vocabulary of the *local* texts,
  L2-regularised, with ``C`` chosen by cross-validation on the decisions
  alone: with a few hundred decisions they can only move texts that share the
  office's recurring words and register (place names, units, event names, the
  style of its feed) and they shrink towards zero where evidence is thin;
* ``b`` re-sets the prior to the office's feed.

The threshold is then chosen on out-of-fold probabilities of the local
decisions: at most ``max_fpr`` of the local valid posts flagged, unless that
would lose more than ``max_recall_drop`` of the recall the base model had on the
local hoaxes (missing a hoax costs more than an extra review).

The model stays linear in (base log-odds, local words), so explanations stay
exact: ``top_terms`` lists the base terms scaled by ``a`` and the local terms
(suffixed ``[lokal]``).
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.utils.validation import check_is_fitted

__all__ = ["LocalAdaptedDetector", "LOCAL_TERM_SUFFIX"]

#: Suffix of the local terms in ``top_terms`` / :meth:`LocalAdaptedDetector.explain`.
LOCAL_TERM_SUFFIX = " [lokal]"


def _sigmoid(z: np.ndarray) -> np.ndarray:
    z = np.clip(np.asarray(z, dtype=np.float64), -500, 500)
    return 1.0 / (1.0 + np.exp(-z))


def _texts(X: Iterable[object]) -> list[str]:
    if isinstance(X, str):
        X = [X]
    if isinstance(X, (pd.Series, pd.Index)):
        X = X.tolist()
    return ["" if (v is None or (isinstance(v, float) and np.isnan(v))) else str(v) for v in X]


def _encode_y(y: Iterable[object]) -> np.ndarray:
    yy = np.asarray(list(y) if not isinstance(y, (np.ndarray, pd.Series)) else y)
    if yy.dtype.kind in "biu" or yy.dtype == bool:
        vals = set(np.unique(yy).tolist())
        if not vals <= {0, 1}:
            raise ValueError(f"integer labels must be 0/1, got {sorted(vals)}")
        return yy.astype(np.int64)
    from hoaxguard.review._labels import parse_labels

    parsed = parse_labels(pd.Series(yy))
    if parsed.isna().any():
        bad = sorted({str(v) for v, p in zip(yy, parsed, strict=True) if pd.isna(p)})[:5]
        raise ValueError(f"labels it cannot read: {', '.join(bad)}")
    return parsed.to_numpy(dtype=np.int64)


def _describe_base(base: Any) -> dict[str, Any]:
    """Provenance of the base model (path and checksum when it is a file)."""
    from hoaxguard.persist import default_model_path, file_sha256

    if base is None:
        path = default_model_path()
        return {"base_model": "bundled default", "base_sha256": file_sha256(path)}
    if isinstance(base, (str, os.PathLike)):
        return {"base_model": os.fspath(base), "base_sha256": file_sha256(base)}
    prov = getattr(base, "provenance_", None)
    name = type(base).__name__
    return {"base_model": f"in-memory {name}", "base_provenance": prov}


class LocalAdaptedDetector(ClassifierMixin, BaseEstimator):
    """A fitted hoax detector corrected on one office's labelled decisions.

    Usable wherever a :class:`hoaxguard.HoaxDetector` is: ``score``,
    ``predict_proba``, ``decision_function``, ``predict``, ``explain``,
    ``threshold_`` (``hoaxguard score --model LOCAL.skops``).

    Parameters
    ----------
    base : HoaxDetector, path or None, default None
        The fitted base detector (None: the bundled default model). It is frozen:
        never refitted, and :func:`sklearn.base.clone` keeps the same base object.
    C : float or "auto", default "auto"
        Inverse L2 strength of the local correction (small = strong shrinkage).
        ``"auto"`` picks it from ``C_grid`` by out-of-fold log-loss on the
        decisions themselves (``cv`` folds; no other data is used).
    C_grid : tuple of float, default (0.25, 1.0, 4.0, 16.0)
        Candidates of ``C="auto"`` (3-fold out-of-fold log-loss).
    base_scale : float, default 10.0
        Scale of the base log-odds column; the larger, the less its weight is
        shrunk (it acts almost as an offset).
    ngram_range : (int, int), default (1, 2)
        Word n-grams of the local features.
    min_df : int, default 2
        A local n-gram must occur in this many decisions.
    max_features : int or None, default 50_000
        Local vocabulary cap.
    class_weight : "balanced" or None, default "balanced"
        Weighting of the decisions (review worklists over-sample likely hoaxes).
    max_fpr : float, default 0.03
        Target share of local valid posts flagged by the automatic threshold.
    fpr_confidence : float or None, default 0.84
        The automatic threshold keeps the one-sided Wilson upper bound (at this
        confidence) of the local false-flag rate within ``max_fpr``: a few
        hundred valid decisions estimate a rate of 3% only to about +-1 point,
        so the plain 3% cut flags more than 3% of new local posts about half
        the time. None: the plain cut.
    max_recall_drop : float, default 0.02
        The automatic threshold is lowered so out-of-fold recall on the local
        hoaxes stays within this of the base model's recall on them, but never
        so far that more local valid posts are flagged (out of fold) than the
        base model flags, or ``2 * max_fpr`` when the base flags fewer.
    prior : float or None, default None
        Expected hoax share in the office's feed; when given, the log-odds are
        shifted from the (weighted) decision prevalence to it.
    threshold : float or None, default None
        Fixed threshold on the hoax probability; None chooses it as above.
    cv : int, default 5
        Folds for the out-of-fold probabilities of the threshold.
    n_jobs : int, default 2
        Threads fitting the cross-validation folds (results do not depend on it).
    random_state : int, default 0

    Attributes
    ----------
    base_ : fitted base detector
    base_coef_ : float
        ``a``, the weight of the base log-odds.
    coef_ : ndarray
        Local n-gram weights; ``intercept_`` the bias.
    vocabulary_ : ndarray of str
        The local n-grams; ``idf_`` their inverse document frequencies.
    threshold_ : float
    classes_ : ndarray ``[0, 1]``
    provenance_ : dict
        Base model, number of decisions (hoax / valid), date, hoaxguard version.
    """

    def __init__(
        self,
        base: Any = None,
        *,
        C: float | str = "auto",
        C_grid: tuple[float, ...] = (0.25, 1.0, 4.0, 16.0),
        base_scale: float = 10.0,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int = 2,
        max_features: int | None = 50_000,
        class_weight: str | None = "balanced",
        max_fpr: float = 0.03,
        max_recall_drop: float = 0.02,
        fpr_confidence: float | None = 0.84,
        prior: float | None = None,
        threshold: float | None = None,
        cv: int = 5,
        n_jobs: int = 2,
        random_state: int = 0,
    ) -> None:
        self.base = base
        self.C = C
        self.C_grid = C_grid
        self.base_scale = base_scale
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.class_weight = class_weight
        self.max_fpr = max_fpr
        self.max_recall_drop = max_recall_drop
        self.fpr_confidence = fpr_confidence
        self.prior = prior
        self.threshold = threshold
        self.cv = cv
        self.n_jobs = n_jobs
        self.random_state = random_state

    # ------------------------------------------------------------ sklearn glue
    def __sklearn_clone__(self) -> LocalAdaptedDetector:
        """Unfitted copy with the same parameters; the (frozen) base is shared."""
        return type(self)(**self.get_params(deep=False))

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Parameters (the base is one opaque parameter, never expanded)."""
        return super().get_params(deep=False)

    def __sklearn_tags__(self):  # noqa: D105
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags

    # ------------------------------------------------------------ helpers
    def _resolve_base(self) -> Any:
        from sklearn.exceptions import NotFittedError

        from hoaxguard.persist import load_model

        base = self.base
        if base is None or isinstance(base, (str, os.PathLike)):
            base = load_model(None if base is None else Path(base))
        for name in ("decision_function", "explain"):
            if not hasattr(base, name):
                raise TypeError(f"base {type(base).__name__} has no {name}(); give a HoaxDetector")
        try:
            check_is_fitted(base)
        except NotFittedError:
            raise ValueError("the base detector must be fitted") from None
        return base

    def _preprocessor(self) -> Any:
        tp = self.__dict__.get("_tp_cache")
        if tp is None:
            from hoaxguard.text import TextPreprocessor

            tp = TextPreprocessor(emoji="word", output="string").fit()
            self.__dict__["_tp_cache"] = tp
        return tp

    def _docs(self, texts: list[str]) -> list[str]:
        return list(self._preprocessor().transform(texts))

    def _vectorizer(self, vocabulary: Any = None) -> CountVectorizer:
        return CountVectorizer(
            token_pattern=r"\S+",
            lowercase=False,
            ngram_range=tuple(self.ngram_range),
            min_df=1 if vocabulary is not None else self.min_df,
            max_features=None if vocabulary is not None else self.max_features,
            vocabulary=vocabulary,
            binary=True,
            dtype=np.float64,
        )

    def _local_matrix(self, docs: list[str]) -> sp.csr_matrix:
        vec = self.__dict__.get("_vec_cache")
        if vec is None:
            vocab = {t: i for i, t in enumerate(self.vocabulary_.tolist())}
            vec = self._vectorizer(vocab)
            self.__dict__["_vec_cache"] = vec
        return self._tfidf(vec.transform(docs))

    def _tfidf(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        m = counts.multiply(self.idf_.reshape(1, -1)).tocsr()
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ m)

    def _design(self, z: np.ndarray, local: sp.csr_matrix) -> sp.csr_matrix:
        col = sp.csr_matrix((z * self.base_scale).reshape(-1, 1))
        return sp.hstack([col, local], format="csr")

    def _lr(self, C: float | None = None) -> LogisticRegression:
        C = self.C_ if C is None else C
        return LogisticRegression(C=C, class_weight=self.class_weight, solver="liblinear",
                                  max_iter=1000, random_state=self.random_state)

    # ------------------------------------------------------------ fit
    def fit(self, X: Iterable[object], y: Iterable[object]) -> LocalAdaptedDetector:
        """Fit the local correction on the decisions ``X`` (texts) and ``y`` (labels).

        ``y``: 1/0, True/False, or the words ``hoax``/``valid`` (and the Indonesian
        forms read by :func:`hoaxguard.review.parse_labels`).
        """
        texts = _texts(X)
        yy = _encode_y(y)
        if len(texts) != len(yy):
            raise ValueError(f"X has {len(texts)} texts but y has {len(yy)} labels")
        if len(np.unique(yy)) < 2:
            raise ValueError("fit needs both classes (hoax and valid) among the decisions")
        base = self._resolve_base()
        z = np.asarray(base.decision_function(texts), dtype=np.float64)
        docs = self._docs(texts)
        vec = self._vectorizer()
        try:
            counts = vec.fit_transform(docs)
        except ValueError:  # empty vocabulary (e.g. min_df above every n-gram's count)
            vec = self._vectorizer({"xxnone": 0})
            counts = vec.transform(docs)
        vocab = vec.get_feature_names_out()
        df = np.asarray((counts > 0).sum(axis=0)).ravel()
        self.idf_ = (np.log((1 + len(docs)) / (1 + df)) + 1.0).astype(np.float64)
        self.vocabulary_ = np.asarray(vocab, dtype=object)
        self.__dict__.pop("_vec_cache", None)
        local = self._tfidf(counts)
        design = self._design(z, local)

        self.C_ = self._choose_C(design, yy)
        lr = self._lr().fit(design, yy)
        self.__dict__["_fit_intercept"] = float(lr.intercept_[0])
        coef = lr.coef_.ravel()
        self.base_coef_ = float(coef[0] * self.base_scale)
        self.coef_ = coef[1:].astype(np.float64)
        self.intercept_ = float(lr.intercept_[0])
        if self.prior is not None:
            if not 0.0 < self.prior < 1.0:
                raise ValueError("prior must be in (0, 1)")
            w = np.where(yy == 1, 0.5 / max(yy.mean(), 1e-9), 0.5 / max(1 - yy.mean(), 1e-9))
            seen = float((w * yy).sum() / w.sum()) if self.class_weight else float(yy.mean())
            self.intercept_ += float(np.log(self.prior / (1 - self.prior))
                                     - np.log(seen / (1 - seen)))
        self.base_ = base
        self.classes_ = np.array([0, 1])
        self.threshold_ = self._choose_threshold(design, z, yy, base)
        from hoaxguard._version import __version__

        self.hoaxguard_version_ = __version__
        self.provenance_ = {
            **_describe_base(self.base),
            "base_threshold": float(base.threshold_),
            "n_decisions": int(len(yy)),
            "n_hoax": int(yy.sum()),
            "n_valid": int(len(yy) - yy.sum()),
            "n_local_terms": int(len(self.vocabulary_)),
            "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "hoaxguard_version": __version__,
        }
        return self

    def _folds(self, yy: np.ndarray, most: int | None = None) -> StratifiedKFold | None:
        n_min = int(min(yy.sum(), len(yy) - yy.sum()))
        folds = min(int(self.cv), n_min, most or n_min)
        if folds < 2:
            return None
        return StratifiedKFold(n_splits=folds, shuffle=True, random_state=self.random_state)

    def _oof(self, design: sp.csr_matrix, yy: np.ndarray, skf: StratifiedKFold,
             C: float) -> np.ndarray:
        """Out-of-fold decision values; folds fitted in ``n_jobs`` threads (liblinear frees the GIL)."""
        from concurrent.futures import ThreadPoolExecutor

        splits = list(skf.split(np.zeros(len(yy)), yy))

        def one(split: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
            tr, te = split
            return self._lr(C).fit(design[tr], yy[tr]).decision_function(design[te])

        oof = np.empty(len(yy), dtype=np.float64)
        workers = max(1, int(self.n_jobs or 1))
        if workers == 1:
            parts = [one(sp_) for sp_ in splits]
        else:
            with ThreadPoolExecutor(max_workers=workers) as pool:
                parts = list(pool.map(one, splits))
        for (_, te), values in zip(splits, parts, strict=True):
            oof[te] = values
        return oof

    def _choose_C(self, design: sp.csr_matrix, yy: np.ndarray) -> float:
        if self.C != "auto":
            C = float(self.C)
            if C <= 0:
                raise ValueError("C must be > 0")
            return C
        skf = self._folds(yy, most=3)
        grid = [float(c) for c in self.C_grid]
        if skf is None or len(grid) == 1:
            return grid[0] if len(grid) == 1 else 1.0
        w = np.where(yy == 1, 0.5 / yy.mean(), 0.5 / (1 - yy.mean()))
        best, best_loss = grid[0], np.inf
        for C in grid:
            oof = self._oof(design, yy, skf, C)
            p = np.clip(_sigmoid(oof), 1e-12, 1 - 1e-12)
            loss = float(-(w * (yy * np.log(p) + (1 - yy) * np.log(1 - p))).sum() / w.sum())
            if loss < best_loss - 1e-9:
                best, best_loss = C, loss
        return best

    def _fpr_budget(self, n_valid: int) -> float:
        """Largest observed false-flag rate whose Wilson upper bound is within ``max_fpr``."""
        conf = getattr(self, "fpr_confidence", None)  # files saved before the parameter
        target = float(self.max_fpr)
        if conf is None or n_valid <= 0 or target <= 0.0:
            return target
        from statistics import NormalDist

        z = NormalDist().inv_cdf(float(conf))
        best = 0.0
        for k in range(int(np.floor(target * n_valid)) + 1):
            r = k / n_valid
            upper = (r + z * z / (2 * n_valid) + z * np.sqrt(
                r * (1 - r) / n_valid + z * z / (4 * n_valid * n_valid))) / (1 + z * z / n_valid)
            if upper > target:
                break
            best = r
        return best

    def _choose_threshold(self, design: sp.csr_matrix, z: np.ndarray, yy: np.ndarray,
                          base: Any) -> float:
        from hoaxguard.detect import threshold_for_fpr

        if self.threshold is not None:
            t = float(self.threshold)
            if not 0.0 <= t <= 1.0:
                raise ValueError("threshold must be a probability in [0, 1]")
            return t
        skf = self._folds(yy)
        if skf is not None:
            oof = self._oof(design, yy, skf, self.C_)
            shift = self.intercept_ - self.__dict__.pop("_fit_intercept")
            p = _sigmoid(oof + shift)
        else:
            p = _sigmoid(np.asarray(design @ np.r_[self.base_coef_ / self.base_scale, self.coef_])
                         .ravel() + self.intercept_)
        t = threshold_for_fpr(p[yy == 0], self._fpr_budget(int((yy == 0).sum())))
        pos = p[yy == 1]
        base_recall = float((_sigmoid(z[yy == 1]) > base.threshold_).mean())
        wanted = base_recall - float(self.max_recall_drop)
        if (pos > t).mean() < wanted:
            # lower the threshold until the local hoaxes keep (almost) the base recall,
            # but never so far that more local valid posts are flagged than the base
            # model flags (or twice the target, when the base flags fewer)
            need = int(np.ceil(wanted * len(pos)))
            if need > 0:
                kth = np.sort(pos)[::-1][need - 1]
                base_fpr = float((_sigmoid(z[yy == 0]) > base.threshold_).mean())
                cap = min(1.0, max(2 * float(self.max_fpr), base_fpr))
                t = max(float(np.nextafter(kth, 0.0)), threshold_for_fpr(p[yy == 0], cap))
        return float(t)

    # ------------------------------------------------------------ predict
    def _parts(self, texts: list[str]) -> tuple[np.ndarray, sp.csr_matrix]:
        check_is_fitted(self, "coef_")
        z = np.asarray(self.base_.decision_function(texts), dtype=np.float64)
        return z, self._local_matrix(self._docs(texts))

    def decision_function(self, X: Iterable[object]) -> np.ndarray:
        """Adapted log-odds that each text is a hoax (shape ``(n,)``)."""
        z, local = self._parts(_texts(X))
        return self.base_coef_ * z + np.asarray(local @ self.coef_).ravel() + self.intercept_

    def predict_proba(self, X: Iterable[object]) -> np.ndarray:
        """Probabilities, shape ``(n, 2)``; column 1 = hoax."""
        p = _sigmoid(self.decision_function(X))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: Iterable[object]) -> np.ndarray:
        """1 (hoax) when the hoax probability is above ``threshold_``, else 0."""
        return (self.predict_proba(X)[:, 1] > self.threshold_).astype(np.int64)

    def set_threshold(self, value: float) -> LocalAdaptedDetector:
        """Set the decision threshold on the hoax probability."""
        value = float(value)
        if not 0.0 <= value <= 1.0:
            raise ValueError("threshold must be a probability in [0, 1]")
        self.threshold = value
        self.threshold_ = value
        return self

    # ------------------------------------------------------------ explain
    def _explained(self, texts: list[str], top_k: int) -> tuple[np.ndarray,
                                                                  list[list[tuple[str, float]]]]:
        z, local = self._parts(texts)
        logit = self.base_coef_ * z + np.asarray(local @ self.coef_).ravel() + self.intercept_
        base_terms = self.base_.explain(texts, top_k=top_k)
        contrib = local.multiply(self.coef_.reshape(1, -1)).tocsr()
        out: list[list[tuple[str, float]]] = []
        for i in range(len(texts)):
            terms = [(name, self.base_coef_ * v) for name, v in base_terms[i]]
            row = contrib.getrow(i)
            for j, v in zip(row.indices, row.data, strict=True):
                if v != 0.0:
                    terms.append((f"{self.vocabulary_[j]}{LOCAL_TERM_SUFFIX}", float(v)))
            terms.sort(key=lambda t: -abs(t[1]))
            kept = sorted(terms[:top_k], key=lambda t: -t[1])
            out.append(kept)
        return logit, out

    def explain(self, texts: Iterable[object], top_k: int = 5) -> list[list[tuple[str, float]]]:
        """Per text, the ``top_k`` largest contributions to the adapted log-odds.

        Base terms are the base model's contributions times ``base_coef_``; local
        terms end with ``" [lokal]"``. Ordered from most hoax-ward to most valid-ward.
        """
        return self._explained(_texts(texts), top_k)[1]

    def score(self, texts: Iterable[object] | pd.Series, y: Any = None, top_k: int = 5,
              sample_weight: Any = None) -> pd.DataFrame | float:
        """Like :meth:`hoaxguard.HoaxDetector.score`: probability, flag and top terms.

        With ``y`` it returns the accuracy (scikit-learn's ``score``).
        """
        if isinstance(y, (int, np.integer)) and not isinstance(y, bool):
            top_k, y = int(y), None
        if y is not None:
            return ClassifierMixin.score(self, texts, y, sample_weight=sample_weight)
        index = texts.index if isinstance(texts, (pd.Series, pd.DataFrame)) else None
        logit, terms = self._explained(_texts(texts), top_k)
        p = _sigmoid(logit)
        out = pd.DataFrame({
            "hoax_probability": p,
            "is_hoax": p > self.threshold_,
            "top_terms": ["; ".join(f"{n} ({v:+.2f})" for n, v in row) for row in terms],
        })
        if index is not None:
            out.index = index
        return out

    # ------------------------------------------------------------ persistence
    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        for key in ("_tp_cache", "_vec_cache", "_fit_intercept"):
            state.pop(key, None)
        if "vocabulary_" in state:
            state["vocabulary_"] = [str(t) for t in state["vocabulary_"]]
        if state.get("base") is state.get("base_") and state.get("base") is not None:
            state["base"] = "<base_>"  # saved once, as base_
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        if "vocabulary_" in state:
            state["vocabulary_"] = np.asarray(state["vocabulary_"], dtype=object)
        if isinstance(state.get("base"), str) and state["base"] == "<base_>":
            state["base"] = state.get("base_")
        if isinstance(state.get("ngram_range"), list):
            state["ngram_range"] = tuple(state["ngram_range"])
        super().__setstate__(state)
