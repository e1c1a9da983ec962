"""Import real fact-check feeds: WordPress REST posts, RSS 2.0, and merging into a library.

* :func:`read_wordpress_posts` reads the JSON the WordPress REST API
  ``/wp/v2/posts`` returns (TurnBackHoax runs WordPress): ``title.rendered``
  (``"[SALAH] ..."``), ``content.rendered`` (HTML), ``date``, ``link``.
* :func:`read_rss` reads an RSS 2.0 feed (``item/title``, ``link``,
  ``description`` or ``content:encoded``, ``pubDate``). The XML is refused when
  it declares a DOCTYPE or entities (no external entities, no entity expansion:
  the defusedxml rule), then parsed with :mod:`xml.etree.ElementTree`.
* Rows that cannot become a template are **skipped** and listed as
  :class:`~hoaxguard.counter.TemplateError` (file, entry/line, field, reason);
  ``strict=True`` raises :class:`~hoaxguard.counter.TemplateValidationError` instead.
* :func:`merge_feed` adds new fact-checks to a library: duplicates by URL or
  near-identical claim are resolved newest-first, ``since`` drops older ones.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import html
import json
import os
import re
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from hoaxguard.counter._claimreview import _domain, _iso, _unique, map_verdict, slugify
from hoaxguard.counter._schema import TemplateError, TemplateValidationError, template_errors
from hoaxguard.counter._template import Template

_LABEL_RE = re.compile(r"^\s*[\[(]\s*([^\])]+?)\s*[\])]\s*[:\-–]?\s*")
_SECTION_RE = re.compile(
    r"\b(narasi|penjelasan|kesimpulan|referensi|hasil cek fakta|hasil periksa fakta)\s*:",
    re.IGNORECASE,
)
_WS_RE = re.compile(r"\s+")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("p", "br", "li", "div", "h1", "h2", "h3", "h4", "tr"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (tags dropped, entities decoded, paragraphs as newlines)."""
    parser = _TextExtractor()
    parser.feed(markup or "")
    parser.close()
    lines = (_WS_RE.sub(" ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def split_label(title: str) -> tuple[str | None, str]:
    """``"[SALAH] Video ..."`` -> ``("SALAH", "Video ...")`` (label None when absent)."""
    title = html.unescape(title or "").strip()
    m = _LABEL_RE.match(title)
    if not m:
        return None, title
    return m.group(1), title[m.end() :].strip()


def sections(text: str) -> dict[str, str]:
    """Sections of a fact-check body by their heading (``narasi``, ``penjelasan``, ``kesimpulan`` ...)."""
    out: dict[str, str] = {}
    marks = list(_SECTION_RE.finditer(text))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = text[m.end() : end].strip()
        key = m.group(1).lower()
        if body and key not in out:
            out[key] = body
    return out


def _entry(
    title: str, body: str, date: str | None, url: str, default_id: str, used: set[str]
) -> dict[str, Any]:
    label, claim_title = split_label(title)
    verdict = map_verdict(label) if label else None
    parts = sections(body)
    checker = _domain(url) or "pemeriksa fakta"
    explanation = parts.get("penjelasan") or parts.get("kesimpulan") or body
    conclusion = parts.get("kesimpulan")
    fact = (
        conclusion[:600]
        if conclusion
        else (f"Klaim ini dinilai {verdict} oleh {checker}." if verdict else None)
    )
    aliases = [parts["narasi"][:500]] if parts.get("narasi") else []
    return {
        "id": _unique(slugify(claim_title or default_id), used),
        "title": claim_title[:200] or None,
        "claim": claim_title or None,
        "aliases": aliases,
        "verdict": verdict or (label or None),
        "fact": fact,
        "explanation": explanation[:4000] or fact,
        "sources": [{"name": checker, "url": url, "date": date}] if url else [],
    }


def _collect(
    entries: Iterable[tuple[int, dict[str, Any]]], name: str, strict: bool, skipped: list | None
) -> list[Template]:
    templates: list[Template] = []
    errors: list[TemplateError] = []
    for index, entry in entries:
        tpl, errs, _ = template_errors(entry, file=name, index=index)
        if tpl is not None:
            templates.append(tpl)
        errors.extend(errs)
    if errors and strict:
        raise TemplateValidationError(errors)
    if skipped is not None:
        skipped.extend(errors)
    return templates


def _read_text(data: Any) -> tuple[str, str]:
    if isinstance(data, bytes):
        return data.decode("utf-8"), "<data>"
    if isinstance(data, os.PathLike) or (isinstance(data, str) and data.lstrip()[:1] not in "[{<"):
        path = Path(data)
        return path.read_text(encoding="utf-8"), str(path)
    return str(data), "<data>"


def read_wordpress_posts(
    data: Any, *, strict: bool = False, skipped: list[TemplateError] | None = None
) -> list[Template]:
    """Templates from a WordPress REST API posts export (``/wp/v2/posts`` JSON).

    Parameters
    ----------
    data : path, JSON text or parsed list
        A JSON array of posts (or an object with a ``posts`` list).
    strict : bool
        Raise on the first invalid post instead of skipping it.
    skipped : list, optional
        Receives one :class:`TemplateError` per skipped post (file, index, field, reason).
    """
    if isinstance(data, (list, dict)):
        posts, name = data, "<data>"
    else:
        text, name = _read_text(data)
        posts = json.loads(text)
    if isinstance(posts, Mapping):
        posts = posts.get("posts", [posts])
    used: set[str] = set()

    def rendered(value: Any) -> str:
        return str(value.get("rendered", "")) if isinstance(value, Mapping) else str(value or "")

    def entries() -> Iterable[tuple[int, dict[str, Any]]]:
        for i, post in enumerate(posts):
            if not isinstance(post, Mapping):
                yield i, {"id": f"post-{i}"}
                continue
            body = html_to_text(rendered(post.get("content")))
            yield (
                i,
                _entry(
                    html_to_text(rendered(post.get("title"))),
                    body,
                    _iso(post.get("date_gmt") or post.get("date")),
                    str(post.get("link") or ""),
                    f"post-{post.get('id', i)}",
                    used,
                ),
            )

    return _collect(entries(), name, strict, skipped)


_UNSAFE_XML = re.compile(r"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"


def _rss_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value.strip()).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return _iso(value)


def read_rss(
    data: Any, *, strict: bool = False, skipped: list[TemplateError] | None = None
) -> list[Template]:
    """Templates from an RSS 2.0 feed of fact-checks (one per ``item``).

    Raises
    ------
    ValueError
        The XML declares a DOCTYPE or entities (refused), or is not well formed.
    """
    text, name = _read_text(data)
    if _UNSAFE_XML.search(text):
        raise ValueError(f"{name}: XML with a DOCTYPE or entity declarations is refused")
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise ValueError(f"{name}: not well-formed XML: {exc}") from None
    used: set[str] = set()

    def entries() -> Iterable[tuple[int, dict[str, Any]]]:
        for i, item in enumerate(root.iter("item")):
            body = item.findtext(_CONTENT_NS) or item.findtext("description") or ""
            yield (
                i,
                _entry(
                    item.findtext("title") or "",
                    html_to_text(body),
                    _rss_date(item.findtext("pubDate")),
                    (item.findtext("link") or "").strip(),
                    f"item-{i}",
                    used,
                ),
            )

    return _collect(entries(), name, strict, skipped)


def _claim_key(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", (text or "").lower()))


def template_date(template: Template) -> str:
    """Newest source date of a template (``""`` when none)."""
    return max((s.date or "" for s in template.sources), default="")


def months_ago(months: int, today: _dt.date | None = None) -> str:
    """ISO date ``months`` calendar months before ``today`` (for ``--since``)."""
    today = today or _dt.date.today()
    y, m = divmod(today.month - 1 - int(months), 12)
    year, month = today.year + y, m + 1
    day = min(today.day, 28)
    return _dt.date(year, month, day).isoformat()


def merge_feed(
    existing: Iterable[Template], new: Iterable[Template], *, since: str | None = None
) -> list[Template]:
    """``existing`` plus ``new`` fact-checks; duplicates by URL or near-identical claim
    (same words ignoring case, punctuation and spacing), newest wins.

    Parameters
    ----------
    since : str, optional
        ISO date: fact-checks of the feed (``new``) dated before it are dropped
        (undated ones are kept).
    """
    existing, new = list(existing), list(new)
    if since:
        new = [t for t in new if not template_date(t) or template_date(t) >= since]
    kept: list[Template] = []
    by_url: dict[str, int] = {}
    by_claim: dict[str, int] = {}
    for tpl in [*existing, *new]:
        urls = [s.url for s in tpl.sources]
        key = _claim_key(tpl.claim)
        clash = next((by_url[u] for u in urls if u in by_url), by_claim.get(key))
        if clash is None:
            clash = len(kept)
            kept.append(tpl)
        elif template_date(tpl) >= template_date(kept[clash]):
            kept[clash] = tpl.replace(id=kept[clash].id)
        else:
            continue
        for u in urls:
            by_url[u] = clash
        by_claim[key] = clash
    used: set[str] = set()
    return [
        t if t.id not in used and not used.add(t.id) else t.replace(id=_unique(t.id, used))
        for t in kept
    ]
