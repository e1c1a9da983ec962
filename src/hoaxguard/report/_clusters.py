"""Narrative clusters: group posts that are variants of the same claim.

Copy-paste chains and edited reposts are grouped with MinHash signatures over
the texts' content words and locality-sensitive hashing (LSH), all in
numpy/scipy: exact duplicates are collapsed first, candidate pairs come from LSH
band collisions (linear in the number of texts, no pairwise loop), candidates
are verified on their exact Jaccard similarity (sparse row products), and
clusters are the connected components of the verified pairs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["add_cluster_columns", "cluster_narratives"]

#: column names tried, in order, when ``time_col`` is not given
TIME_COLUMNS = ("created_at", "timestamp", "time", "date", "published_at", "posted_at")

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MENTION = re.compile(r"@\w+")
_MASK32 = np.uint64(0xFFFFFFFF)
_SHIFT32 = np.uint64(32)


def simple_normalize(text: str) -> str:
    """Lowercase, mask URLs and mentions, keep only words; the fallback normaliser."""
    text = _URL.sub(" xxurl ", text)
    text = _MENTION.sub(" xxmention ", text)
    return " ".join(_WORD.findall(text.lower()))


def _get_normalizer(normalizer: Callable[[str], str] | str) -> Callable[[str], str]:
    if callable(normalizer):
        return normalizer
    if normalizer == "simple":
        return simple_normalize
    if normalizer == "text":
        from hoaxguard.text import normalize

        return normalize
    raise ValueError(f"normalizer must be 'text', 'simple' or a callable, got {normalizer!r}")


_PLACEHOLDER = re.compile(r"^xx[a-z]+$")
#: tokens that say nothing about the claim (retweet/cc markers, corpus placeholders)
_NOISE = frozenset({"rt", "cc", "via", "user", "url"})


def _share_calls() -> frozenset[str]:
    try:
        from hoaxguard.text import SHARE_CALLS
    except ImportError:  # pragma: no cover - text part not installed
        return frozenset({"sebarkan", "viralkan", "bagikan", "teruskan", "share"})
    return frozenset(SHARE_CALLS)


def _stopword_set(stopwords: bool | Iterable[str]) -> frozenset[str]:
    if stopwords is True:
        try:
            from hoaxguard.text._resources import default_stopwords
        except ImportError:  # pragma: no cover - text part not installed
            return _share_calls()
        return frozenset(default_stopwords()) | _share_calls()
    if stopwords is False or stopwords is None:
        return frozenset()
    return frozenset(str(w).lower() for w in stopwords)


def _content_words(text: str, drop: frozenset[str]) -> str:
    """Drop stopwords and placeholder tokens (xxurl, xxemoji ...); keep all if none is left."""
    kept = [
        w for w in text.split() if w not in drop and w not in _NOISE and not _PLACEHOLDER.match(w)
    ]
    return " ".join(kept) if kept else text


def _shingles(size: int) -> Callable[[str], list[str]]:
    def analyzer(text: str) -> list[str]:
        words = text.split()
        if len(words) < size:
            return [" ".join(words)] if words else []
        return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]

    return analyzer


def _minhash(
    texts: list[str], *, shingle: int, num_perm: int, seed: int, chunk_nnz: int = 4_000_000
) -> tuple[np.ndarray, np.ndarray, Any]:
    """MinHash signatures (n, num_perm) uint32, a mask of texts with shingles,
    and the binary shingle matrix (CSR, hashed columns) for exact verification."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import HashingVectorizer

    vec = HashingVectorizer(
        analyzer=_shingles(shingle),
        n_features=2**30,
        binary=True,
        norm=None,
        alternate_sign=False,
        dtype=np.float32,
    )
    n = len(texts)
    sig = np.empty((n, num_perm), dtype=np.uint32)
    has = np.zeros(n, dtype=bool)
    rng = np.random.default_rng(seed)
    # multiply-shift hashing: ((a * x + b) mod 2**64) >> 32, a odd
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    start = 0
    step = max(1, chunk_nnz // 40)
    blocks = []
    while start < n:
        stop = min(n, start + step)
        X = vec.transform(texts[start:stop])
        X.sort_indices()
        blocks.append(X)
        lengths = np.diff(X.indptr)
        nonempty = lengths > 0
        has[start:stop] = nonempty
        sig[start:stop] = np.iinfo(np.uint32).max
        if X.nnz:
            ids = X.indices.astype(np.uint64)
            starts = X.indptr[:-1][nonempty]
            rows = np.flatnonzero(nonempty) + start
            for k in range(num_perm):
                vals = ((ids * a[k] + b[k]) >> _SHIFT32).astype(np.uint32)
                sig[rows, k] = np.minimum.reduceat(vals, starts)
        start = stop
    matrix = sp.vstack(blocks, format="csr") if blocks else sp.csr_matrix((0, 2**30))
    return sig, has, matrix


def _lsh_pairs(sig: np.ndarray, idx: np.ndarray, bands: int, seed: int) -> np.ndarray:
    """Candidate pairs (m, 2) of positions in ``idx`` that share an LSH bucket."""
    rows = sig.shape[1] // bands
    rng = np.random.default_rng(seed + 1)
    mult = rng.integers(1, 2**63, size=rows, dtype=np.uint64) | np.uint64(1)
    out = []
    sub = sig[idx]
    for band in range(bands):
        block = sub[:, band * rows : (band + 1) * rows].astype(np.uint64)
        key = np.zeros(len(idx), dtype=np.uint64)
        for r in range(rows):
            key = (key ^ block[:, r]) * mult[r]
            key ^= key >> _SHIFT32
        order = np.argsort(key, kind="stable")
        skey = key[order]
        new_group = np.ones(len(skey), dtype=bool)
        new_group[1:] = skey[1:] != skey[:-1]
        leader_pos = np.maximum.accumulate(np.where(new_group, np.arange(len(skey)), 0))
        member = ~new_group
        if member.any():
            out.append(np.stack([order[member], order[leader_pos[member]]], axis=1))
    if not out:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(out).astype(np.int64)
    lo, hi = np.minimum(pairs[:, 0], pairs[:, 1]), np.maximum(pairs[:, 0], pairs[:, 1])
    code = np.unique(lo * len(idx) + hi)
    return np.stack([code // len(idx), code % len(idx)], axis=1)


def _verify(
    matrix: Any, pairs: np.ndarray, threshold: float, chunk: int = 1_000_000
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs whose exact Jaccard similarity is >= threshold, and that similarity."""
    sizes = np.diff(matrix.indptr)
    sims = np.zeros(len(pairs), dtype=np.float64)
    for s in range(0, len(pairs), chunk):
        p = pairs[s : s + chunk]
        inter = np.asarray(matrix[p[:, 0]].multiply(matrix[p[:, 1]]).sum(axis=1)).ravel()
        union = sizes[p[:, 0]] + sizes[p[:, 1]] - inter
        sims[s : s + chunk] = inter / np.maximum(union, 1)
    keep = sims >= threshold - 1e-12
    return pairs[keep], sims[keep]


def _strongest_links(pairs: np.ndarray, sims: np.ndarray, k: int) -> np.ndarray:
    """Keep a link when it is among the ``k`` most similar links of either of its texts.

    Texts that resemble several narratives a little (short, generic posts) then
    cannot chain those narratives together, while a copy-paste chain, whose
    neighbours are each other's closest texts, stays connected.
    """
    m = len(pairs)
    if m == 0:
        return pairs
    node = np.concatenate([pairs[:, 0], pairs[:, 1]])
    other = np.concatenate([pairs[:, 1], pairs[:, 0]])
    edge = np.concatenate([np.arange(m), np.arange(m)])
    order = np.lexsort((other, -np.concatenate([sims, sims]), node))
    node_sorted = node[order]
    start = np.ones(len(order), dtype=bool)
    start[1:] = node_sorted[1:] != node_sorted[:-1]
    first = np.maximum.accumulate(np.where(start, np.arange(len(order)), 0))
    rank = np.arange(len(order)) - first
    keep = np.zeros(m, dtype=bool)
    keep[edge[order][rank < k]] = True
    return pairs[keep]


def _to_datetime(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return values
    try:
        out = pd.to_datetime(values, errors="coerce", format="mixed")
    except (ValueError, TypeError):
        out = pd.to_datetime(values, errors="coerce", format="mixed", utc=True)
    if not pd.api.types.is_datetime64_any_dtype(out):  # mixed time zones
        out = pd.to_datetime(values, errors="coerce", format="mixed", utc=True)
    return out


def _resolve_time_col(df: pd.DataFrame, time_col: str | None) -> str | None:
    if time_col is not None:
        if time_col not in df.columns:
            raise KeyError(f"time column {time_col!r} not in the DataFrame")
        return time_col
    return next((c for c in TIME_COLUMNS if c in df.columns), None)


def _as_timestamp(now: Any, times: pd.Series) -> pd.Timestamp | None:
    if now is None:
        return times.max() if times.notna().any() else None
    stamp = pd.Timestamp(now)
    tz = getattr(times.dt, "tz", None)
    if tz is not None and stamp.tzinfo is None:
        stamp = stamp.tz_localize(tz)
    elif tz is None and stamp.tzinfo is not None:
        stamp = stamp.tz_convert(None)
    return stamp


def cluster_id_for(text: str) -> str:
    """Stable cluster id for the (simply normalised) text of a cluster's representative."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    return f"N{digest[:11]}"


def _majority(keys: np.ndarray, values: pd.Series) -> pd.DataFrame:
    """Most frequent non-empty value per key (ties -> smallest value) with its count."""
    frame = pd.DataFrame({"key": keys, "value": values.to_numpy(dtype=object)})
    frame = frame[frame["value"].notna()]
    frame["value"] = frame["value"].astype(str)
    frame = frame[frame["value"].str.strip() != ""]
    if frame.empty:
        return pd.DataFrame(columns=["value", "count"]).rename_axis("key")
    counts = frame.groupby(["key", "value"], sort=False).size().rename("count").reset_index()
    counts = counts.sort_values(["key", "count", "value"], ascending=[True, False, True])
    return counts.drop_duplicates("key").set_index("key")[["value", "count"]]


def cluster_narratives(
    df: pd.DataFrame,
    text_col: str = "text",
    time_col: str | None = None,
    *,
    threshold: float = 0.35,
    shingle: int = 1,
    num_perm: int = 96,
    bands: int = 32,
    normalizer: Callable[[str], str] | str = "simple",
    stopwords: bool | Iterable[str] = True,
    now: Any = None,
    min_size: int = 1,
    min_words: int = 3,
    neighbors: int | None = 3,
    random_state: int = 0,
) -> tuple[pd.Series, pd.DataFrame]:
    """Group posts that are variants of the same claim into narrative clusters.

    Parameters
    ----------
    df : DataFrame
        Posts, e.g. the output of :func:`hoaxguard.score_frame`. Optional columns
        used when present: ``match_id``, ``response``, ``is_hoax``,
        ``hoax_probability``, ``platform``, ``account``.
    text_col : str, default "text"
        Column with the post text.
    time_col : str, optional
        Column with the post time; by default the first of ``created_at``,
        ``timestamp``, ``time``, ``date``, ``published_at``, ``posted_at`` present.
    threshold : float, default 0.35
        Minimum estimated Jaccard similarity of the texts' word ``shingle``-gram
        sets (content words: stopwords and placeholders dropped) for two posts
        to be linked. Clusters are connected components of the links, so
        copy-paste chains with gradual edits end up in one cluster. Raise it
        (e.g. 0.5-0.7) to group only near-identical copies.
    shingle : int, default 1
        Word n-gram size of the shingles: 1 compares word sets (robust to
        reordering and paraphrase), 2 word pairs (stricter).
    num_perm, bands : int, default 96, 32
        MinHash signature length and number of LSH bands (``num_perm % bands == 0``);
        pairs above about ``(1 / bands) ** (bands / num_perm)`` similarity are
        almost always found.
    normalizer : {"simple", "text"} or callable, default "simple"
        ``str -> str`` applied to each distinct text before comparing; its
        output is split on whitespace. ``"simple"`` lowercases, masks
        URLs/mentions and keeps words; ``"text"`` is :func:`hoaxguard.text.normalize`
        (also slang, elongation, leetspeak), about twice as slow on large files
        and, in ``benchmarks/bench_clusters.py``, no better at grouping variants.
    stopwords : bool or iterable of str, default True
        Words ignored when comparing texts: True = hoaxguard's Indonesian
        stopword list plus calls to share ("sebarkan", "viralkan" ...),
        False = none, or your own list.
    now : timestamp-like, optional
        Reference time for growth; defaults to the latest time in the data.
    min_size : int, default 1
        Smallest cluster listed in the returned summary (assignments always
        cover every post).
    min_words : int, default 3
        Texts with fewer content words are grouped only with texts that
        normalise to exactly the same words (short generic posts such as
        "terima kasih" would otherwise link unrelated narratives).
    neighbors : int or None, default 3
        Each text keeps only the links to its ``neighbors`` most similar texts
        (a link survives when either end keeps it), so a generic post that
        resembles several narratives a little cannot merge them; ``None`` keeps
        every link (plain single-linkage).
    random_state : int, default 0
        Seed of the hash functions; fixed so results are reproducible.

    Returns
    -------
    assignments : Series
        ``cluster_id`` per row, aligned to ``df.index`` (missing for empty texts).
    clusters : DataFrame
        One row per cluster, fastest-growing first: ``cluster_id``, ``size``,
        ``n_variants`` (distinct texts), ``representative_text``, ``first_seen``, ``last_seen``,
        ``posts_last_day``, ``posts_last_week``, ``growth_day``, ``growth_week``
        (change against the previous day/week), ``match_id``, ``match_share``,
        ``response``, and ``hoax_share``, ``mean_probability``, ``n_platforms``,
        ``n_accounts`` when the inputs exist.

    Notes
    -----
    The id is ``"N"`` + the first 11 hex digits of the SHA-1 of the
    representative post's text, lowercased with URLs/mentions masked and
    punctuation dropped (:func:`simple_normalize`, whatever ``normalizer`` is).
    The representative is the earliest post (ties: the most frequent variant,
    then alphabetical order) or, without times, the most frequent variant. The
    id does not depend on row order or on the normaliser, so re-running on a
    file with more posts keeps the ids of clusters whose earliest post is unchanged.
    """
    if text_col not in df.columns:
        raise KeyError(f"text column {text_col!r} not in the DataFrame")
    if num_perm % bands:
        raise ValueError("num_perm must be a multiple of bands")
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    normalizer = _get_normalizer(normalizer)
    time_col = _resolve_time_col(df, time_col)

    n = len(df)
    raw = df[text_col]
    raw_codes, raw_uniques = pd.factorize(
        raw.astype(object).where(raw.notna(), None), use_na_sentinel=True
    )
    drop = _stopword_set(stopwords)
    norm_of_raw = [_content_words(normalizer(str(t)).strip(), drop) for t in raw_uniques]
    norm_codes_of_raw, norm_uniques = pd.factorize(pd.Series(norm_of_raw, dtype=object))
    norm_list = [str(t) for t in norm_uniques]
    u = np.full(n, -1, dtype=np.int64)  # row -> unique normalised text
    valid_rows = raw_codes >= 0
    u[valid_rows] = norm_codes_of_raw[raw_codes[valid_rows]]

    n_u = len(norm_list)
    sig, has, matrix = _minhash(norm_list, shingle=shingle, num_perm=num_perm, seed=random_state)
    n_words = np.fromiter((len(t.split()) for t in norm_list), dtype=np.int64, count=n_u)
    idx = np.flatnonzero(has & (n_words >= min_words))
    pairs = _lsh_pairs(sig, idx, bands, random_state) if len(idx) else np.empty((0, 2), int)
    pairs = idx[pairs] if len(pairs) else pairs
    pairs, sims = _verify(matrix, pairs, threshold)
    del sig, matrix
    if neighbors:
        pairs = _strongest_links(pairs, sims, neighbors)

    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix(
        (np.ones(len(pairs), dtype=np.int8), (pairs[:, 0], pairs[:, 1])), shape=(n_u, n_u)
    )
    _, comp = connected_components(graph, directed=False)
    u_ok = has.copy()
    row_ok = np.zeros(n, dtype=bool)
    row_ok[u >= 0] = u_ok[u[u >= 0]]

    # per unique text: count and first time
    counts_u = np.bincount(u[row_ok], minlength=n_u)
    times = None
    if time_col is not None:
        times = _to_datetime(df[time_col])
        t_ns = times.to_numpy(dtype="datetime64[ns]").astype(np.int64)
        t_ok = times.notna().to_numpy()
        big = np.iinfo(np.int64).max
        first_u = np.full(n_u, big, dtype=np.int64)
        sel = row_ok & t_ok
        np.minimum.at(first_u, u[sel], t_ns[sel])
    else:
        first_u = np.zeros(n_u, dtype=np.int64)

    # representative per component: earliest, then most frequent, then smallest text
    ulev = pd.DataFrame(
        {
            "comp": comp,
            "first": first_u,
            "count": counts_u,
            "text": pd.Series(norm_list, dtype=object),
        }
    )
    ulev = ulev[u_ok & (counts_u > 0)]
    ulev = ulev.sort_values(
        ["comp", "first", "count", "text"], ascending=[True, True, False, True], kind="stable"
    )
    reps = ulev.drop_duplicates("comp")
    comps = reps["comp"].to_numpy()
    rep_u = reps.index.to_numpy()

    row_comp = np.full(n, -1, dtype=np.int64)
    row_comp[row_ok] = comp[u[row_ok]]

    # representative original text: earliest row (then alphabetical) among the rep's rows
    rep_set = np.zeros(n_u + 1, dtype=bool)
    rep_set[rep_u] = True
    rows = np.flatnonzero(row_ok & rep_set[np.clip(u, 0, None)])
    sub = pd.DataFrame(
        {"comp": row_comp[rows], "text": df[text_col].iloc[rows].astype(str).to_numpy(dtype=object)}
    )
    sort_cols = ["comp", "text"]
    if times is not None:
        sub["t"] = times.iloc[rows].to_numpy()
        sort_cols = ["comp", "t", "text"]
    sub = sub.sort_values(sort_cols, kind="stable", na_position="last").drop_duplicates("comp")
    rep_text = sub.set_index("comp")["text"].reindex(comps)

    comp_to_id = pd.Series(_cluster_ids(rep_text.tolist(), reps["text"].tolist()), index=comps)
    ids = np.full(n, None, dtype=object)
    ids[row_ok] = comp_to_id.reindex(row_comp[row_ok]).to_numpy()
    assignments = pd.Series(ids, index=df.index, name="cluster_id")

    clusters = _summarise(df, row_ok, row_comp, comp_to_id, rep_text, raw_codes, times, now)
    clusters = clusters[clusters["size"] >= min_size].reset_index(drop=True)
    return assignments, clusters


def _cluster_ids(rep_raw: list[str], rep_norm: list[str]) -> list[str]:
    """Ids from the representatives' raw text (so they do not change with the normaliser)."""
    ids = [cluster_id_for(simple_normalize(t)) for t in rep_raw]
    seen: dict[str, int] = {}
    for i in ids:
        seen[i] = seen.get(i, 0) + 1
    return [
        cluster_id_for(simple_normalize(raw) + "\x00" + norm) if seen[i] > 1 else i
        for i, raw, norm in zip(ids, rep_raw, rep_norm, strict=True)
    ]


def _summarise(df, row_ok, row_comp, comp_to_id, rep_text, raw_codes, times, now):
    keys = row_comp[row_ok]
    comps = comp_to_id.index.to_numpy()
    out = pd.DataFrame(index=pd.Index(comps, name="comp"))
    out["cluster_id"] = comp_to_id.to_numpy()
    out["size"] = np.bincount(keys, minlength=comps.max() + 1 if len(comps) else 0)[comps]
    variants = pd.DataFrame({"comp": keys, "raw": raw_codes[row_ok]}).drop_duplicates()
    out["n_variants"] = variants.groupby("comp").size().reindex(comps).to_numpy()
    out["representative_text"] = rep_text.to_numpy()

    order_cols = ["size"]
    ascending = [False]
    if times is not None:
        t = times.iloc[np.flatnonzero(row_ok)]
        tf = pd.DataFrame({"comp": keys, "t": t.to_numpy()})
        g = tf.groupby("comp")["t"]
        out["first_seen"] = g.min().reindex(comps).to_numpy()
        out["last_seen"] = g.max().reindex(comps).to_numpy()
        ref = _as_timestamp(now, times)
        day, week = pd.Timedelta(days=1), pd.Timedelta(days=7)
        tv = tf["t"]
        for name, span in (("day", day), ("week", week)):
            if ref is None:
                cur = prev = np.zeros(len(comps), dtype=np.int64)
            else:
                in_cur = ((tv > ref - span) & (tv <= ref)).to_numpy()
                in_prev = ((tv > ref - 2 * span) & (tv <= ref - span)).to_numpy()
                cur = _count(keys, in_cur, comps)
                prev = _count(keys, in_prev, comps)
            out[f"posts_last_{name}"] = cur
            out[f"growth_{name}"] = np.asarray(cur) - np.asarray(prev)
        order_cols = ["posts_last_day", "posts_last_week", "size"]
        ascending = [False, False, False]

    ok_pos = np.flatnonzero(row_ok)
    if "match_id" in df.columns:
        maj = _majority(keys, df["match_id"].iloc[ok_pos])
        out["match_id"] = maj["value"].reindex(comps).to_numpy(dtype=object)
        out["match_share"] = (
            maj["count"].reindex(comps).fillna(0).to_numpy(dtype=float) / out["size"].to_numpy()
        )
        if "response" in df.columns:
            mids = df["match_id"].iloc[ok_pos].astype(object).to_numpy()
            wanted = out["match_id"].reindex(keys).to_numpy(dtype=object)
            same = (pd.Series(mids, dtype=object) == pd.Series(wanted, dtype=object)).to_numpy()
            resp = df["response"].iloc[ok_pos].where(same)
            out["response"] = _majority(keys, resp)["value"].reindex(comps).to_numpy(dtype=object)
    if "is_hoax" in df.columns:
        flag = _as_bool(df["is_hoax"].iloc[ok_pos])
        out["hoax_share"] = _mean(keys, flag, comps)
    if "hoax_probability" in df.columns:
        prob = pd.to_numeric(df["hoax_probability"].iloc[ok_pos], errors="coerce").to_numpy()
        out["mean_probability"] = _mean(keys, prob, comps)
    for col, name in (("platform", "n_platforms"), ("account", "n_accounts")):
        if col in df.columns:
            vals = pd.DataFrame({"comp": keys, "v": df[col].iloc[ok_pos].to_numpy(dtype=object)})
            out[name] = (
                vals.groupby("comp")["v"].nunique().reindex(comps).fillna(0).astype(int).to_numpy()
            )
    out = out.sort_values([*order_cols, "cluster_id"], ascending=[*ascending, True], kind="stable")
    return out.reset_index(drop=True)


def _count(keys: np.ndarray, mask: np.ndarray, comps: np.ndarray) -> np.ndarray:
    size = int(comps.max()) + 1 if len(comps) else 0
    return np.bincount(keys[mask], minlength=size)[comps] if size else np.zeros(0, np.int64)


def _mean(keys: np.ndarray, values: np.ndarray, comps: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    ok = ~np.isnan(values)
    size = int(comps.max()) + 1 if len(comps) else 0
    total = np.bincount(keys[ok], weights=values[ok], minlength=size)
    count = np.bincount(keys[ok], minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (total / count)[comps] if size else np.zeros(0)


def _as_bool(values: pd.Series) -> np.ndarray:
    """Booleans from bool/0-1/'True'-'False' columns (as float, NaN when unknown)."""
    if pd.api.types.is_bool_dtype(values) or pd.api.types.is_numeric_dtype(values):
        return pd.to_numeric(values, errors="coerce").astype(float).to_numpy()
    mapped = (
        values.astype(str)
        .str.strip()
        .str.lower()
        .map({"true": 1.0, "1": 1.0, "yes": 1.0, "false": 0.0, "0": 0.0, "no": 0.0})
    )
    return mapped.astype(float).to_numpy()


def add_cluster_columns(
    scored: pd.DataFrame,
    text_col: str = "text",
    time_col: str | None = None,
    *,
    return_clusters: bool = False,
    **kwargs: Any,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Return a copy of ``scored`` with ``cluster_id`` and ``cluster_size`` columns.

    Parameters
    ----------
    scored : DataFrame
        Posts (usually scored by :func:`hoaxguard.score_frame`).
    text_col, time_col, **kwargs
        Passed to :func:`cluster_narratives`.
    return_clusters : bool, default False
        Also return the per-cluster summary table of :func:`cluster_narratives`.

    Returns
    -------
    DataFrame, or (DataFrame, clusters DataFrame) when ``return_clusters``
        ``cluster_size`` is the number of posts in the row's cluster (nullable
        integer; missing, like ``cluster_id``, for empty texts).
    """
    assignments, clusters = cluster_narratives(
        scored, text_col=text_col, time_col=time_col, **kwargs
    )
    out = scored.copy()
    out["cluster_id"] = assignments
    sizes = assignments.value_counts()
    out["cluster_size"] = assignments.map(sizes).astype("Int64")
    return (out, clusters) if return_clusters else out
