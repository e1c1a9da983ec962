"""Score a DataFrame: detector + counter-narrative match + rendered reply."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from hoaxguard.batch._columns import detect_text_column
from hoaxguard.batch._quarantine import MAX_TEXT_CHARS, text_problems
from hoaxguard.text._terms import readable_terms_many

#: Columns added to every scored row, in this order.
OUTPUT_COLUMNS: tuple[str, ...] = (
    "hoax_probability",
    "is_hoax",
    "flagged_by",
    "top_terms",
    "match_id",
    "match_verdict",
    "match_score",
    "match_candidates",
    "match_stance",
    "stance_confidence",
    "response",
    "error",
)

#: A ``denies`` stance at least this confident on a matched or near-matched topic
#: (best score >= half the threshold) also clears the detector's flag: official
#: statements and clarifications are not hoaxes (see :func:`score_frame`).
CONFIDENT_DENIAL = 0.8

#: Platform of the rendered ``response`` when none is given: most hoaxes a regency
#: office answers circulate in WhatsApp groups.
DEFAULT_PLATFORM = "whatsapp"


#: Reply formats that quote the matched post (rendered per text, not per template).
QUOTING_PLATFORMS = frozenset({"facebook", "press"})
#: Column names (any case) read as the platform of each row.
PLATFORM_COLUMNS = ("platform", "source_platform", "platform_name")


def _default_renderer() -> Callable[..., str]:
    from hoaxguard import render

    return render


def detect_platform_column(columns: Any) -> str | None:
    """The column holding each row's platform (``platform``, any case), or None."""
    by_lower = {str(c).strip().lower(): c for c in columns}
    return next((by_lower[name] for name in PLATFORM_COLUMNS if name in by_lower), None)


def _local_is_debunked(verdict: object) -> bool:
    if not isinstance(verdict, str) or not verdict.strip():
        return False
    v = " ".join(verdict.split()).upper()
    if v in ("SATIRE", "KLARIFIKASI", "BENAR"):
        return False
    return v in {"SALAH", "HOAKS", "HOAX", "DISINFORMASI", "MISINFORMASI", "PENIPUAN"} or (
        v.startswith("KONTEN ")
    )


def is_debunked(verdict: object) -> bool:
    """True when a template verdict says the claim was debunked (a hoax signal)."""
    try:
        from hoaxguard.counter._template import is_debunked as counter_is_debunked
    except ImportError:  # pragma: no cover - counter part not installed yet
        return _local_is_debunked(verdict)
    if not isinstance(verdict, str):
        return False
    return bool(counter_is_debunked(verdict))


@functools.lru_cache(maxsize=4)
def _load_model_cached(path: str | None) -> Any:
    from sklearn.exceptions import NotFittedError
    from sklearn.utils.validation import check_is_fitted

    import hoaxguard
    from hoaxguard.detect import HoaxDetector

    model = hoaxguard.load_model(path)
    where = path if path is not None else "the bundled model"
    # a valid hoaxguard model file may hold any estimator (or none at all): refuse it
    # here, once, instead of failing every row with "scoring failed: AttributeError"
    # any hoaxguard detector: HoaxDetector or one with its interface (e.g. the
    # office-adapted hoaxguard.review.LocalAdaptedDetector)
    duck = all(callable(getattr(model, m, None)) for m in ("score", "explain", "decision_function"))
    if not (isinstance(model, HoaxDetector) or duck):
        raise hoaxguard.ModelLoadError(
            f"{where}: holds a {type(model).__name__}, not a hoaxguard HoaxDetector; "
            "train one with 'hoaxguard train'"
        )
    try:
        check_is_fitted(model)
    except NotFittedError:
        raise hoaxguard.ModelLoadError(
            f"{where}: the HoaxDetector in this file is not fitted; train one with 'hoaxguard train'"
        ) from None
    return model


@functools.lru_cache(maxsize=4)
def _load_library_cached(path: str | None) -> Any:
    import hoaxguard

    return hoaxguard.CounterNarrativeLibrary.load(path)


