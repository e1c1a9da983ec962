"""Self-contained HTML report of a scored DataFrame (Indonesian, English where needed).

One file, no external assets: styles are inline and charts are PNG images
embedded as base64 ``data:`` URIs, so the report can be mailed or opened offline.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from hoaxguard._version import __version__
from hoaxguard.report._clusters import _to_datetime, cluster_narratives
from hoaxguard.report._emoji import (
    EMOJI_CSS,
    EMOJI_SCRIPT,
    emoji_html,
    markdown_html,
    strip_markdown,
)
from hoaxguard.report._summary import (
    breakdown,
    find_label_col,
    find_time_col,
    hoax_flags,
    label_to_binary,
    near_matches,
    top_terms,
    totals,
)

__all__ = ["build_report", "write_report"]

DEFAULT_TITLE = "Laporan Pemantauan Hoaks"
BREAKDOWN_COLUMNS = ("platform", "account")

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;
color:#1f2933;background:#f5f6f7;line-height:1.45}
main{max-width:1100px;margin:0 auto;padding:16px 24px 48px;background:#fff}
header{border-bottom:3px solid #2c7fb8;margin-bottom:8px}
h1{font-size:1.7em;margin:.4em 0 .1em}h2{font-size:1.3em;margin-top:1.6em;
border-bottom:1px solid #d9dde1;padding-bottom:.2em}h3{font-size:1.05em}
.en{color:#6b7780;font-weight:normal;font-size:.85em}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4em 1.2em;font-size:.92em}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}
.card{flex:1 1 150px;border:1px solid #d9dde1;border-radius:6px;padding:10px 14px}
.card .num{font-size:1.6em;font-weight:600}.card.hoax .num{color:#c0392b}
.card .lbl{font-size:.85em;color:#52606d}
table{border-collapse:collapse;width:100%;font-size:.88em;margin:8px 0}
th,td{border-bottom:1px solid #e4e7eb;padding:5px 7px;text-align:left;vertical-align:top}
th{background:#f0f2f4}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
figure{margin:10px 0}figure img{max-width:100%;height:auto;border:1px solid #eef0f2}
figcaption{font-size:.85em;color:#52606d}.row{display:flex;flex-wrap:wrap;gap:12px}
.row figure{flex:1 1 320px}.note{font-size:.88em;color:#52606d}
details summary{cursor:pointer;color:#2c7fb8}.resp{white-space:pre-wrap;font-size:.95em}
footer{margin-top:32px;font-size:.8em;color:#6b7780;border-top:1px solid #d9dde1;padding-top:8px}
.card.check .num{color:#8a5a00}.resp strong{font-weight:600}
"""
_CSS += EMOJI_CSS


class _Safe(str):
    """A string that is already HTML (not escaped again)."""


def _esc(value: Any) -> str:
    if isinstance(value, _Safe):
        return str(value)
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return ""
    if value is pd.NA:
        return ""
    return html.escape(str(value))


def _int(n: Any) -> str:
    return f"{int(n):,}".replace(",", ".")


def _pct(x: Any, digits: int = 1) -> str:
    if x is None or pd.isna(x):
        return "–"
    return f"{100 * float(x):.{digits}f}%".replace(".", ",")


def _num(x: Any, digits: int = 3) -> str:
    if x is None or pd.isna(x):
        return "–"
    return f"{float(x):.{digits}f}".replace(".", ",")


def _when(t: Any) -> str:
    if t is None or pd.isna(t):
        return "–"
    return pd.Timestamp(t).strftime("%Y-%m-%d %H:%M")


def _short(text: Any, limit: int = 240) -> str:
    s = " ".join(str(text).split()) if text is not None and not pd.isna(text) else ""
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _cell(value: Any) -> str:
    """Escaped text of a table cell, emoji with their text fallback."""
    return _esc(value) if isinstance(value, _Safe) else emoji_html(_esc(value))


