"""Reading decisions back and learning from them (model and templates)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["DecisionError", "LearnResult", "learn_from_decisions", "prepare_decisions"]


class DecisionError(ValueError):
    """The decisions cannot be learned from (no labels, one class, unreadable labels)."""


@dataclass
class LearnResult:
    """What :func:`learn_from_decisions` made and how many rows it used."""

    model: Any
    library: Any = None
    n_rows: int = 0
    n_used: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    template_counts: dict[str, int] = field(default_factory=dict)

    @property
    def n_skipped(self) -> int:
        """Rows not used (empty or unsure label, empty text)."""
        return int(sum(self.skipped.values()))

    def __str__(self) -> str:
        why = ", ".join(f"{v} {k}" for k, v in self.skipped.items() if v) or "none"
        prov = getattr(self.model, "provenance_", {})
        s = (f"decisions: {self.n_rows} rows, used {self.n_used} "
             f"({prov.get('n_hoax', '?')} hoax, {prov.get('n_valid', '?')} valid), "
             f"skipped {self.n_skipped} ({why}); threshold {self.model.threshold_:.3f}")
        if self.template_counts:
            c = self.template_counts
            s += (f"; templates: {c.get('aliases', 0)} new aliases, {c.get('rejected', 0)} "
                  f"rejected matches, {c.get('unknown_template', 0)} unknown template ids")
        return s


def prepare_decisions(frame: pd.DataFrame, text_col: str | None = None,
                      label_col: str = "label") -> tuple[pd.DataFrame, dict[str, int]]:
    """Rows usable for learning (with ``y``), and the counts of skipped rows by reason.

    Raises
    ------
    DecisionError
        No text or label column, unreadable labels, or not both classes.
    """
    from hoaxguard.batch import TextColumnError, detect_text_column
    from hoaxguard.review._labels import label_kind

    cols = {str(c).strip().lower(): c for c in frame.columns}
    if label_col.lower() not in cols:
        raise DecisionError(f"no '{label_col}' column: fill the worklist's label column "
                            "(hoax / valid / ragu) or give --label-col")
    label_col = cols[label_col.lower()]
    try:
        text_col = detect_text_column(list(frame.columns), text_col)
    except TextColumnError as exc:
        raise DecisionError(str(exc)) from None
    kinds = frame[label_col].map(label_kind)
    bad = frame.loc[kinds == "unreadable", label_col]
    if len(bad):
        shown = ", ".join(repr(str(v)) for v in pd.unique(bad.astype(str))[:5])
        raise DecisionError(
            f"{len(bad)} label(s) it cannot read ({shown}); use hoax/hoaks/ya/1 or "
            "valid/bukan/benar/tidak/0, or ragu to skip")
    texts = frame[text_col]
    empty_text = ~texts.map(lambda t: isinstance(t, str) and t.strip() != "")
    use = kinds.isin(["hoax", "valid"]) & ~empty_text
    skipped = {
        "without label": int(((kinds == "empty") & ~empty_text).sum()),
        "unsure (ragu)": int(((kinds == "unsure") & ~empty_text).sum()),
        "empty text": int(empty_text.sum()),
    }
    out = frame[use.to_numpy()].copy()
    out["y"] = (kinds[use] == "hoax").astype(int).to_numpy()
    if out.empty:
        raise DecisionError("no labelled rows: every label is empty or ragu")
    if out["y"].nunique() < 2:
        only = "hoax" if out["y"].iat[0] == 1 else "valid"
        raise DecisionError(f"all {len(out)} labelled rows are {only}: learning needs both "
                            "hoax and valid decisions")
    if text_col != "text":
        out = out.rename(columns={"text": "_orig_text"}).rename(columns={text_col: "text"})
    return out, skipped


def learn_from_decisions(
    decisions: pd.DataFrame,
    *,
    model: Any = None,
    templates: Any = None,
    text_col: str | None = None,
    label_col: str = "label",
    adapt_library: bool = True,
    **params: Any,
) -> LearnResult:
    """Adapt the detector (and the templates) to the office's decisions.

    Parameters
    ----------
    decisions : DataFrame
        A filled worklist or any export with a text column and a label column.
    model : HoaxDetector, path or None
        Base detector (None: the bundled one).
    templates : CounterNarrativeLibrary, path or None
        Library to adapt (None: the bundled one).
    adapt_library : bool
        Also fold confirmed/rejected matches into the templates.
    **params
        Passed to :class:`hoaxguard.review.LocalAdaptedDetector`.
    """
    from hoaxguard.review._adapt import LocalAdaptedDetector
    from hoaxguard.review._templates import adapt_templates, load_templates

    rows, skipped = prepare_decisions(decisions, text_col=text_col, label_col=label_col)
    base = model
    if isinstance(model, str) or hasattr(model, "__fspath__"):
        base = str(model)
    det = LocalAdaptedDetector(base=base, **params).fit(rows["text"].tolist(), rows["y"].to_numpy())
    library, counts = None, {}
    if adapt_library:
        lib = templates if templates is not None and not isinstance(templates, str) \
            and not hasattr(templates, "__fspath__") else load_templates(templates)
        library, counts = adapt_templates(lib, rows, text_col="text")
    return LearnResult(model=det, library=library, n_rows=len(decisions), n_used=len(rows),
                       skipped=skipped, template_counts=counts)