def resolve_model(model: Any) -> Any:
    """A fitted detector from ``model``: None (bundled), a path, or a detector."""
    if model is None or isinstance(model, (str, bytes)) or hasattr(model, "__fspath__"):
        return _load_model_cached(None if model is None else str(model))
    return model


def resolve_library(library: Any) -> Any:
    """A template library from ``library``: None (bundled), a path, a library, or False (off)."""
    if library is False:
        return None
    if library is None or isinstance(library, (str, bytes)) or hasattr(library, "__fspath__"):
        return _load_library_cached(None if library is None else str(library))
    return library


def _empty_result(n: int) -> dict[str, np.ndarray]:
    return {
        "hoax_probability": np.full(n, np.nan),
        "is_hoax": np.full(n, None, dtype=object),
        "flagged_by": np.full(n, None, dtype=object),
        "top_terms": np.full(n, None, dtype=object),
        "match_id": np.full(n, None, dtype=object),
        "match_verdict": np.full(n, None, dtype=object),
        "match_score": np.full(n, np.nan),
        "match_candidates": np.full(n, None, dtype=object),
        "match_stance": np.full(n, None, dtype=object),
        "stance_confidence": np.full(n, np.nan),
        "response": np.full(n, None, dtype=object),
        "error": np.full(n, None, dtype=object),
    }


