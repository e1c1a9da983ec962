"""Import and export: schema.org ClaimReview JSON-LD and fact-check CSV files.

Mapping between a template and a ClaimReview object:

=========================  ===============================================
template                   ClaimReview
=========================  ===============================================
``id``                     ``identifier``
``title``                  ``headline``
``claim``                  ``claimReviewed``
``aliases``                ``itemReviewed.appearance[].text`` (CreativeWork)
``verdict``                ``reviewRating.alternateName``
``fact``                   ``reviewBody``
``explanation``            ``description``
``sources``                ``citation[]`` (first source also gives ``url``
                           and ``datePublished``)
``agency``                 ``author.name``
``tags``, ``hashtags``     ``keywords``
=========================  ===============================================

On import, a ClaimReview without ``citation`` gets one source (author, url,
datePublished); without ``reviewBody`` the fact says who rated the claim how.
``valid_from``, ``valid_until`` and ``responses`` have no ClaimReview
equivalent; ``extensions=True`` keeps them (and an empty ``agency``) under a
``hoaxguard`` key, for a lossless round trip.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from hoaxguard.counter._schema import (
    TemplateError,
    TemplateValidationError,
    normalize_verdict,
    template_errors,
)
from hoaxguard.counter._template import VERDICTS, Template

#: Ratings other than our labels (English ClaimReview ratings, IFCN/Mafindo categories).
VERDICT_ALIASES: dict[str, str] = {
    "FALSE": "SALAH",
    "FALSE CLAIM": "SALAH",
    "INCORRECT": "SALAH",
    "WRONG": "SALAH",
    "PANTS ON FIRE": "SALAH",
    "HOAX": "HOAKS",
    "HOAXES": "HOAKS",
    "FAKE": "HOAKS",
    "FAKE NEWS": "HOAKS",
    "DISINFORMATION": "DISINFORMASI",
    "MISINFORMATION": "MISINFORMASI",
    "SCAM": "PENIPUAN",
    "FRAUD": "PENIPUAN",
    "PHISHING": "PENIPUAN",
    "MISLEADING": "KONTEN MENYESATKAN",
    "MISLEADING CONTENT": "KONTEN MENYESATKAN",
    "PARTLY FALSE": "KONTEN MENYESATKAN",
    "MOSTLY FALSE": "KONTEN MENYESATKAN",
    "HALF TRUE": "KONTEN MENYESATKAN",
    "MISSING CONTEXT": "KONTEN MENYESATKAN",
    "FALSE CONTEXT": "KONTEN MENYESATKAN",
    "KONTEKS YANG SALAH": "KONTEN MENYESATKAN",
    "FALSE CONNECTION": "KONTEN MENYESATKAN",
    "KONEKSI YANG SALAH": "KONTEN MENYESATKAN",
    "FABRICATED": "KONTEN PALSU",
    "FABRICATED CONTENT": "KONTEN PALSU",
    "MANIPULATED": "KONTEN DIMANIPULASI",
    "MANIPULATED CONTENT": "KONTEN DIMANIPULASI",
    "ALTERED": "KONTEN DIMANIPULASI",
    "IMPOSTER": "KONTEN TIRUAN",
    "IMPOSTER CONTENT": "KONTEN TIRUAN",
    "SATIRE": "SATIRE",
    "PARODY": "SATIRE",
    "SATIRE OR PARODY": "SATIRE",
    "CLARIFICATION": "KLARIFIKASI",
    # Indonesian labels of TurnBackHoax (Mafindo), cekfakta.com and outlets' Cek Fakta desks
    "HOAXS": "HOAKS",
    "HOAKS/SALAH": "HOAKS",
    "KELIRU": "SALAH",
    "TIDAK BENAR": "SALAH",
    "BOHONG": "SALAH",
    "SALAH KONTEKS": "KONTEN MENYESATKAN",
    "KONTEKS SALAH": "KONTEN MENYESATKAN",
    "KONTEN SALAH KONTEKS": "KONTEN MENYESATKAN",
    "KONTEN KONTEKS SALAH": "KONTEN MENYESATKAN",
    "KONTEN YANG SALAH KONTEKS": "KONTEN MENYESATKAN",
    "KONTEN KONEKSI SALAH": "KONTEN MENYESATKAN",
    "KONEKSI SALAH": "KONTEN MENYESATKAN",
    "MENYESATKAN": "KONTEN MENYESATKAN",
    "SEBAGIAN BENAR": "KONTEN MENYESATKAN",
    "BENAR SEBAGIAN": "KONTEN MENYESATKAN",
    "SEBAGIAN SALAH": "KONTEN MENYESATKAN",
    "PERLU KONTEKS": "KONTEN MENYESATKAN",
    "KURANG KONTEKS": "KONTEN MENYESATKAN",
    "DIMANIPULASI": "KONTEN DIMANIPULASI",
    "MANIPULASI": "KONTEN DIMANIPULASI",
    "KONTEN MANIPULASI": "KONTEN DIMANIPULASI",
    "KONTEN REKAYASA": "KONTEN DIMANIPULASI",
    "REKAYASA": "KONTEN DIMANIPULASI",
    "DIREKAYASA": "KONTEN DIMANIPULASI",
    "SUNTINGAN": "KONTEN DIMANIPULASI",
    "DEEPFAKE": "KONTEN DIMANIPULASI",
    "PALSU": "KONTEN PALSU",
    "FABRIKASI": "KONTEN PALSU",
    "KONTEN FABRIKASI": "KONTEN PALSU",
    "KONTEN BUATAN": "KONTEN PALSU",
    "TIRUAN": "KONTEN TIRUAN",
    "KONTEN PENIRUAN": "KONTEN TIRUAN",
    "PENIRUAN": "KONTEN TIRUAN",
    "CATUT": "KONTEN TIRUAN",
    "MENCATUT": "KONTEN TIRUAN",
    "PENIPUAN/SCAM": "PENIPUAN",
    "TIPUAN": "PENIPUAN",
    "UJARAN KEBENCIAN": "HASUT",
    "HASUTAN": "HASUT",
    "PROVOKASI": "HASUT",
    "HATE SPEECH": "HASUT",
    "PARODI": "SATIRE",
    "SATIRE/PARODI": "SATIRE",
    "LELUCON": "SATIRE",
    "TIDAK TERBUKTI": "BELUM TERBUKTI",
    "BELUM ADA BUKTI": "BELUM TERBUKTI",
    "BELUM TERVERIFIKASI": "BELUM TERBUKTI",
    "UNPROVEN": "BELUM TERBUKTI",
    "UNVERIFIED": "BELUM TERBUKTI",
    "UNSUBSTANTIATED": "BELUM TERBUKTI",
    "PENJELASAN": "KLARIFIKASI",
    "KLARIFIKASI/BENAR": "KLARIFIKASI",
    "FAKTA": "BENAR",
    "TRUE": "BENAR",
    "CORRECT": "BENAR",
    "MOSTLY TRUE": "BENAR",
}

_SOCIAL_DOMAINS = (
    "facebook.com",
    "twitter.com",
    "x.com",
    "instagram.com",
    "whatsapp.com",
    "tiktok.com",
    "youtube.com",
    "t.me",
)
_URL_SPLIT_RE = re.compile(r"(?=https?://)")
_TRAILING_ENUM_RE = re.compile(r"\d\.\s*$")


def map_verdict(value: Any) -> str | None:
    """Our verdict label for a rating text (``"False"`` -> ``"SALAH"``), None if unknown.

    Compound categories like ``"Misleading Content / Disinformasi"`` map by their first known part.
    """
    if value is None:
        return None
    text = normalize_verdict(re.sub(r"[\[\]()]", " ", str(value)))
    if not text:
        return None
    if text in VERDICTS:
        return text
    if text in VERDICT_ALIASES:
        return VERDICT_ALIASES[text]
    for part in re.split(r"\s*[/,;|:+&-]\s*|\s+DAN\s+", text):
        part = part.strip()
        if part in VERDICTS:
            return part
        if part in VERDICT_ALIASES:
            return VERDICT_ALIASES[part]
    words = text.split()
    for n in range(min(4, len(words)), 0, -1):  # a known label leading a longer text
        head = " ".join(words[:n])
        found = head if head in VERDICTS else VERDICT_ALIASES.get(head)
        if found:
            return found
    if text.startswith("KONTEN "):  # any other member of the "KONTEN ..." family
        return "KONTEN MENYESATKAN"
    return None


def slugify(text: str, max_length: int = 60) -> str:
    """A template id from free text: ascii lowercase words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "template"


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in used:
        candidate = f"{slug}-{n}"
        n += 1
    used.add(candidate)
    return candidate


