"""Validation of template files: every problem names the file, the entry and the field.

The same rules are published as a JSON Schema document for editors
(``hoaxguard/_data/template.schema.json``); this module is the authority and
adds checks JSON Schema cannot express (unique ids, date order, placeholders).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hoaxguard.counter._template import PLATFORMS, VERDICTS, Source, Template

SCHEMA_VERSION = 1

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
HASHTAG_RE = re.compile(r"^#\w+$")
# a placeholder is {name}; "{{" and "}}" are literal braces
PLACEHOLDER_RE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
PLACEHOLDER_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

PLATFORM_ALIASES = {"twitter": "x"}

REQUIRED_TEXT = ("id", "title", "claim", "verdict", "fact", "explanation")
LIST_OF_TEXT = ("aliases", "tags", "hashtags")
KNOWN_FIELDS = (
    *REQUIRED_TEXT,
    "aliases",
    "sources",
    "tags",
    "agency",
    "hashtags",
    "valid_from",
    "valid_until",
    "responses",
)
MIN_ALIASES = 3


@dataclass(frozen=True)
class TemplateError:
    """One validation problem: where (file, entry index and id, field) and what."""

    file: str
    index: int | None
    id: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file or "<data>"]
        if self.index is not None:
            entry = f"entry {self.index}"
            if self.id:
                entry += f" (id {self.id!r})"
            where.append(entry)
        if self.field:
            where.append(f"field {self.field!r}")
        return ": ".join(where) + f": {self.message}"


class TemplateValidationError(ValueError):
    """Raised when template data are invalid; ``errors`` lists every problem."""

    def __init__(self, errors: list[TemplateError]) -> None:
        self.errors = list(errors)
        head = f"{len(self.errors)} template error(s):\n" if len(self.errors) > 1 else ""
        super().__init__(head + "\n".join(f"  {e}" if head else str(e) for e in self.errors))


def _iso_date(value: Any) -> str | None:
    """ISO string of a YAML date / string, None for empty; ValueError if not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            raise ValueError("expected a date yyyy-mm-dd") from None
    raise ValueError(f"expected a date yyyy-mm-dd, got {type(value).__name__}")


def placeholders(text: str) -> list[str]:
    """Names of the ``{name}`` placeholders in ``text``; ValueError if one is malformed."""
    names = []
    for m in PLACEHOLDER_RE.finditer(text):
        token = m.group(0)
        if token in ("{{", "}}"):
            continue
        name = m.group(1)
        if name is None:
            raise ValueError(
                f"unbalanced brace at position {m.start()} (write '{{{{' or '}}}}' for a literal brace)"
            )
        if not PLACEHOLDER_NAME_RE.match(name):
            raise ValueError(
                f"placeholder {{{name}}} is not a plain name (only {{name}} is allowed, "
                "no attributes, indexes or format specs)"
            )
        names.append(name)
    return names


def normalize_verdict(value: str) -> str:
    """Upper-case, single-spaced verdict label (``"konten  palsu"`` -> ``"KONTEN PALSU"``)."""
    return " ".join(str(value).split()).upper()