def _heading(level: int, ind: str, en: str | None = None, anchor: str | None = None) -> str:
    attr = f' id="{anchor}"' if anchor else ""
    extra = f' <span class="en">({_esc(en)})</span>' if en else ""
    return f"<h{level}{attr}>{_esc(ind)}{extra}</h{level}>"


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], numeric: Sequence[int] = ()
) -> str:
    head = "".join(f"<th>{_esc(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="n">{_esc(v)}</td>' if i in numeric else f"<td>{_cell(v)}</td>"
            for i, v in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _figure(fig: Any, alt: str, caption: str | None = None) -> str:
    from hoaxguard.report._plots import figure_to_base64

    data = figure_to_base64(fig)
    cap = f"<figcaption>{_esc(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="data:image/png;base64,{data}" alt="{_esc(alt)}">{cap}</figure>'


def _nonempty(value: Any) -> bool:
    return value is not None and not pd.isna(value) and str(value).strip() not in ("", "nan")


def _details(text: Any, limit: int = 160) -> str:
    if not _nonempty(text):
        return "–"
    s = str(text).strip()
    full = emoji_html(markdown_html(_esc(s)))  # WhatsApp *bold*/_italic_ as HTML
    if len(s) <= limit:
        return _Safe(f'<div class="resp">{full}</div>')
    preview = emoji_html(_esc(_short(strip_markdown(s), limit)))
    return _Safe(f'<details><summary>{preview}</summary><div class="resp">{full}</div></details>')


def _section_summary(df: pd.DataFrame, time_col: str | None) -> str:
    t = totals(df, time_col)
    cards = [
        ("", _int(t["posts"]), "postingan dinilai (posts scored)"),
        (
            "check",
            _int(t["hoax"]),
            f"perlu dicek ({_pct(t['hoax_share'])} dari postingan): ditandai model untuk "
            "diperiksa admin, bukan putusan (posts to check; not a verdict)",
        ),
    ]
    if t["matched"] is not None:
        cards.append(
            ("", _int(t["matched"]), "cocok dengan klarifikasi yang ada (matched a fact-check)")
        )
    if t["errors"]:
        cards.append(("", _int(t["errors"]), "baris gagal dinilai (rows with errors)"))
    html_cards = "".join(
        f'<div class="card {cls}"><div class="num">{_esc(num)}</div>'
        f'<div class="lbl">{_esc(lbl)}</div></div>'
        for cls, num, lbl in cards
    )
    span = ""
    if t["first"] is not None:
        span = (
            f'<p class="note">Rentang waktu data (time range): {_esc(_when(t["first"]))} '
            f"– {_esc(_when(t['last']))}.</p>"
        )
    return f'<div class="cards">{html_cards}</div>{span}'


def _section_trend(df: pd.DataFrame, time_col: str, plots: bool) -> tuple[str, str]:
    from hoaxguard.report._summary import PERIODS, period_counts

    counts = period_counts(df, time_col)
    freq = counts.attrs["freq"]
    n = counts.attrs["min_posts"]
    word_id, word_en = PERIODS[freq]
    window = (
        "Persentase dihitung atas 7 hari terakhir (jendela bergerak) dan hanya ditampilkan "
        f"bila jendela itu memuat sedikitnya {n} postingan"
        if "share_7d" in counts.columns
        else f"Persentase hanya ditampilkan untuk {word_id} dengan sedikitnya {n} postingan"
    )
    parts = [
        f'<p class="note">Jumlah postingan per {word_id} dan berapa di antaranya ditandai '
        f"model untuk dicek. {window}: hari dengan satu-dua postingan tidak dibaca sebagai "
        "100%.</p>"
    ]
    if plots:
        from hoaxguard.report._plots import plot_hoax_share_over_time

        parts.append(
            _figure(
                plot_hoax_share_over_time(df, time_col, freq=freq),
                f"Grafik postingan dan yang perlu dicek per {word_id}",
            )
        )
    fmt = "%Y-%m" if freq == "MS" else "%Y-%m-%d"
    recent = counts.tail(14).iloc[::-1]
    few = f"– (< {n} postingan)"
    headers = [f"{word_id.capitalize()} ({word_en})", "Postingan", "Perlu dicek", "% perlu dicek"]
    if "share_7d" in counts.columns:
        headers.append("% 7 hari terakhir (7-day share)")
    rows = []
    for idx, r in recent.iterrows():
        row = [idx.strftime(fmt), _int(r.posts), _int(r.hoax)]
        row.append(few if pd.isna(r.share) else _pct(r.share))
        if "share_7d" in counts.columns:
            row.append(few if pd.isna(r.share_7d) else _pct(r.share_7d))
        rows.append(row)
    parts.append(
        f"<details><summary>Tabel 14 {word_id} terakhir (last 14 {word_en}s)</summary>"
        + _table(headers, rows, tuple(range(1, len(headers))))
        + "</details>"
    )
    return "".join(parts), word_id


def _section_narratives(clusters: pd.DataFrame, top: int, plots: bool, has_time: bool) -> str:
    multi = clusters[clusters["size"] >= 2]
    if multi.empty:
        return (
            '<p class="note">Belum ada narasi yang beredar dalam beberapa varian '
            "(no claim was posted more than once).</p>"
        )
    hoaxy = multi
    other = ""
    if "hoax_share" in multi.columns:
        hoaxy = multi[multi["hoax_share"] >= 0.5]
        if len(hoaxy) < len(multi):
            other = (
                f" {_int(len(multi) - len(hoaxy))} narasi lain yang sebagian besar "
                "postingannya tidak ditandai hoaks tidak ditampilkan."
            )
        if hoaxy.empty:
            return (
                '<p class="note">Tidak ada narasi berulang yang ditandai sebagai hoaks '
                f"(no repeated narrative is flagged as a hoax).{other}</p>"
            )
    shown = hoaxy.head(top)
    parts = [
        '<p class="note">Postingan yang merupakan salinan atau variasi dari klaim '
        "yang sama dikelompokkan menjadi satu narasi; yang ditampilkan adalah narasi yang "
        "sebagian besar postingannya ditandai hoaks. "
        + (
            "Diurutkan dari yang paling banyak muncul dalam 24 jam dan 7 hari terakhir. "
            if has_time
            else "Diurutkan dari yang paling banyak. "
        )
        + "Gunakan tanggapan yang disarankan sebagai draf; periksa sebelum dipublikasikan."
        "</p>"
    ]
    if plots:
        from hoaxguard.report._plots import plot_narratives

        parts.append(_figure(plot_narratives(shown), "Grafik narasi yang beredar"))
    headers = ["Narasi (representative post)", "Total"]
    numeric = [1]
    if has_time:
        headers += ["24 jam", "7 hari", "Pertama (first seen)", "Terakhir (last seen)"]
        numeric += [2, 3]
    headers += ["% perlu dicek", "Template", "Tanggapan yang disarankan (suggested response)"]
    rows = []
    for r in shown.itertuples(index=False):
        row: list[Any] = [
            _Safe(
                f"<code>{_esc(r.cluster_id)}</code><br>"
                f"{emoji_html(_esc(_short(r.representative_text, 220)))}"
            ),
            _int(r.size),
        ]
        if has_time:
            row += [
                _int(r.posts_last_day),
                _int(r.posts_last_week),
                _when(r.first_seen),
                _when(r.last_seen),
            ]
        mid = getattr(r, "match_id", None)
        if _nonempty(mid):
            template: Any = mid
            reply = getattr(r, "response", None)
            answer = _details(reply) if _nonempty(reply) else NO_REPLY
        else:
            template, answer = NO_TEMPLATE, NO_TEMPLATE_REPLY
        row += [_pct(getattr(r, "hoax_share", np.nan), 0), template, answer]
        rows.append(row)
    parts.append(_table(headers, rows, numeric))
    parts.append(
        f'<p class="note">{_int(len(multi))} narasi dengan ≥ 2 postingan; '
        f"{_int(len(clusters))} kelompok termasuk postingan tunggal.{other}</p>"
    )
    return "".join(parts)


NO_TEMPLATE = "belum ada template"
NO_TEMPLATE_REPLY = (
    "Belum ada template untuk narasi ini: susun klarifikasi dari sumber resmi, lalu "
    "tambahkan sebagai template (hoaxguard templates import)."
)
NO_REPLY = "Template cocok, tanggapan belum dibuat (jalankan hoaxguard score tanpa --no-match)."


def _section_top_posts(df: pd.DataFrame, text_col: str, time_col: str | None, top: int) -> str:
    if "hoax_probability" not in df.columns:
        return ""
    prob = pd.to_numeric(df["hoax_probability"], errors="coerce").to_numpy(dtype=float)
    flagged = np.flatnonzero((hoax_flags(df) == 1).to_numpy())
    if len(flagged) == 0:
        return '<p class="note">Tidak ada postingan yang ditandai (no flagged posts).</p>'
    scores = np.nan_to_num(prob[flagged], nan=-1.0)
    order = flagged[np.argsort(-scores, kind="stable")][:top]
    headers = ["Skor", "Teks (text)"]
    extra = [c for c in ("platform", "account") if c in df.columns]
    headers += extra
    if time_col:
        headers.append("Waktu (time)")
    headers += ["Template", "Tanggapan (response)"]
    rows = []
    times = _to_datetime(df[time_col]) if time_col else None
    for pos in order:
        rec = df.iloc[pos]
        row: list[Any] = [_num(prob[pos], 2), _short(rec[text_col], 280)]
        row += [rec[c] for c in extra]
        if times is not None:
            row.append(_when(times.iloc[pos]))
        mid = rec.get("match_id")
        row += [mid if _nonempty(mid) else NO_TEMPLATE, _details(rec.get("response"))]
        rows.append(row)
    return _table(headers, rows, (0,))


def _section_near(
    df: pd.DataFrame, text_col: str, near: pd.DataFrame, threshold: float | None, top: int
) -> str:
    limit = threshold if threshold is not None else "0,30"
    parts = [
        '<p class="note">Postingan tanpa template yang cocok, tetapi kemiripannya dengan '
        f"template terdekat hampir mencapai ambang ({_esc(limit)}): periksa apakah postingan "
        "ini mengulang klaim yang sudah diklarifikasi, lalu tanggapi atau tambahkan variasinya "
        "ke template (near matches below the threshold).</p>"
    ]
    extra = [c for c in ("platform", "account") if c in df.columns]
    headers = ["Kemiripan (similarity)", "Teks (text)", *extra, "Template terdekat"]
    rows = []
    for pos, r in near.head(top).iterrows():
        rec = df.iloc[pos]
        row: list[Any] = [_num(r.score, 2), _short(rec[text_col], 280)]
        row += [rec[c] for c in extra]
        row.append(r.candidate if _nonempty(r.candidate) else "– (tidak tercatat)")
        rows.append(row)
    parts.append(_table(headers, rows, (0,)))
    if len(near) > top:
        parts.append(
            f'<p class="note">{_int(len(near) - top)} postingan lain tidak ditampilkan.</p>'
        )
    return "".join(parts)


def _readable_terms(df: pd.DataFrame, text_col: str | None) -> pd.DataFrame:
    """``top_terms`` of flagged rows in words (older scored files hold internal tokens)."""
    from hoaxguard.text._terms import readable_terms

    rows = np.flatnonzero((hoax_flags(df) == 1).to_numpy())
    if not len(rows):
        return df
    terms = df["top_terms"].to_numpy(dtype=object)
    texts = df[text_col].to_numpy(dtype=object) if text_col else np.full(len(df), None)
    memo: dict[tuple[Any, Any], Any] = {}
    new = terms.copy()
    for i in rows:
        key = (texts[i] if isinstance(texts[i], str) else None, terms[i])
        if key not in memo:
            memo[key] = readable_terms(key[0], terms[i])
        new[i] = memo[key]
    out = df.copy(deep=False)
    out["top_terms"] = new
    return out


def _section_breakdown(df: pd.DataFrame, columns: Sequence[str], top: int, plots: bool) -> str:
    parts = []
    for col in columns:
        table = breakdown(df, col, top=top)
        parts.append(_heading(3, f"Per {col}", anchor=f"rincian-{col}"))
        if plots:
            from hoaxguard.report._plots import plot_breakdown

            parts.append(_figure(plot_breakdown(df, col, top=top), f"Grafik per {col}"))
        rows = [
            (r.value, _int(r.posts), _int(r.hoax), _pct(r.hoax_share))
            for r in table.itertuples(index=False)
        ]
        parts.append(_table([col, "Postingan", "Perlu dicek", "% perlu dicek"], rows, (1, 2, 3)))
    return "".join(parts)


def _section_terms(df: pd.DataFrame, top: int, plots: bool) -> str:
    table = top_terms(df, top=top)
    if table.empty:
        return '<p class="note">Tidak ada istilah (no terms in flagged posts).</p>'
    parts = [
        '<p class="note">Kata, frasa, dan ciri tulisan (misalnya banyak tanda seru atau '
        "ajakan menyebarkan) yang paling sering menaikkan skor pada postingan yang perlu "
        "dicek, ditulis seperti di postingannya (from the model's explanation, column "
        "<code>top_terms</code>).</p>"
    ]
    if plots:
        from hoaxguard.report._plots import plot_top_terms

        parts.append(_figure(plot_top_terms(df, top=top), "Grafik istilah teratas"))
    rows = [(r.term, _int(r.posts), _num(r.mean_weight, 2)) for r in table.itertuples(index=False)]
    parts.append(
        _table(["Istilah (term)", "Postingan", "Bobot rata-rata (mean weight)"], rows, (1, 2))
    )
    return "".join(parts)


def _section_quality(df: pd.DataFrame, label_col: str, plots: bool) -> str:
    from sklearn.metrics import (
        accuracy_score,
        average_precision_score,
        brier_score_loss,
        f1_score,
        precision_score,
        recall_score,
    )

    y = label_to_binary(df[label_col])
    pred = hoax_flags(df)
    prob = (
        pd.to_numeric(df["hoax_probability"], errors="coerce")
        if "hoax_probability" in df.columns
        else pd.Series(np.nan, index=df.index)
    )
    ok = y.notna() & pred.notna()
    if ok.sum() == 0:
        return (
            f'<p class="note">Kolom label <code>{_esc(label_col)}</code> tidak berisi '
            "label hoax/valid yang dikenali (no usable labels).</p>"
        )
    yt, yp = y[ok].astype(int).to_numpy(), pred[ok].astype(int).to_numpy()
    both = len(np.unique(yt)) == 2
    metrics = [
        ("Postingan berlabel (labelled posts)", _int(ok.sum())),
        ("Hoaks menurut label (labelled hoaxes)", _int(yt.sum())),
        ("Akurasi (accuracy)", _num(accuracy_score(yt, yp))),
        ("Presisi (precision)", _num(precision_score(yt, yp, zero_division=0))),
        ("Recall", _num(recall_score(yt, yp, zero_division=0))),
        ("F1", _num(f1_score(yt, yp, zero_division=0))),
    ]
    pok = ok & prob.notna()
    ys, ps = y[pok].astype(int).to_numpy(), prob[pok].to_numpy(dtype=float)
    if both and pok.sum() and len(np.unique(ys)) == 2:
        metrics += [
            ("Average precision (area under PR curve)", _num(average_precision_score(ys, ps))),
            (
                "Brier score (lebih kecil lebih baik; lower is better)",
                _num(brier_score_loss(ys, ps)),
            ),
        ]
    parts = [
        f'<p class="note">Dibandingkan dengan kolom label <code>{_esc(label_col)}</code>. '
        "Presisi: dari postingan yang ditandai hoaks, berapa yang memang hoaks. "
        "Recall: dari semua hoaks, berapa yang tertangkap.</p>",
        _table(["Ukuran (metric)", "Nilai (value)"], metrics, (1,)),
    ]
    if plots:
        from hoaxguard.report._plots import (
            plot_calibration,
            plot_confusion_matrix,
            plot_precision_recall,
        )

        figs = [_figure(plot_confusion_matrix(yt, yp), "Matriks konfusi")]
        if len(np.unique(ys)) == 2:
            figs.append(_figure(plot_precision_recall(ys, ps), "Kurva presisi-recall"))
            figs.append(
                _figure(
                    plot_calibration(ys, ps),
                    "Diagram kalibrasi",
                    "Garis putus-putus = kalibrasi sempurna (perfect calibration).",
                )
            )
        parts.append(f'<div class="row">{"".join(figs)}</div>')
    if not both:
        parts.append(
            '<p class="note">Label hanya berisi satu kelas; kurva tidak dapat dibuat '
            "(only one class in the labels).</p>"
        )
    return "".join(parts)


def _text_column(df: pd.DataFrame, text_col: str | None) -> str | None:
    if text_col is not None:
        if text_col not in df.columns:
            raise KeyError(f"text column {text_col!r} not in the data")
        return text_col
    try:
        from hoaxguard.batch import detect_text_column
    except ImportError:  # pragma: no cover - batch part not installed
        return "text" if "text" in df.columns else None
    try:
        return detect_text_column(list(df.columns))
    except ValueError:
        return None


def build_report(
    scored: pd.DataFrame,
    *,
    title: str | None = None,
    text_col: str | None = None,
    time_col: str | None = None,
    label_col: str | None = None,
    by: Sequence[str] | None = None,
    now: Any = None,
    top: int = 10,
    clusters: bool | pd.DataFrame = True,
    plots: bool = True,
    cluster_options: dict[str, Any] | None = None,
    source: str | None = None,
    match_threshold: float | None = None,
) -> str:
    """Build a self-contained HTML report of scored posts.

    Parameters
    ----------
    scored : DataFrame
        Output of :func:`hoaxguard.score_frame` (``hoax_probability``, ``is_hoax``,
        ``top_terms``, ``match_id``, ``response``, ... plus the input columns).
    title : str, optional
        Report title; defaults to "Laporan Pemantauan Hoaks".
    text_col : str, optional
        Column with the post text; by default detected like ``hoaxguard score``
        does (``text``, ``full_text``, ``message``, ``isi``, ...).
    time_col : str, optional
        Time column; by default the first of ``created_at``, ``timestamp``, ``time``,
        ``date`` ... present. Without one, the trend section is left out.
    label_col : str, optional
        Column with true labels (hoax/valid, 1/0); by default ``label`` (or
        ``y_true``, ``true_label``, ...) when present. Adds the model-quality section.
    by : sequence of str, optional
        Columns to break down by; defaults to ``platform`` and ``account`` when present.
    now : timestamp-like, optional
        Reference time for "last 24 h / 7 days"; defaults to the latest post.
    top : int, default 10
        Rows shown in each top-N table and chart.
    clusters : bool or DataFrame, default True
        Compute narrative clusters (:func:`cluster_narratives`), pass a
        precomputed clusters table, or ``False`` to leave the section out.
    plots : bool, default True
        Embed charts (needs matplotlib); ``False`` gives tables only.
    cluster_options : dict, optional
        Extra keyword arguments for :func:`cluster_narratives`.
    source : str, optional
        Name of the scored file, shown in the header.
    match_threshold : float, optional
        Template-matching threshold used when scoring (default 0.30): posts
        without a match whose best candidate (``match_candidates`` or
        ``match_score``) scores 85-100% of it are listed as "perlu dicek".

    Returns
    -------
    str
        The complete HTML document.
    """
    if plots:
        try:
            import matplotlib  # noqa: F401
        except ImportError as exc:
            raise ImportError(
                "the report's charts need matplotlib: "
                "pip install 'hoaxguard[plot]' (or use plots=False)"
            ) from exc
    df = scored
    if "is_hoax" not in df.columns and "hoax_probability" not in df.columns:
        raise ValueError(
            "not a scored file: it needs an 'is_hoax' or 'hoax_probability' "
            "column (run 'hoaxguard score' first)"
        )
    text_col = _text_column(df, text_col)
    time_col = find_time_col(df, time_col)
    if time_col is not None:
        parsed = _to_datetime(df[time_col])  # parse once; later steps reuse it
        if parsed.notna().sum() == 0:
            time_col = None
        else:
            df = df.copy(deep=False)
            df[time_col] = parsed
    label_col = find_label_col(df, label_col)
    if by is None:
        by = [c for c in BREAKDOWN_COLUMNS if c in df.columns]
    else:
        missing = [c for c in by if c not in df.columns]
        if missing:
            raise KeyError(f"breakdown column(s) not in the data: {', '.join(missing)}")
    title = title or DEFAULT_TITLE

    sections: list[tuple[str, str, str | None, str]] = []
    sections.append(("ringkasan", "Ringkasan", "summary", _section_summary(df, time_col)))
    if time_col is not None:
        trend, word = _section_trend(df, time_col, plots)
        sections.append(("tren", f"Tren perlu dicek per {word}", "posts to check over time", trend))
    table = None
    if isinstance(clusters, pd.DataFrame):
        table = clusters
    elif clusters and text_col is not None:
        options = {"time_col": time_col, "now": now, **(cluster_options or {})}
        _, table = cluster_narratives(df, text_col=text_col, **options)
    if table is not None:
        sections.append(
            (
                "narasi",
                "Narasi yang paling cepat menyebar",
                "top growing narratives",
                _section_narratives(table, top, plots, "posts_last_day" in table.columns),
            )
        )
    top_posts = _section_top_posts(df, text_col, time_col, top) if text_col is not None else ""
    if top_posts:
        sections.append(
            ("postingan", "Postingan dengan skor tertinggi", "highest-scoring posts", top_posts)
        )
    if by:
        sections.append(
            (
                "rincian",
                "Rincian per platform dan akun",
                "breakdown by platform / account",
                _section_breakdown(df, by, top, plots),
            )
        )
    if text_col is not None:
        near = near_matches(df.reset_index(drop=True), match_threshold)  # by position
        if len(near):
            sections.append(
                (
                    "perlu-dicek",
                    "Perlu dicek: hampir cocok dengan klarifikasi",
                    "near matches to check",
                    _section_near(df, text_col, near, match_threshold, top),
                )
            )
    if "top_terms" in df.columns:
        terms_df = _readable_terms(df, text_col)
        sections.append(
            ("istilah", "Istilah teratas", "top terms", _section_terms(terms_df, 15, plots))
        )
    if plots and "hoax_probability" in df.columns:
        from hoaxguard.report._plots import plot_score_distribution

        sections.append(
            (
                "skor",
                "Sebaran skor",
                "score distribution",
                _figure(plot_score_distribution(df), "Histogram skor hoaks"),
            )
        )
    if label_col is not None:
        sections.append(
            ("kualitas", "Kualitas model", "model quality", _section_quality(df, label_col, plots))
        )

    nav = "".join(f'<li><a href="#{sid}">{_esc(ind)}</a></li>' for sid, ind, _, _ in sections)
    body = "".join(
        f"<section>{_heading(2, ind, en, sid)}{content}</section>"
        for sid, ind, en, content in sections
    )
    generated = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    src = f" · berkas (file): <code>{_esc(source)}</code>" if source else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="hoaxguard {_esc(__version__)}">'
        f"<title>{_esc(title)}</title><style>{_CSS}</style>{EMOJI_SCRIPT}</head><body><main>"
        f"<header><h1>{_esc(title)}</h1>"
        f'<p class="note">Dibuat (generated) {generated}{src}</p></header>'
        f"<nav><ul>{nav}</ul></nav>{body}"
        "<footer>Skor adalah perkiraan model statistik, bukan putusan: periksa setiap "
        'postingan dan tanggapan sebelum bertindak. <span class="en">(Scores are model '
        "estimates, not verdicts; review posts and responses before acting.)</span> "
        f"· hoaxguard {_esc(__version__)}</footer>"
        "</main></body></html>\n"
    )


def write_report(scored: pd.DataFrame, path: str | os.PathLike[str], **kwargs: Any) -> Path:
    """Write :func:`build_report` to ``path`` (UTF-8) and return the path."""
    out = Path(path)
    out.write_text(build_report(scored, **kwargs), encoding="utf-8")
    return out
