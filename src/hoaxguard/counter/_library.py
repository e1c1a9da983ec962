"""The counter-narrative library: load, validate, merge, save, match."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from hoaxguard.counter._matcher import DEFAULT_THRESHOLD, TemplateMatcher
from hoaxguard.counter._schema import (
    SCHEMA_VERSION,
    TemplateError,
    TemplateValidationError,
    document_errors,
)
from hoaxguard.counter._template import Template

TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json")
DUPLICATE_POLICIES = ("error", "replace", "keep")


def bundled_templates_dir() -> Any:
    """The folder of bundled templates inside the installed package."""
    return resources.files("hoaxguard") / "_data" / "templates"


#: libyaml's safe loader when PyYAML was built with it (about 10x faster), else the Python one
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_document(path: Any, name: str) -> tuple[Any, list[TemplateError]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [TemplateError(name, None, None, None, f"not UTF-8 text: {exc}")]
    try:
        if name.lower().endswith(".json"):
            return json.loads(text), []
        return yaml.load(text, Loader=_SAFE_LOADER), []
    except json.JSONDecodeError as exc:
        return None, [
            TemplateError(name, None, None, None, f"invalid JSON at line {exc.lineno}: {exc.msg}")
        ]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [TemplateError(name, None, None, None, f"invalid YAML{where}: {problem}")]


def template_files(path: str | os.PathLike[str] | None = None) -> list[tuple[Any, str]]:
    """(path, display name) of every template file at ``path`` (file or folder; None: bundled)."""
    if path is None:
        folder = bundled_templates_dir()
        return sorted(
            (
                (f, f"templates/{f.name}")
                for f in folder.iterdir()
                if f.name.endswith(TEMPLATE_SUFFIXES)
            ),
            key=lambda pair: pair[1],
        )
    p = Path(path)
    if p.is_dir():
        return [(f, str(f)) for f in sorted(p.iterdir()) if f.suffix.lower() in TEMPLATE_SUFFIXES]
    if not p.exists():
        raise FileNotFoundError(f"no template file or folder at {str(p)!r}")
    return [(p, str(p))]


def validate_templates(
    path: str | os.PathLike[str] | None = None,
) -> tuple[list[Template], list[TemplateError], list[TemplateError]]:
    """Read and check template file(s) without raising.

    Parameters
    ----------
    path : path-like, optional
        A template file (YAML or JSON) or a folder of them; None for the bundled library.

    Returns
    -------
    templates, errors, warnings
        The valid templates; every problem names the file, the entry (index and
        id) and the field. Ids must be unique across all files.
    """
    templates: list[Template] = []
    errors: list[TemplateError] = []
    warnings: list[TemplateError] = []
    owner: dict[str, str] = {}
    files = template_files(path)
    if not files:
        errors.append(
            TemplateError(
                str(path or "templates/"),
                None,
                None,
                None,
                "no template files (*.yaml, *.yml, *.json)",
            )
        )
    for file, name in files:
        data, errs = _read_document(file, name)
        if errs:
            errors.extend(errs)
            continue
        found, errs, warns = document_errors(data, file=name)
        errors.extend(errs)
        warnings.extend(warns)
        for tpl in found:
            if tpl.id in owner:
                index = next(
                    j
                    for j, e in enumerate(data["templates"])
                    if isinstance(e, dict) and e.get("id") == tpl.id
                )
                errors.append(
                    TemplateError(
                        name,
                        index,
                        tpl.id,
                        "id",
                        f"duplicate id, already defined in {owner[tpl.id]}",
                    )
                )
                continue
            owner[tpl.id] = name
            templates.append(tpl)
    return templates, errors, warnings


class CounterNarrativeLibrary:
    """A set of counter-narrative templates with a claim matcher.

    Parameters
    ----------
    templates : iterable of Template
        Templates with unique ids.
    threshold : float, optional
        Decision threshold of :meth:`match`; default: calibrated automatically
        for this library on bundled ordinary text on first use (see
        :attr:`threshold`; :meth:`load` of the bundled library uses
        :data:`DEFAULT_THRESHOLD`; :meth:`calibrate` uses your own texts).
    matcher : TemplateMatcher, optional
        Matcher configuration (an unfitted instance); fitted lazily on first use.

    Examples
    --------
    >>> lib = CounterNarrativeLibrary.load()                       # doctest: +SKIP
    >>> lib.match(["Selamat! Anda menang undian bank, transfer pajak dulu"])  # doctest: +SKIP
    """

    def __init__(
        self,
        templates: Iterable[Template] = (),
        *,
        threshold: float | None = None,
        matcher: TemplateMatcher | None = None,
    ) -> None:
        self._templates: tuple[Template, ...] = tuple(templates)
        self._by_id: dict[str, Template] = {}
        duplicates = []
        for tpl in self._templates:
            if tpl.id in self._by_id:
                duplicates.append(tpl.id)
            self._by_id[tpl.id] = tpl
        if duplicates:
            raise ValueError(f"duplicate template id(s): {', '.join(sorted(set(duplicates)))}")
        self._config = matcher if matcher is not None else TemplateMatcher()
        self._threshold: float | None = None if threshold is None else float(threshold)
        self._matcher: TemplateMatcher | None = None

    @property
    def threshold(self) -> float:
        """Decision threshold of :meth:`match`.

        Unless given, it is calibrated automatically for this library on the
        bundled ordinary texts (:func:`hoaxguard.counter.auto_threshold`) on
        first use; the bundled library loads with :data:`DEFAULT_THRESHOLD`.
        """
        if self._threshold is None:
            from hoaxguard.counter._calibration import auto_threshold

            self._threshold = auto_threshold(self._fitted())
        return self._threshold

    @threshold.setter
    def threshold(self, value: float) -> None:
        self._threshold = float(value)

    # ------------------------------------------------------------ loading
    @classmethod
    def load(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        threshold: float | None = None,
        matcher: TemplateMatcher | None = None,
    ) -> CounterNarrativeLibrary:
        """Load templates from a file or folder (default: the bundled library).

        A folder written by ``hoaxguard learn`` (with ``rejected.jsonl``) loads
        as a :class:`~hoaxguard.counter.LocalTemplateLibrary`, so an office's
        rejected matches are honoured by ``--templates`` everywhere.

        Raises
        ------
        TemplateValidationError
            Listing every problem (file, entry, field) when any file is invalid.
        """
        templates, errors, _ = validate_templates(path)
        if errors:
            raise TemplateValidationError(errors)
        if threshold is None and path is None:
            threshold = DEFAULT_THRESHOLD  # calibrated for the bundled library
        if path is not None and Path(path).is_dir():
            from hoaxguard.counter._rejected import LocalTemplateLibrary, read_rejected

            rejected = read_rejected(path)
            if rejected:  # a folder written by ``hoaxguard learn``: keep the office's rejections
                return LocalTemplateLibrary(templates, rejected=rejected, threshold=threshold,
                                            matcher=matcher)
        return cls(templates, threshold=threshold, matcher=matcher)

    @classmethod
    def from_claimreview(cls, data: Any, **kwargs: Any) -> CounterNarrativeLibrary:
        """Library from ClaimReview JSON-LD (a path, JSON text or parsed data)."""
        from hoaxguard.counter._claimreview import read_claimreview

        return cls(read_claimreview(data), **kwargs)

    @classmethod
    def from_factcheck_csv(cls, path: Any, **kwargs: Any) -> CounterNarrativeLibrary:
        """Library from a fact-check CSV (id, claim, title, verdict, category, explanation, references, date, url)."""
        from hoaxguard.counter._claimreview import read_factcheck_csv

        return cls(read_factcheck_csv(path), **kwargs)

    # --------------------------------------------------------- container
    def __len__(self) -> int:
        return len(self._templates)

    def __iter__(self) -> Iterator[Template]:
        return iter(self._templates)

    def __contains__(self, template_id: object) -> bool:
        return template_id in self._by_id

    def __repr__(self) -> str:
        thr = "auto" if self._threshold is None else f"{self._threshold:.3f}"
        return f"CounterNarrativeLibrary({len(self)} templates, threshold={thr})"

    @property
    def ids(self) -> list[str]:
        """Template ids in library order."""
        return [t.id for t in self._templates]

    def get(self, template_id: str) -> Template:
        """The template with this id; KeyError names close ids when absent."""
        try:
            return self._by_id[template_id]
        except KeyError:
            import difflib

            close = difflib.get_close_matches(str(template_id), self._by_id, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise KeyError(f"no template with id {template_id!r}{hint}") from None

    def merge(
        self, *others: CounterNarrativeLibrary | Iterable[Template], on_duplicate: str = "error"
    ) -> CounterNarrativeLibrary:
        """A new library with the templates of ``self`` then ``others``.

        Parameters
        ----------
        on_duplicate : {"error", "replace", "keep"}
            Same id in two libraries: raise ValueError (default), let the later
            template replace the earlier one (in place), or keep the earlier one.
        """
        if on_duplicate not in DUPLICATE_POLICIES:
            raise ValueError(
                f"on_duplicate must be one of {DUPLICATE_POLICIES}, got {on_duplicate!r}"
            )
        merged: dict[str, Template] = dict(self._by_id)
        duplicates: list[str] = []
        for other in others:
            for tpl in other:
                if tpl.id in merged:
                    duplicates.append(tpl.id)
                    if on_duplicate == "replace":
                        merged[tpl.id] = tpl
                    continue
                merged[tpl.id] = tpl
        if duplicates and on_duplicate == "error":
            raise ValueError(
                f"duplicate template id(s) when merging: {', '.join(sorted(set(duplicates)))} "
                "(pass on_duplicate='replace' or 'keep')"
            )
        return CounterNarrativeLibrary(
            merged.values(), threshold=self._threshold, matcher=self._config
        )

    def valid_on(self, day: Any = None) -> CounterNarrativeLibrary:
        """A new library with only the templates valid on ``day`` (default today)."""
        kept = [t for t in self._templates if t.is_valid_on(day)]
        return CounterNarrativeLibrary(kept, threshold=self._threshold, matcher=self._config)

    # ------------------------------------------------------------ saving
    def to_dict(self) -> dict[str, Any]:
        """The library as a template document ``{schema_version, templates}``."""
        return {
            "schema_version": SCHEMA_VERSION,
            "templates": [t.to_dict() for t in self._templates],
        }

    def to_yaml(self, path: str | os.PathLike[str] | None = None) -> str:
        """The library as YAML text (also written to ``path`` when given)."""
        text = yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False, width=100)
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def to_claimreview(
        self, path: str | os.PathLike[str] | None = None, **kwargs: Any
    ) -> list[dict[str, Any]]:
        """The templates as ClaimReview JSON-LD objects (also written to ``path``)."""
        from hoaxguard.counter._claimreview import to_claimreview, write_claimreview

        if path is not None:
            write_claimreview(self._templates, path, **kwargs)
        return to_claimreview(self._templates, **kwargs)

    # ----------------------------------------------------------- matching
    def _fitted(self) -> TemplateMatcher:
        if self._matcher is None:
            from sklearn.base import clone

            self._matcher = clone(self._config).fit(self._templates)
        return self._matcher

    @property
    def matcher(self) -> TemplateMatcher:
        """The fitted matcher (fitted on first use)."""
        matcher = self._fitted()
        matcher.threshold = self.threshold
        return matcher

    def match(
        self, texts: Any, k: int = 3, *, threshold: float | None = None, stance: bool = True
    ) -> Any:
        """Find, for each text, the templates whose claim it repeats.

        Parameters
        ----------
        texts : str, sequence of str or pandas.Series
            Posts to match (None/NaN count as empty).
        k : int, default 3
            Number of candidates listed per text.
        threshold : float, optional
            Override the library threshold for this call.
        stance : bool, default True
            Add ``match_stance`` and ``stance_confidence``.

        Returns
        -------
        pandas.DataFrame
            One row per text (the Series index is kept, else a RangeIndex):
            ``match_id`` (best template id, None when no match),
            ``match_score`` (best score, 0..1), ``is_match`` (score >= threshold),
            ``match_verdict`` (that template's verdict or None) and
            ``candidates`` (top-k ``(id, score)`` pairs, best first); with
            ``stance``: ``match_stance`` (``repeats`` or ``denies``: the text
            denies, corrects or warns about the claim, or states the official
            fact; see :func:`hoaxguard.counter.predict_stance`) and
            ``stance_confidence`` (0.5..1) for every match and near miss (best
            score >= half the threshold; None/NaN for the other rows).

        Notes
        -----
        Detection link: a strong match to a *debunked* template is a hoax
        signal to combine with the detector's probability. Debunked verdicts are
        SALAH, HOAKS, DISINFORMASI, MISINFORMASI, PENIPUAN and every
        ``KONTEN ...`` label (see :func:`hoaxguard.counter.is_debunked`);
        SATIRE, KLARIFIKASI and BENAR are not. A match whose stance is
        ``denies`` is not a hoax signal.
        """
        if isinstance(texts, str):
            texts = [texts]
        if not self._templates:
            raise ValueError("the library is empty: nothing to match against")
        out = self.matcher.match(texts, k=k, threshold=threshold)
        if stance:
            import numpy as np

            from hoaxguard.counter._stance import predict_stance

            thr = self.threshold if threshold is None else float(threshold)
            scores = out["match_score"].to_numpy(dtype=float)
            related = np.flatnonzero((scores >= 0.5 * thr) & (scores > 0))
            values = list(texts)
            stances = np.full(len(values), None, dtype=object)
            confidence = np.full(len(values), np.nan)
            if related.size:
                st = predict_stance([values[i] for i in related])
                stances[related] = st["match_stance"].to_numpy()
                confidence[related] = st["stance_confidence"].to_numpy()
            out["match_stance"] = stances
            out["stance_confidence"] = confidence
        return out

    def match_one(self, text: str, k: int = 3, *, threshold: float | None = None) -> dict[str, Any]:
        """Match one text; a dict with the :meth:`match` columns plus ``template`` (or None)."""
        row = self.match([text], k=k, threshold=threshold).iloc[0].to_dict()
        row["match_score"] = float(row["match_score"])
        row["is_match"] = bool(row["is_match"])
        row["template"] = self.get(row["match_id"]) if row["is_match"] else None
        return row

    def calibrate(
        self, negatives: Sequence[str], target_no_match: float = 0.98, margin: float = 0.0
    ) -> float:
        """Set :attr:`threshold` so ``target_no_match`` of ordinary texts get no match; return it."""
        self.threshold = self.matcher.calibrate(
            negatives, target_no_match=target_no_match, margin=margin
        )
        return self.threshold

    # ---------------------------------------------------------- rendering
    def render(self, template_id: str | Template, platform: str, **context: Any) -> str:
        """Render a template (by id or object) for a platform; see :func:`hoaxguard.render`."""
        from hoaxguard.counter._render import render

        tpl = template_id if isinstance(template_id, Template) else self.get(template_id)
        return render(tpl, platform, **context)