def _domain(url: str) -> str:
    try:
        host = urlparse(url).netloc.lower()
    except ValueError:  # malformed, e.g. an unbalanced '[' in the host
        return ""
    return host[4:] if host.startswith("www.") else host


def _iso(value: Any) -> str | None:
    if not value:
        return None
    match = re.match(r"\d{4}-\d{2}-\d{2}", str(value).strip())
    return match.group(0) if match else None


def _name(value: Any) -> str | None:
    """Name of a schema.org author/publisher given as text, object or list."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("alternateName") or value.get("url")
    return str(value).strip() if value else None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _load_json(data: Any) -> tuple[Any, str]:
    if isinstance(data, (str, os.PathLike)) and not (
        isinstance(data, str) and data.lstrip()[:1] in ("{", "[")
    ):
        path = Path(data)
        return json.loads(path.read_text(encoding="utf-8")), str(path)
    if isinstance(data, (str, bytes)):
        return json.loads(data), "<json>"
    return data, "<data>"


def _claimreview_objects(data: Any) -> list[dict[str, Any]]:
    """Every ClaimReview object in JSON-LD data (lists, @graph, Fact Check API ``claims``)."""
    found: list[dict[str, Any]] = []

    def visit(node: Any, claim: Mapping[str, Any] | None = None) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item, claim)
            return
        if not isinstance(node, Mapping):
            return
        types = _as_list(node.get("@type"))
        if "ClaimReview" in types:
            found.append(dict(node))
            return
        if "claimReview" in node:  # Google Fact Check Tools API: claims[].claimReview[]
            for review in _as_list(node["claimReview"]):
                if isinstance(review, Mapping):
                    found.append(_from_factcheck_api(node, review))
            return
        for key in ("@graph", "claims", "itemListElement", "mainEntity"):
            if key in node:
                visit(node[key])

    visit(data)
    return found


def _from_factcheck_api(claim: Mapping[str, Any], review: Mapping[str, Any]) -> dict[str, Any]:
    publisher = review.get("publisher") or {}
    return {
        "@type": "ClaimReview",
        "claimReviewed": claim.get("text"),
        "url": review.get("url"),
        "headline": review.get("title"),
        "datePublished": review.get("reviewDate") or claim.get("claimDate"),
        "author": {"@type": "Organization", "name": _name(publisher) or publisher.get("site")},
        "reviewRating": {"@type": "Rating", "alternateName": review.get("textualRating")},
    }


def claimreview_to_dict(review: Mapping[str, Any], *, default_id: str) -> dict[str, Any]:
    """A template mapping (not yet validated) from one ClaimReview object."""
    rating = review.get("reviewRating") or {}
    if isinstance(rating, list):
        rating = rating[0] if rating else {}
    raw_verdict = rating.get("alternateName") if isinstance(rating, Mapping) else None
    verdict = map_verdict(raw_verdict) or (str(raw_verdict) if raw_verdict else None)
    author = _name(review.get("author"))
    url = review.get("url")
    date = _iso(review.get("datePublished"))
    claim = review.get("claimReviewed")
    item = review.get("itemReviewed") or {}
    aliases = []
    for appearance in _as_list(item.get("appearance") if isinstance(item, Mapping) else None):
        if isinstance(appearance, Mapping):
            text = appearance.get("text") or appearance.get("headline") or appearance.get("name")
            if text and str(text).strip() and str(text).strip() != claim:
                aliases.append(str(text).strip())
    sources = []
    for citation in _as_list(review.get("citation")):
        if isinstance(citation, Mapping) and citation.get("url"):
            sources.append(
                {
                    "name": _name(citation) if citation.get("name") else _domain(citation["url"]),
                    "url": citation["url"],
                    "date": _iso(citation.get("datePublished")),
                }
            )
    if not sources and url:
        sources.append({"name": author or _domain(str(url)), "url": url, "date": date})
    fact = review.get("reviewBody")
    if not fact and verdict:
        fact = f"Klaim ini dinilai {verdict} oleh {author or 'pemeriksa fakta'}."
    keywords = review.get("keywords") or []
    if isinstance(keywords, str):
        keywords = [k.strip() for k in keywords.split(",") if k.strip()]
    tags = [k for k in keywords if not str(k).startswith("#")]
    hashtags = [k for k in keywords if str(k).startswith("#")]
    title = (
        review.get("headline")
        or review.get("name")
        or (claim[:100] if isinstance(claim, str) else None)
    )
    out: dict[str, Any] = {
        "id": review.get("identifier") or default_id,
        "title": title,
        "claim": claim,
        "aliases": aliases,
        "verdict": verdict,
        "fact": fact,
        "explanation": review.get("description") or fact,
        "sources": sources,
        "tags": tags,
        "agency": author,
        "hashtags": hashtags,
    }
    ext = review.get("hoaxguard")
    if isinstance(ext, Mapping):
        for key in ("valid_from", "valid_until", "responses"):
            if ext.get(key):
                out[key] = ext[key]
        if "agency" in ext:
            out["agency"] = ext["agency"]
    return out


def read_claimreview(
    data: Any, *, strict: bool = True, skipped: list[TemplateError] | None = None
) -> list[Template]:
    """Templates from ClaimReview JSON-LD.

    Parameters
    ----------
    data : path, JSON text, dict or list
        One ClaimReview, a list, a JSON-LD ``@graph``, or a Google Fact Check
        Tools API response (``claims[].claimReview[]``).
    strict : bool, default True
        Raise when any object is invalid; ``False`` skips it and lists it in ``skipped``.
    skipped : list, optional
        Receives a :class:`TemplateError` per skipped object (with ``strict=False``).

    Raises
    ------
    TemplateValidationError
        Naming the entry and field of every object that cannot become a valid template.
    """
    parsed, name = _load_json(data)
    reviews = _claimreview_objects(parsed)
    templates: list[Template] = []
    errors: list[TemplateError] = []
    used: set[str] = set()
    for i, review in enumerate(reviews):
        claim = review.get("claimReviewed")
        base = slugify(str(review.get("headline") or claim or f"claimreview-{i}"))
        entry = claimreview_to_dict(review, default_id=base)
        if entry["id"] in used:
            entry["id"] = _unique(entry["id"], used)
        else:
            used.add(entry["id"])
        tpl, errs, _ = template_errors(entry, file=name, index=i)
        for e in errs:
            field = {
                "claim": "claimReviewed",
                "verdict": "reviewRating.alternateName",
                "sources": "url/citation",
                "fact": "reviewBody",
            }.get(e.field or "", e.field)
            errors.append(TemplateError(e.file, e.index, e.id, field, e.message))
        if tpl is not None:
            templates.append(tpl)
    if errors and strict:
        raise TemplateValidationError(errors)
    if skipped is not None:
        skipped.extend(errors)
    return templates


def template_to_claimreview(template: Template, *, extensions: bool = False) -> dict[str, Any]:
    """One template as a ClaimReview JSON-LD object (see the module mapping table)."""
    first = template.sources[0] if template.sources else None
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": template.id,
        "headline": template.title,
        "claimReviewed": template.claim,
        "reviewRating": {"@type": "Rating", "alternateName": template.verdict},
        "reviewBody": template.fact,
        "description": template.explanation,
        "author": {
            "@type": "Organization",
            "name": template.agency or (first.name if first else "hoaxguard"),
        },
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [{"@type": "CreativeWork", "text": alias} for alias in template.aliases],
        },
        "citation": [
            {
                "@type": "CreativeWork",
                "name": s.name,
                "url": s.url,
                **({"datePublished": s.date} if s.date else {}),
            }
            for s in template.sources
        ],
        "inLanguage": "id",
    }
    if first is not None:
        review["url"] = first.url
        if first.date:
            review["datePublished"] = first.date
    keywords = [*template.tags, *template.hashtags]
    if keywords:
        review["keywords"] = keywords
    if extensions:
        ext = {
            "valid_from": template.valid_from,
            "valid_until": template.valid_until,
            "responses": dict(template.responses),
        }
        ext = {k: v for k, v in ext.items() if v}
        if template.agency is None:
            ext["agency"] = None  # the author above is only the source's name
        if ext:
            review["hoaxguard"] = ext
    return review


def to_claimreview(
    templates: Iterable[Template], *, extensions: bool = False
) -> list[dict[str, Any]]:
    """ClaimReview JSON-LD objects for templates."""
    return [template_to_claimreview(t, extensions=extensions) for t in templates]


def write_claimreview(
    templates: Iterable[Template], path: str | os.PathLike[str], *, extensions: bool = False
) -> Path:
    """Write templates as a JSON array of ClaimReview objects (UTF-8, indented)."""
    path = Path(path)
    path.write_text(
        json.dumps(to_claimreview(templates, extensions=extensions), ensure_ascii=False, indent=2)
        + "\n",
        encoding="utf-8",
    )
    return path


def _reference_urls(text: str, limit: int = 3) -> list[str]:
    urls = []
    for piece in _URL_SPLIT_RE.split(text or ""):
        piece = piece.strip()
        if not piece.lower().startswith(("http://", "https://")):
            continue
        url = _TRAILING_ENUM_RE.sub("", piece.split()[0]).rstrip(".,;")
        domain = _domain(url)
        if not domain or any(domain == d or domain.endswith("." + d) for d in _SOCIAL_DOMAINS):
            continue  # social posts are usually where the hoax appeared, not sources
        if url not in urls:
            urls.append(url)
    return urls[:limit]


FACTCHECK_COLUMNS = (
    "id",
    "claim",
    "title",
    "verdict",
    "category",
    "explanation",
    "references",
    "date",
    "url",
)


def factcheck_to_dict(row: Mapping[str, Any], *, used: set[str] | None = None) -> dict[str, Any]:
    """A template mapping (not yet validated) from one fact-check CSV row."""
    used = set() if used is None else used

    def text(key: str) -> str:
        value = row.get(key)
        return "" if value is None or value != value else str(value).strip()

    claim, title, url, date = text("claim"), text("title"), text("url"), _iso(text("date"))
    verdict = map_verdict(text("verdict")) or map_verdict(text("category"))
    category = " ".join(text("category").split())
    checker = _domain(url) if url else "pemeriksa fakta"
    sources = []
    if url:
        sources.append({"name": checker, "url": url, "date": date})
    sources.extend({"name": _domain(u), "url": u} for u in _reference_urls(text("references")))
    fact = f"Klaim ini dinilai {verdict} oleh {checker}." if verdict else None
    return {
        "id": _unique(slugify(text("id") or title or claim), used),
        "title": title or claim[:100],
        "claim": claim or title,
        "verdict": verdict or text("verdict") or None,
        "fact": fact,
        "explanation": text("explanation") or fact,
        "sources": sources,
        "tags": [category.lower()] if category else [],
    }


def read_factcheck_csv(
    path: Any, *, strict: bool = True, skipped: list[TemplateError] | None = None
) -> list[Template]:
    """Templates from a fact-check CSV.

    Columns: ``id, claim, title, verdict, category, explanation, references,
    date, url`` (``claim`` or ``title``, and ``explanation`` are required).
    The verdict comes from ``verdict`` or else ``category``; the fact says who
    rated the claim how; sources are the fact-check ``url`` and up to three
    non-social-media ``references``.

    Parameters
    ----------
    strict : bool, default True
        Raise when any row is invalid; ``False`` skips invalid rows and lists
        them (file, CSV line, field, reason) in ``skipped``.
    skipped : list, optional
        Receives a :class:`TemplateError` per skipped row (with ``strict=False``).

    Raises
    ------
    TemplateValidationError
        Naming the row (CSV line) and field of every problem.
    """
    import pandas as pd

    name = str(path) if isinstance(path, (str, os.PathLike)) else "<csv>"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("explanation",) if c not in frame.columns]
    if "claim" not in frame.columns and "title" not in frame.columns:
        missing.append("claim")
    if missing:
        raise TemplateValidationError(
            [TemplateError(name, None, None, col, "required column is missing") for col in missing]
        )
    templates: list[Template] = []
    errors: list[TemplateError] = []
    used: set[str] = set()
    for i, row in enumerate(frame.to_dict("records")):
        entry = factcheck_to_dict(row, used=used)
        tpl, errs, _ = template_errors(entry, file=name, index=i)
        errors.extend(
            TemplateError(e.file, e.index, e.id, e.field, f"{e.message} (CSV line {i + 2})")
            for e in errs
        )
        if tpl is not None:
            templates.append(tpl)
    if errors and strict:
        raise TemplateValidationError(errors)
    if skipped is not None:
        skipped.extend(errors)
    return templates