def _none_if_missing(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return value


def _format_candidates(cands: Any) -> str | None:
    """``id:score; id:score; ...`` from ``(id, score)`` pairs (bare ids are kept as they are)."""
    parts = [
        f"{c[0]}:{float(c[1]):.3f}" if isinstance(c, (tuple, list)) and len(c) == 2 else str(c)
        for c in (cands if isinstance(cands, (list, tuple)) else [])
    ]
    return "; ".join(parts) or None


def _stance_columns(
    m: pd.DataFrame, is_match: np.ndarray, scores: np.ndarray, library: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stance, confidence and denial mask for matched or near-matched rows (else None/NaN/False)."""
    n = len(m)
    related = is_match | (scores >= 0.5 * float(getattr(library, "threshold", 0.0) or 0.0))
    related &= scores > 0
    if "match_stance" not in m:
        return np.full(n, None, dtype=object), np.full(n, np.nan), np.zeros(n, dtype=bool)
    stance = np.where(related, m["match_stance"].to_numpy(dtype=object), None)
    confidence = np.where(related, m["stance_confidence"].to_numpy(dtype=float), np.nan)
    return stance, confidence, stance == "denies"


def _fill(
    res: dict[str, np.ndarray],
    pos: np.ndarray,
    texts: pd.Series,
    model: Any,
    library: Any,
    *,
    platform: str,
    threshold: float | None,
    top_k: int,
    k: int,
    render_context: Mapping[str, Any],
    renderer: Callable[..., str] | None = None,
) -> None:
    """Score ``texts`` (valid strings, RangeIndex) into rows ``pos`` of ``res``."""
    det = model.score(texts, top_k=top_k)
    prob = det["hoax_probability"].to_numpy(dtype=float)
    if threshold is None:
        model_flag = det["is_hoax"].to_numpy(dtype=bool)
    else:
        model_flag = prob > float(threshold)  # same rule as HoaxDetector.score
    n = len(texts)
    match_flag = np.zeros(n, dtype=bool)
    is_match = np.zeros(n, dtype=bool)
    if library is not None:
        m = library.match(texts, k=k)
        is_match = m["is_match"].to_numpy(dtype=bool)
        ids = m["match_id"].to_numpy(dtype=object)
        verdicts = m["match_verdict"].to_numpy(dtype=object)
        scores = m["match_score"].to_numpy(dtype=float)
        res["match_score"][pos] = scores
        res["match_candidates"][pos] = [_format_candidates(c) for c in m["candidates"]]
        stance, confidence, denies = _stance_columns(m, is_match, scores, library)
        res["match_stance"][pos] = stance
        res["stance_confidence"][pos] = confidence
        model_flag = model_flag & ~(denies & (confidence >= CONFIDENT_DENIAL))
        if renderer is None:
            renderer = _default_renderer()
        from hoaxguard.counter._notes import RENDERED_KINDS, reply_kind, reply_note

        responses = np.full(n, None, dtype=object)
        cache: dict[Any, str | None] = {}
        quotes = renderer is not _default_renderer() or platform in QUOTING_PLATFORMS
        agency = render_context.get("agency")
        for i in np.flatnonzero(is_match):
            tid = ids[i]
            kind = reply_kind(verdicts[i], stance[i])
            rendered = kind in RENDERED_KINDS
            key = (tid, kind, texts.iat[i]) if (quotes and rendered) else (tid, kind)
            if key not in cache:
                tpl = library.get(tid)
                if rendered:  # the matched post is quoted as the circulating claim
                    ctx = {"post": texts.iat[i], **render_context}
                    cache[key] = renderer(tpl, platform, **ctx)
                else:
                    cache[key] = reply_note(tpl, kind, agency=agency)
            responses[i] = cache[key]
            match_flag[i] = is_debunked(verdicts[i]) and not denies[i]
        ids = np.where(is_match, ids, None)
        verdicts = np.where(is_match, verdicts, None)
        res["match_id"][pos] = [_none_if_missing(v) for v in ids]
        res["match_verdict"][pos] = [_none_if_missing(v) for v in verdicts]
        res["response"][pos] = responses
    flagged = model_flag | match_flag
    by = np.full(n, None, dtype=object)
    by[model_flag & ~match_flag] = "model"
    by[match_flag & ~model_flag] = "match"
    by[model_flag & match_flag] = "model+match"
    res["hoax_probability"][pos] = prob
    res["is_hoax"][pos] = flagged
    res["flagged_by"][pos] = by
    terms = readable_terms_many(texts, det["top_terms"].to_numpy(dtype=object))  # words for people
    res["top_terms"][pos] = [_none_if_missing(v) for v in terms]


class ResultCache:
    """Scores of recently seen texts (exact text -> output values), oldest dropped first.

    Exports repeat texts (forwarded messages, retweets, copy-paste campaigns);
    scoring is a pure function of the text, so a repeated text reuses its scores.
    Failed rows are never cached. ``added`` collects the entries scored since the
    cache was made (a worker sends them back to the main process's cache).
    """

    def __init__(
        self, max_size: int = 100_000, data: dict[str, tuple[Any, ...]] | None = None
    ) -> None:
        self.max_size = max_size
        self.data: dict[str, tuple[Any, ...]] = {} if data is None else data
        self.added: dict[str, tuple[Any, ...]] = {}

    def trim(self) -> None:
        """Drop the oldest entries above ``max_size``."""
        data = self.data
        while len(data) > self.max_size:
            data.pop(next(iter(data)))


def text_key(text: str, platform: str | None = None) -> str:
    """Result-cache key of a text whose reply is rendered for ``platform`` (None: the default)."""
    return text if platform is None else f"\x00{platform}\x00{text}"


def _row_platforms(
    platforms: pd.Series | None, pos: np.ndarray, default: str, library: Any
) -> list[str | None]:
    """Reply platform of each row at ``pos``; None where it is the run's default."""
    if platforms is None or library is None:
        return [None] * len(pos)
    from hoaxguard.counter._render import reply_platform

    base = reply_platform(None, default)
    kinds = [reply_platform(v, base) for v in platforms.to_numpy(dtype=object)[pos]]
    return [None if kd == base else kd for kd in kinds]


def cache_keys(
    texts: pd.Series, platforms: pd.Series | None, default: str, matching: bool = True
) -> set[str]:
    """Result-cache keys of the scorable texts of a chunk (see :func:`text_key`)."""
    ok = np.array([isinstance(t, str) for t in texts.tolist()], dtype=bool)
    pos = np.flatnonzero(ok)
    kinds = _row_platforms(platforms, pos, default, True if matching else None)
    values = texts.to_numpy(dtype=object)[pos].tolist()
    return {text_key(v, kd) for v, kd in zip(values, kinds, strict=True)}


def _score_unique(
    todo: list[str], model: Any, library: Any, kwargs: dict[str, Any]
) -> list[tuple[Any, ...]]:
    """Output values (in :data:`OUTPUT_COLUMNS` order) for distinct texts."""
    res = _empty_result(len(todo))
    pos = np.arange(len(todo))
    try:
        _fill(res, pos, pd.Series(todo, dtype=object), model, library, **kwargs)
    except Exception:  # isolate the failing rows
        for p in pos:
            try:
                _fill(
                    res, np.array([p]), pd.Series([todo[p]], dtype=object), model, library, **kwargs
                )
            except Exception as exc:  # noqa: BLE001 - reported per row
                res["error"][p] = f"scoring failed: {type(exc).__name__}: {exc}"
    cols = [res[c] for c in OUTPUT_COLUMNS]
    return list(zip(*cols, strict=True))


def score_texts(
    texts: pd.Series,
    *,
    model: Any,
    library: Any,
    platform: str = DEFAULT_PLATFORM,
    threshold: float | None = None,
    top_k: int = 5,
    k: int = 3,
    max_chars: int = MAX_TEXT_CHARS,
    render_context: Mapping[str, Any] | None = None,
    renderer: Callable[..., str] | None = None,
    problems: pd.Series | None = None,
    cache: ResultCache | None = None,
    platforms: pd.Series | None = None,
) -> pd.DataFrame:
    """The added columns (:data:`OUTPUT_COLUMNS`) for ``texts``; same index.

    ``platforms`` (same index) gives each row's platform (``x``, ``Twitter``,
    ``fb``, ``ig``, ``wa``, ``tiktok``, ...): its reply is rendered for it;
    rows without a known platform get ``platform``.

    ``model`` and ``library`` must already be resolved objects (``library`` may be
    None for no matching). Each distinct text is scored once (and reused from
    ``cache`` across calls when given). Texts that cannot be scored get a reason
    in ``error``; when scoring a batch raises, texts are retried one by one and
    only the failing ones get the exception in ``error``.
    """
    n = len(texts)
    res = _empty_result(n)
    if problems is None:
        problems = text_problems(texts, max_chars)
    reasons = problems.to_numpy(dtype=object)
    ok = np.array([r is None for r in reasons], dtype=bool)
    res["error"][~ok] = reasons[~ok]
    pos = np.flatnonzero(ok)
    kwargs = dict(
        platform=platform,
        threshold=threshold,
        top_k=top_k,
        k=k,
        render_context=dict(render_context or {}),
        renderer=renderer,
    )
    if len(pos):
        values = texts.to_numpy(dtype=object)[pos].tolist()
        kinds = _row_platforms(platforms, pos, platform, library)
        keys = [text_key(v, kd) for v, kd in zip(values, kinds, strict=True)]
        what = dict(zip(keys, zip(values, kinds, strict=True), strict=True))
        memo = cache.data if cache is not None else {}
        todo = [t for t in dict.fromkeys(keys) if t not in memo]
        fresh: dict[str, tuple[Any, ...]] = {}
        for kind in dict.fromkeys(what[t][1] for t in todo):  # one pass per reply platform
            group = [t for t in todo if what[t][1] == kind]
            opts = kwargs if kind is None else {**kwargs, "platform": kind}
            done = _score_unique([what[t][0] for t in group], model, library, opts)
            fresh.update(zip(group, done, strict=True))
        rows = [fresh[v] if v in fresh else memo[v] for v in keys]
        for j, name in enumerate(OUTPUT_COLUMNS):
            res[name][pos] = [r[j] for r in rows]
        if cache is not None:
            for text, row in fresh.items():
                if row[-1] is None:  # no error
                    memo[text] = row
                    cache.added[text] = row
            cache.trim()
    out = pd.DataFrame(res, index=texts.index)
    out["is_hoax"] = out["is_hoax"].astype("boolean")
    return out


def score_frame(
    df: pd.DataFrame | pd.Series,
    text_col: str | None = None,
    *,
    model: Any = None,
    library: Any = None,
    platform: str = DEFAULT_PLATFORM,
    threshold: float | None = None,
    top_k: int = 5,
    k: int = 3,
    max_chars: int = MAX_TEXT_CHARS,
    render_context: Mapping[str, Any] | None = None,
    renderer: Callable[..., str] | None = None,
    platform_col: str | bool | None = None,
    trusted_accounts: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Score every row of ``df``: hoax probability, flag, matched fact-check, reply.

    Parameters
    ----------
    df : pd.DataFrame or pd.Series
        The posts; every column is kept, the index too.
    text_col : str, optional
        Column with the text; detected from common export names when omitted
        (see :data:`hoaxguard.batch.TEXT_COLUMN_NAMES`).
    model : HoaxDetector, path or None
        Fitted detector, or path for :func:`hoaxguard.load_model`; None = bundled.
    library : CounterNarrativeLibrary, path, None or False
        Template library (None = bundled, False = no matching).
    platform : {"whatsapp", "x", "facebook", "instagram", "press"}
        Platform the ``response`` is rendered for when a row has none (default
        ``"whatsapp"``).
    platform_col : str or False, optional
        Column with each row's platform (``x``/``twitter``, ``facebook``/``fb``,
        ``instagram``/``ig``, ``whatsapp``/``wa``, ``tiktok``; any case): its
        reply is rendered for it. Default: a ``platform`` column when present;
        False = one ``platform`` for every row.
    threshold : float, optional
        Overrides the detector's ``threshold_`` for the model flag.
    top_k, k : int
        Explaining terms kept; template candidates considered.
    max_chars : int
        Longer texts are not scored (``error`` says why).
    render_context : mapping, optional
        Extra keyword arguments for :func:`hoaxguard.render`.
    renderer : callable, optional
        ``renderer(template, platform, **context) -> str``; default
        :func:`hoaxguard.render`.
    trusted_accounts : iterable of str, optional
        Accounts whose posts are never flagged (``flagged_by`` ``"trusted"``); see
        :func:`hoaxguard.batch.score_file`.

    Returns
    -------
    pd.DataFrame
        ``df`` with :data:`OUTPUT_COLUMNS` appended. ``hoax_probability`` is the raw
        detector probability; ``is_hoax`` = model flag OR (a template matched AND its
        verdict is a debunking one); ``flagged_by`` says which (``model``, ``match``,
        ``model+match``). ``match_id``/``match_verdict``/``response`` are set only for
        matched rows; ``match_score`` is the best similarity for every scored row and
        ``match_candidates`` the top candidates as ``id:score; id:score; ...`` (near
        misses). ``match_stance`` (``repeats``/``denies``) and ``stance_confidence``
        are set for matched and near-matched rows (best score >= half the library
        threshold). Flag rule: a match flags only when its verdict is debunking and
        the stance is ``repeats``; a ``denies`` stance with confidence >=
        :data:`CONFIDENT_DENIAL` also clears the model flag (the office's own
        clarifications are not hoaxes). A denying post gets a short "bagikan
        klarifikasi ini" note instead of a debunk (see :mod:`hoaxguard.counter._notes`).
        Rows that cannot be scored keep missing scores and a reason in ``error``.
    """
    if isinstance(df, pd.Series):
        df = df.to_frame(name=df.name if df.name is not None else "text")
    col = detect_text_column(list(df.columns), text_col)
    if platform_col is None or platform_col is True:
        platform_col = detect_platform_column(df.columns)
    elif platform_col is not False and platform_col not in df.columns:
        raise KeyError(f"platform column {platform_col!r} not in the data")
    added = score_texts(
        df[col],
        model=resolve_model(model),
        library=resolve_library(library),
        platform=platform,
        threshold=threshold,
        top_k=top_k,
        k=k,
        max_chars=max_chars,
        render_context=render_context,
        renderer=renderer,
        platforms=df[platform_col] if platform_col else None,
    )
    out = df.copy()
    clashes = [c for c in OUTPUT_COLUMNS if c in out.columns]
    if clashes:
        warnings.warn(
            f"input columns replaced by scores: {', '.join(clashes)}", UserWarning, stacklevel=2
        )
    for name in OUTPUT_COLUMNS:
        out[name] = added[name].to_numpy() if name != "is_hoax" else added[name].array
    if trusted_accounts:
        from hoaxguard.batch._trusted import apply_trusted

        apply_trusted(out, trusted_accounts)
    return out