def template_errors(
    entry: Any, *, file: str = "<data>", index: int | None = None
) -> tuple[Template | None, list[TemplateError], list[TemplateError]]:
    """Check one template mapping.

    Returns
    -------
    template : Template or None
        The parsed template when there is no error.
    errors, warnings : list of TemplateError
    """
    errors: list[TemplateError] = []
    warnings: list[TemplateError] = []
    tid = entry.get("id") if isinstance(entry, Mapping) else None
    tid = tid if isinstance(tid, str) else None

    def err(fld: str | None, msg: str) -> None:
        errors.append(TemplateError(file, index, tid, fld, msg))

    if not isinstance(entry, Mapping):
        err(None, f"a template must be a mapping of fields, got {type(entry).__name__}")
        return None, errors, warnings

    for key in entry:
        if key not in KNOWN_FIELDS:
            err(str(key), f"unknown field (known: {', '.join(KNOWN_FIELDS)})")

    values: dict[str, Any] = {}
    for name in REQUIRED_TEXT:
        value = entry.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            err(name, "required text is missing or empty")
        elif not isinstance(value, str):
            err(name, f"must be text, got {type(value).__name__}")
        else:
            values[name] = value.strip()
    if "id" in values and not ID_RE.match(values["id"]):
        err(
            "id",
            "must be a slug of lowercase letters, digits and single hyphens, e.g. 'hadiah-bank-palsu'",
        )
    if "verdict" in values:
        verdict = normalize_verdict(values["verdict"])
        if verdict not in VERDICTS:
            err("verdict", f"{values['verdict']!r} is not one of {', '.join(VERDICTS)}")
        values["verdict"] = verdict

    for name in LIST_OF_TEXT:
        value = entry.get(name)
        if value is None:
            values[name] = ()
            continue
        if not isinstance(value, list):
            err(name, f"must be a list of texts, got {type(value).__name__}")
            continue
        items = []
        for j, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                err(f"{name}[{j}]", "must be non-empty text")
            else:
                items.append(item.strip())
        values[name] = tuple(items)
    for j, tag in enumerate(values.get("hashtags", ())):
        if not HASHTAG_RE.match(tag):
            err(f"hashtags[{j}]", f"{tag!r} must be '#' followed by letters/digits, no spaces")
    if len(values.get("aliases", ())) < MIN_ALIASES and "aliases" not in [e.field for e in errors]:
        warnings.append(
            TemplateError(
                file,
                index,
                tid,
                "aliases",
                f"fewer than {MIN_ALIASES} example phrasings; matching will be weaker",
            )
        )

    sources = entry.get("sources")
    parsed_sources = []
    if not isinstance(sources, list) or not sources:
        err("sources", "at least one source {name, url, date} is required")
    else:
        for j, src in enumerate(sources):
            where = f"sources[{j}]"
            if not isinstance(src, Mapping):
                err(where, "must be a mapping with name, url and date")
                continue
            extra = set(src) - {"name", "url", "date"}
            if extra:
                err(where, f"unknown key(s) {sorted(map(str, extra))} (known: name, url, date)")
            name, url = src.get("name"), src.get("url")
            ok = True
            if not isinstance(name, str) or not name.strip():
                err(f"{where}.name", "required text is missing or empty")
                ok = False
            if not isinstance(url, str) or not URL_RE.match(url.strip()):
                err(f"{where}.url", f"must be an http(s) URL, got {url!r}")
                ok = False
            try:
                date = _iso_date(src.get("date"))
            except ValueError as exc:
                err(f"{where}.date", f"{exc}: {src.get('date')!r}")
                ok = False
            if ok:
                parsed_sources.append(Source(name.strip(), url.strip(), date))
    values["sources"] = tuple(parsed_sources)

    agency = entry.get("agency")
    if agency is not None and (not isinstance(agency, str) or not agency.strip()):
        err("agency", "must be non-empty text or null")
    values["agency"] = agency.strip() if isinstance(agency, str) and agency.strip() else None

    for name in ("valid_from", "valid_until"):
        try:
            values[name] = _iso_date(entry.get(name))
        except ValueError as exc:
            err(name, f"{exc}: {entry.get(name)!r}")
            values[name] = None
    if (
        values["valid_from"]
        and values["valid_until"]
        and values["valid_from"] > values["valid_until"]
    ):
        err("valid_until", f"{values['valid_until']} is before valid_from {values['valid_from']}")

    responses = entry.get("responses")
    parsed_responses: dict[str, str] = {}
    if responses is not None and not isinstance(responses, Mapping):
        err("responses", f"must be a mapping platform -> text, got {type(responses).__name__}")
    elif responses:
        for platform, text in responses.items():
            where = f"responses.{platform}"
            key = PLATFORM_ALIASES.get(str(platform).lower(), str(platform).lower())
            if key not in PLATFORMS:
                err(where, f"unknown platform (known: {', '.join(PLATFORMS)}, twitter)")
                continue
            if not isinstance(text, str) or not text.strip():
                err(where, "must be non-empty text")
                continue
            try:
                placeholders(text)
            except ValueError as exc:
                err(where, str(exc))
                continue
            parsed_responses[key] = text.strip()
    values["responses"] = parsed_responses

    if errors:
        return None, errors, warnings
    return Template(**{k: values[k] for k in KNOWN_FIELDS}), errors, warnings


def document_errors(
    data: Any, *, file: str = "<data>"
) -> tuple[list[Template], list[TemplateError], list[TemplateError]]:
    """Check a whole template document ``{schema_version: 1, templates: [...]}``.

    Returns the valid templates, the errors and the warnings (duplicate ids
    within the document are errors).
    """
    errors: list[TemplateError] = []
    warnings: list[TemplateError] = []
    if not isinstance(data, Mapping):
        kind = "empty" if data is None else type(data).__name__
        return (
            [],
            [
                TemplateError(
                    file,
                    None,
                    None,
                    None,
                    f"expected a mapping with 'schema_version' and 'templates', got {kind}",
                )
            ],
            [],
        )
    for key in data:
        if key not in ("schema_version", "templates"):
            errors.append(
                TemplateError(
                    file,
                    None,
                    None,
                    str(key),
                    "unknown top-level key (known: schema_version, templates)",
                )
            )
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        errors.append(
            TemplateError(
                file, None, None, "schema_version", f"must be {SCHEMA_VERSION}, got {version!r}"
            )
        )
    entries = data.get("templates")
    if not isinstance(entries, list):
        errors.append(TemplateError(file, None, None, "templates", "must be a list of templates"))
        return [], errors, warnings
    templates: list[Template] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries):
        tpl, errs, warns = template_errors(entry, file=file, index=i)
        errors.extend(errs)
        warnings.extend(warns)
        if tpl is None:
            continue
        if tpl.id in seen:
            errors.append(
                TemplateError(
                    file, i, tpl.id, "id", f"duplicate id, first used by entry {seen[tpl.id]}"
                )
            )
            continue
        seen[tpl.id] = i
        templates.append(tpl)
    return templates, errors, warnings


def template_from_dict(
    entry: Mapping[str, Any], *, file: str = "<data>", index: int | None = None
) -> Template:
    """Validate one mapping and build a :class:`Template`; raise :class:`TemplateValidationError`."""
    tpl, errors, _ = template_errors(entry, file=file, index=index)
    if errors or tpl is None:
        raise TemplateValidationError(errors)
    return tpl
