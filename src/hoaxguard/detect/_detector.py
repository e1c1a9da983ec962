"""HoaxDetector: Indonesian text -> calibrated probability that it carries a hoax."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.utils.validation import check_is_fitted

from hoaxguard.datasets import binarize_labels
from hoaxguard.detect._explain import contribution_matrix, format_terms, top_contributions
from hoaxguard.detect._features import (
    as_text_list,
    feature_names,
    make_vectorizers,
    prepare_texts,
    source_cleaned,
    surface_texts,
    transform_all,
    vectorizer_from_state,
    vectorizer_state,
)
from hoaxguard.detect._threshold import threshold_for_fpr
from hoaxguard.detect._vocabulary import fit_transform_limited
from hoaxguard.text._ngrams import fast_transformer

__all__ = ["HoaxDetector"]

# fitted attributes saved by __getstate__ (everything else is a parameter or a cache)
_STATE_ARRAYS = ("coef_", "intercept_", "classes_", "threshold_", "train_prevalence_",
                 "calibration_", "n_features_", "hoaxguard_version_")


# one fitted TextPreprocessor per setting, shared by all detectors of a process (clones in
# cross-validation and evaluation protocols reuse its token cache instead of rebuilding it)
_SHARED_PREPROCESSORS: dict[tuple[bool, ...], Any] = {}


def _sigmoid(z: np.ndarray) -> np.ndarray:
    z = np.clip(np.asarray(z, dtype=np.float64), -500, 500)
    return 1.0 / (1.0 + np.exp(-z))


def _logit(p: float) -> float:
    return float(np.log(p / (1.0 - p)))


class HoaxDetector(ClassifierMixin, BaseEstimator):
    """Linear hoax classifier on Indonesian text with calibrated probabilities.

    Pipeline: optional removal of source markers (outlet names, datelines,
    fact-checker labels) -> :class:`hoaxguard.text.TextPreprocessor` (one pass)
    -> TF-IDF word n-grams (+ optional char n-grams within words) ->
    class-weighted logistic regression -> Platt calibration on out-of-fold
    decision values, folded into the linear weights. The model therefore stays
    exactly linear in the features: ``decision_function`` is the calibrated
    log-odds and :meth:`explain` gives exact per-term contributions to it.

    Parameters
    ----------
    word_ngrams : (int, int) or None, default (1, 2)
        Word n-gram range on the preprocessed tokens.
    char_ngrams : (int, int) or None, default None
        Character n-gram range within tokens (``char_wb``); None disables.
    char_text : {"tokens", "surface"}, default "tokens"
        What the character n-grams read: ``"tokens"``, the preprocessed token
        string (stems, slang resolved, punctuation dropped); ``"surface"``, the
        text as written, only cleaned of source markers, case, styled letters
        and years (:func:`~hoaxguard.detect._features.surface_texts`): affixes,
        spelling and punctuation stay, which generalises better to sources
        the model has never seen.
    min_df : int, default 1
        Minimum document frequency of a feature.
    max_features : int or None, default 400_000
        Vocabulary cap per feature block (keeps the model file small).
    C : float, default 8.0
        Inverse L2 regularisation strength of the logistic regression.
    class_weight : "balanced" or None, default "balanced"
        Class weighting of the logistic regression (imbalance handling).
    stem, remove_stopwords, slang, style_signals : bool
        Passed to :class:`hoaxguard.text.TextPreprocessor`.
    strip_markers : bool, default True
        Remove source artifacts before featurising (see
        :func:`hoaxguard.detect.strip_source_markers`), at fit and predict time.
    mask_years : bool, default True
        Replace years (1950-2049) by one token; the era of collection differs by source.
    drop_tokens : tuple of str, default ()
        Tokens ignored as features, e.g. ``("xxmention", "xxurl")`` when some
        training sources had mentions/links removed upstream and others not.
    calibration_cv : int, default 3
        Folds for the out-of-fold decision values used by the calibration and
        the automatic threshold. 0 or 1 disables calibration (plain LR probabilities).
    prior : float or None, default None
        Expected share of hoaxes where the model is used. When given, the
        calibrated log-odds are shifted from the training prevalence to this
        prior (Bayes' rule); None keeps the training prevalence.
    threshold : float or None, default None
        Probability above which :meth:`predict` says hoax. None: chosen in
        :meth:`fit` as the threshold giving ``max_fpr`` false positives on the
        out-of-fold probabilities of the training negatives.
    max_fpr : float, default 0.05
        Target false-positive rate of the automatic threshold.
    max_group_fpr : float or None, default None
        With ``groups`` in :meth:`fit`: also no single valid group (source)
        above this out-of-source false-positive rate (the threshold is raised
        until the worst source is within it). None: only ``max_fpr``.
    random_state : int, default 0
        Seed of the CV folds and the solver.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        Calibrated weights (log-odds per unit TF-IDF).
    intercept_ : float
    threshold_ : float
        Decision threshold on the hoax probability (hoax when ``p > threshold_``).
    classes_ : ndarray ``[0, 1]`` (1 = hoax)
    calibration_ : dict
        ``slope`` and ``offset`` of the Platt calibration (already folded into coef_).
    train_prevalence_ : float

    Examples
    --------
    >>> det = HoaxDetector().fit(texts, labels)            # doctest: +SKIP
    >>> det.score(["SEBARKAN!! vaksin berisi chip"])       # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        word_ngrams: tuple[int, int] | None = (1, 2),
        char_ngrams: tuple[int, int] | None = None,
        char_text: str = "tokens",
        min_df: int = 1,
        max_features: int | None = 400_000,
        C: float = 8.0,
        class_weight: str | None = "balanced",
        stem: bool = True,
        remove_stopwords: bool = False,
        slang: bool = True,
        style_signals: bool = True,
        strip_markers: bool = True,
        mask_years: bool = True,
        drop_tokens: tuple[str, ...] = (),
        calibration_cv: int = 3,
        prior: float | None = None,
        threshold: float | None = None,
        max_fpr: float = 0.05,
        max_group_fpr: float | None = None,
        random_state: int = 0,
    ) -> None:
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.char_text = char_text
        self.min_df = min_df
        self.max_features = max_features
        self.C = C
        self.class_weight = class_weight
        self.stem = stem
        self.remove_stopwords = remove_stopwords
        self.slang = slang
        self.style_signals = style_signals
        self.strip_markers = strip_markers
        self.mask_years = mask_years
        self.drop_tokens = drop_tokens
        self.calibration_cv = calibration_cv
        self.prior = prior
        self.threshold = threshold
        self.max_fpr = max_fpr
        self.max_group_fpr = max_group_fpr
        self.random_state = random_state

    # ------------------------------------------------------------------ helpers
    def _preprocessor(self) -> Any:
        from hoaxguard.text import TextPreprocessor

        key = (self.stem, self.remove_stopwords, self.slang, self.style_signals)
        cached = self.__dict__.get("_tp_cache")
        if cached is None or cached[0] != key:
            tp = _SHARED_PREPROCESSORS.get(key)
            if tp is None:
                tp = TextPreprocessor(stem=self.stem, remove_stopwords=self.remove_stopwords,
                                      slang=self.slang, emoji="word",
                                      style_signals=self.style_signals, output="string").fit()
                _SHARED_PREPROCESSORS[key] = tp
            cached = (key, tp)
            self.__dict__["_tp_cache"] = cached
        return cached[1]

    def _docs(self, X: Iterable[object], cleaned: bool = False) -> list[str]:
        """Token strings; ``cleaned``: ``X`` comes from ``source_cleaned`` already."""
        return prepare_texts(as_text_list(X), self._preprocessor(),
                             strip_markers=self.strip_markers, mask_years=self.mask_years,
                             drop_tokens=tuple(self.drop_tokens or ()), cleaned=cleaned)

    def _inputs(self, X: Iterable[object]) -> dict[str, list[str]]:
        """What each feature block reads: ``"w"`` token strings, ``"c"`` tokens or surface text."""
        if self.char_text == "tokens" or not self.char_ngrams:
            docs = self._docs(X)
            return {"w": docs, "c": docs}
        if self.char_text != "surface":
            raise ValueError(f"char_text must be 'tokens' or 'surface', got {self.char_text!r}")
        cleaned = source_cleaned(as_text_list(X), self.strip_markers)  # once for both views
        docs = self._docs(cleaned, cleaned=True)
        return {"w": docs, "c": surface_texts(cleaned, strip_markers=self.strip_markers,
                                             mask_years=self.mask_years, cleaned=True)}

    def _features(self, inputs: dict[str, list[str]]) -> sp.csr_matrix:
        """The feature matrix, through exact fast transformers of the fitted vectorizers."""
        cached = self.__dict__.get("_fast_cache")
        if cached is None or cached[0] is not self.vectorizers_:
            fast = [(kind, fast_transformer(v)) for kind, v in self.vectorizers_]
            cached = (self.vectorizers_, fast)
            self.__dict__["_fast_cache"] = cached
        return transform_all(cached[1], inputs)

    def _lr(self) -> LogisticRegression:
        return LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear",
                                  max_iter=1000, random_state=self.random_state)

    @staticmethod
    def _encode_y(y: Iterable[object]) -> np.ndarray:
        yy = np.asarray(list(y) if not isinstance(y, (np.ndarray, pd.Series)) else y)
        if yy.dtype.kind in "biu" or yy.dtype == bool:
            vals = set(np.unique(yy).tolist())
            if not vals <= {0, 1}:
                raise ValueError(f"integer labels must be 0/1, got {sorted(vals)}")
            return yy.astype(np.int64)
        return binarize_labels(yy)

    # ------------------------------------------------------------------ fit
    def fit(self, X: Iterable[object], y: Iterable[object],
            sample_weight: np.ndarray | None = None,
            groups: Iterable[object] | None = None) -> HoaxDetector:
        """Learn vocabulary, weights, calibration and (unless given) the threshold.

        Parameters
        ----------
        X : iterable of str or pd.Series
            Texts.
        y : iterable
            1/0, True/False or "hoax"/"valid" (positive class = hoax).
        sample_weight : array, optional
            Per-text weights (multiplied with the class weights).
        groups : array, optional
            Source group of each text (e.g. its dataset). When given, the
            calibration folds never split a group (out-of-source decision
            values), and the automatic threshold gives ``max_fpr`` false flags
            with every valid group weighted equally: the threshold and the
            probabilities are then what a new source sees. Valid rows whose
            group is None (missing) do not count for the threshold (e.g. valid
            fact-check claims, which are not ordinary posts) and are calibrated
            as one group.

        Returns
        -------
        self
        """
        texts = as_text_list(X)
        yy = self._encode_y(y)
        if len(yy) != len(texts):
            raise ValueError(f"X has {len(texts)} texts but y has {len(yy)} labels")
        if len(np.unique(yy)) < 2:
            raise ValueError("fit needs both classes (hoax and valid) in y")
        sw = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        grp = thr_mask = None
        if groups is not None:
            gs = pd.Series(list(groups), dtype=object)
            thr_mask = gs.notna().to_numpy()
            grp = np.asarray(gs.where(gs.notna(), "<none>").astype(str))
        if grp is not None and len(grp) != len(yy):
            raise ValueError(f"groups has {len(grp)} values but y has {len(yy)}")
        inputs = self._inputs(texts)
        vecs = make_vectorizers(self.word_ngrams, self.char_ngrams, self.min_df, self.max_features)
        blocks = [fit_transform_limited(v, inputs[kind])[1] for kind, v in vecs]
        Xm = blocks[0].tocsr() if len(blocks) == 1 else sp.hstack(blocks, format="csr")
        self.vectorizers_ = vecs

        lr = self._lr().fit(Xm, yy, sample_weight=sw)
        w = lr.coef_.ravel().astype(np.float64)
        b = float(lr.intercept_[0])
        self.train_prevalence_ = float(yy.mean())

        slope, offset = 1.0, 0.0
        oof = None
        if self.calibration_cv and self.calibration_cv > 1:
            n_min = int(min(yy.sum(), len(yy) - yy.sum()))
            folds = min(int(self.calibration_cv), n_min)
            if folds >= 2:
                oof = np.empty(len(yy), dtype=np.float64)
                splits = None
                if grp is not None and len(np.unique(grp)) >= folds:
                    skf = StratifiedGroupKFold(n_splits=folds, shuffle=True,
                                               random_state=self.random_state)
                    splits = list(skf.split(np.zeros(len(yy)), yy, grp))
                    # a fold without both classes cannot be fitted: fall back to plain folds
                    if any(len(np.unique(yy[tr])) < 2 for tr, _ in splits):
                        splits = None
                if splits is None:
                    skf = StratifiedKFold(n_splits=folds, shuffle=True,
                                          random_state=self.random_state)
                    splits = list(skf.split(np.zeros(len(yy)), yy))
                for tr, te in splits:
                    m = self._lr().fit(Xm[tr], yy[tr], sample_weight=None if sw is None else sw[tr])
                    oof[te] = m.decision_function(Xm[te])
                cal = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000)
                cal.fit(oof.reshape(-1, 1), yy, sample_weight=sw)
                slope, offset = float(cal.coef_[0, 0]), float(cal.intercept_[0])
        shift = 0.0
        if self.prior is not None:
            if not 0.0 < self.prior < 1.0:
                raise ValueError("prior must be in (0, 1)")
            shift = _logit(self.prior) - _logit(self.train_prevalence_)
        self.coef_ = (slope * w).astype(np.float32)
        self.intercept_ = float(slope * b + offset + shift)
        self.calibration_ = {"slope": slope, "offset": offset, "prior_shift": shift,
                             "folds": 0 if oof is None else int(self.calibration_cv)}
        self.classes_ = np.array([0, 1])
        self.n_features_ = int(Xm.shape[1])
        from hoaxguard._version import __version__

        self.hoaxguard_version_ = __version__

        if self.threshold is not None:
            self.threshold_ = float(self.threshold)
        else:
            neg_scores = (oof * slope + offset + shift) if oof is not None else None
            if neg_scores is None:
                neg_scores = Xm @ self.coef_.astype(np.float64) + self.intercept_
            neg = (yy == 0) if thr_mask is None else (yy == 0) & thr_mask
            if not neg.any():
                neg = yy == 0
            neg_p = _sigmoid(np.asarray(neg_scores)[neg])
            weights = None
            if grp is not None:
                neg_g = pd.Series(grp[neg])
                weights = 1.0 / neg_g.map(neg_g.value_counts()).to_numpy(dtype=np.float64)
            thr = threshold_for_fpr(neg_p, self.max_fpr, weights)
            if grp is not None and self.max_group_fpr is not None:
                neg_g = np.asarray(grp[neg])
                for g in np.unique(neg_g):
                    thr = max(thr, threshold_for_fpr(neg_p[neg_g == g], self.max_group_fpr))
            self.threshold_ = float(thr)
        self.__dict__.pop("_names_cache", None)
        return self

    # ------------------------------------------------------------------ predict
    def _decision_from_matrix(self, Xm: sp.csr_matrix) -> np.ndarray:
        return np.asarray(Xm @ self.coef_.astype(np.float64)).ravel() + self.intercept_

    def decision_function(self, X: Iterable[object]) -> np.ndarray:
        """Calibrated log-odds that each text is a hoax (shape ``(n,)``)."""
        check_is_fitted(self, "coef_")
        return self._decision_from_matrix(self._features(self._inputs(X)))

    def predict_proba(self, X: Iterable[object]) -> np.ndarray:
        """Calibrated probabilities, shape ``(n, 2)``; column 1 = hoax."""
        p = _sigmoid(self.decision_function(X))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: Iterable[object]) -> np.ndarray:
        """1 (hoax) when the hoax probability is above ``threshold_``, else 0."""
        return (self.predict_proba(X)[:, 1] > self.threshold_).astype(np.int64)

    # ------------------------------------------------------------------ threshold
    def set_threshold(self, value: float) -> HoaxDetector:
        """Set the decision threshold on the hoax probability (also as the parameter)."""
        value = float(value)
        if not 0.0 <= value <= 1.0:
            raise ValueError("threshold must be a probability in [0, 1]")
        self.threshold = value
        self.threshold_ = value
        return self

    def choose_threshold(self, X_val: Iterable[object], y_val: Iterable[object],
                         max_fpr: float = 0.05) -> float:
        """Set ``threshold_`` so at most ``max_fpr`` of the valid texts in X_val are flagged.

        Returns
        -------
        float
            The new threshold.
        """
        yv = self._encode_y(y_val)
        p = self.predict_proba(X_val)[:, 1]
        if (yv == 0).sum() == 0:
            raise ValueError("choose_threshold needs valid (non-hoax) texts in y_val")
        self.set_threshold(threshold_for_fpr(p[yv == 0], max_fpr))
        return self.threshold_

    # ------------------------------------------------------------------ explain
    def feature_names_out(self) -> np.ndarray:
        """Feature names (word n-grams; char n-grams as ``~gram~``)."""
        check_is_fitted(self, "coef_")
        names = self.__dict__.get("_names_cache")
        if names is None:
            names = feature_names(self.vectorizers_)
            self.__dict__["_names_cache"] = names
        return names

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Alias of :meth:`feature_names_out` (scikit-learn naming)."""
        return self.feature_names_out()

    def _contributions(self, X: Iterable[object]) -> tuple[sp.csr_matrix, np.ndarray]:
        check_is_fitted(self, "coef_")
        Xm = self._features(self._inputs(X))
        return contribution_matrix(Xm, self.coef_), self._decision_from_matrix(Xm)

    def explain(self, texts: Iterable[object], top_k: int = 5) -> list[list[tuple[str, float]]]:
        """Exact per-term contributions to each text's log-odds.

        Returns, per text, the ``top_k`` terms with the largest absolute
        contribution ``coef_j * tfidf_j``, ordered from most hoax-ward
        (positive) to most valid-ward (negative). The log-odds equal
        ``intercept_`` plus the sum of all contributions.
        """
        contrib, _ = self._contributions(texts)
        ptr, idx, val = top_contributions(contrib, top_k)
        names = self.feature_names_out()
        return [[(str(names[j]), float(v)) for j, v in zip(idx[ptr[i]:ptr[i + 1]],
                                                           val[ptr[i]:ptr[i + 1]], strict=False)]
                for i in range(len(ptr) - 1)]

    def score(self, texts: Iterable[object] | pd.Series, y: Any = None, top_k: int = 5,
              sample_weight: Any = None) -> pd.DataFrame | float:
        """Score texts in one pass: probability, decision and top terms.

        Parameters
        ----------
        texts : list of str or pd.Series (its index is kept)
        y : optional
            When given, behaves like scikit-learn's ``score`` and returns the
            accuracy (so model-selection tools keep working).
        top_k : int
            Number of terms in ``top_terms``.

        Returns
        -------
        pd.DataFrame
            ``hoax_probability`` (float), ``is_hoax`` (bool, ``p > threshold_``),
            ``top_terms`` (str, e.g. ``"sebar (+0.84); xxurl (+0.51)"``).
        """
        if isinstance(y, (int, np.integer)) and not isinstance(y, bool):
            top_k, y = int(y), None  # score(texts, 3): a positional top_k
        if y is not None:
            return ClassifierMixin.score(self, texts, y, sample_weight=sample_weight)
        index = texts.index if isinstance(texts, (pd.Series, pd.DataFrame)) else None
        contrib, logit = self._contributions(texts)
        p = _sigmoid(logit)
        ptr, idx, val = top_contributions(contrib, top_k)
        terms = format_terms(ptr, idx, val, self.feature_names_out())
        out = pd.DataFrame({"hoax_probability": p, "is_hoax": p > self.threshold_,
                            "top_terms": terms})
        if index is not None:
            out.index = index
        return out

    # ------------------------------------------------------------------ persistence
    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())  # a copy: never mutate the live object
        for key in ("_tp_cache", "_names_cache", "_fast_cache"):
            state.pop(key, None)
        vecs = state.pop("vectorizers_", None)
        if vecs is not None:
            state["vectorizer_kinds_"] = [k for k, _ in vecs]
            state["vectorizer_states_"] = [vectorizer_state(v) for _, v in vecs]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        kinds = state.pop("vectorizer_kinds_", None)
        vstates = state.pop("vectorizer_states_", None)
        super().__setstate__(state)
        # parameters added after the file was saved take their defaults
        import inspect

        for name, param in inspect.signature(type(self).__init__).parameters.items():
            if name != "self" and name not in self.__dict__ and param.default is not param.empty:
                setattr(self, name, param.default)
        if kinds is not None and vstates is not None:
            self.vectorizers_ = [(k, vectorizer_from_state(s)) for k, s in zip(kinds, vstates, strict=False)]

    def __sklearn_tags__(self):  # noqa: D105
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags
