"""Render a template as a ready-to-post answer for one platform ("truth sandwich").

Every text leads with the fact, mentions the myth at most once behind a warning
word, gives the explanation, always cites a source, and repeats the fact at the
end where length allows (fact-checkers' truth sandwich).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from hoaxguard.counter._schema import PLACEHOLDER_RE, PLATFORM_ALIASES, placeholders
from hoaxguard.counter._template import PLATFORMS, Template, is_debunked

X_LIMIT = 280
X_URL_LENGTH = 23
INSTAGRAM_LIMIT = 2200
DEFAULT_AGENCY = "Dinas Komunikasi dan Informatika"

_URL_RE = re.compile(r"https?://\S+", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+")
_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def _normalize_platform(platform: str) -> str:
    key = str(platform).strip().lower()
    key = PLATFORM_ALIASES.get(key, key)
    if key not in PLATFORMS:
        raise ValueError(
            f"unknown platform {platform!r}; choose one of {', '.join(PLATFORMS)} (or twitter)"
        )
    return key


def x_length(text: str) -> int:
    """Length of a post as X counts it: a URL is 23 characters, emoji and CJK count 2."""
    text = _URL_RE.sub("x" * X_URL_LENGTH, text)
    total = 0
    for ch in text:
        cp = ord(ch)
        light = cp <= 4351 or 8192 <= cp <= 8205 or 8208 <= cp <= 8223 or 8242 <= cp <= 8247
        total += 1 if light else 2
    return total


def indonesian_date(day: _dt.date | str | None = None) -> str:
    """``26 November 2026`` (default today)."""
    if day is None:
        day = _dt.date.today()
    if isinstance(day, str):
        day = _dt.date.fromisoformat(day[:10])
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _hashtags(value: Any, template: Template) -> list[str]:
    if value is None:
        tags: Iterable[str] = template.hashtags
    elif isinstance(value, str):
        tags = value.replace(",", " ").split()
    else:
        tags = value
    out = []
    for tag in tags:
        tag = str(tag).strip()
        if tag:
            out.append(tag if tag.startswith("#") else f"#{tag}")
    return out


def shorten(text: str, limit: int, measure=len) -> str:
    """Cut ``text`` to fit ``limit`` at a sentence end, else a word end with an ellipsis ('' if nothing fits)."""
    text = " ".join(text.split())
    if measure(text) <= limit:
        return text
    sentences = _SENTENCE_END_RE.split(text)
    kept = ""
    for sentence in sentences:
        candidate = f"{kept} {sentence}".strip()
        if measure(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    words = text.split()
    kept = ""
    for word in words:
        candidate = f"{kept} {word}".strip()
        if measure(candidate + "…") > limit:
            break
        kept = candidate
    return f"{kept.rstrip(',;:')}…" if kept else ""


def _warning(verdict: str) -> str:
    return f"⚠️ {verdict}" if is_debunked(verdict) else f"ℹ️ {verdict}"


def _source_line(template: Template, url: str | None) -> tuple[str, str]:
    """(name, url) of the main source; ``url=`` in the context overrides the link."""
    if template.sources:
        first = template.sources[0]
        return first.name, url or first.url
    if url:
        return "", url
    raise ValueError(f"template {template.id!r} has no source; every answer must cite one")


def _context_values(template: Template, context: Mapping[str, Any]) -> dict[str, str]:
    name, url = _source_line(template, context.get("url"))
    values = {
        "id": template.id,
        "title": template.title,
        "claim": template.claim,
        "verdict": template.verdict,
        "fact": template.fact,
        "explanation": template.explanation,
        "source": f"{name} {url}".strip(),
        "source_name": name,
        "url": url,
        "agency": str(context.get("agency") or template.agency or DEFAULT_AGENCY),
        "publisher": str(context.get("agency") or ""),
        "hashtags": " ".join(_hashtags(context.get("hashtags"), template)),
        "account": str(context.get("account") or ""),
        "date": indonesian_date(context.get("date")),
    }
    for key, value in context.items():
        if key not in ("hashtags", "date", "agency", "url", "account"):
            values[key] = "" if value is None else str(value)
    return values


def fill_placeholders(text: str, values: Mapping[str, str], *, where: str = "response") -> str:
    """Replace ``{name}`` placeholders with ``values`` (no attribute or index access).

    Raises
    ------
    KeyError
        Naming every missing placeholder.
    """
    needed = placeholders(text)
    missing = sorted({n for n in needed if n not in values})
    if missing:
        raise KeyError(
            f"{where} needs placeholder(s) {', '.join('{' + m + '}' for m in missing)}; "
            f"pass them as keyword arguments, e.g. render(..., {missing[0]}='...')"
        )

    def sub(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        return str(values[match.group(1)])

    return PLACEHOLDER_RE.sub(sub, text)


def _render_x(t: Template, v: dict[str, str]) -> str:
    fact = f"FAKTA: {t.fact}"
    myth = f"{_warning(t.verdict)}: {t.title}."
    tags = v["hashtags"].split()

    def build(parts: list[str]) -> str:
        return "\n".join(p for p in parts if p)

    def fits(parts: list[str]) -> bool:
        return x_length(build(parts)) <= X_LIMIT

    # mandatory: the fact and a source; prefer the source name, then the link alone
    source = f"Sumber: {v['source']}"
    if not fits([fact, source]):
        source = f"Sumber: {v['url']}"
    if not fits([fact, source]):
        fact = t.fact  # drop the "FAKTA:" label before cutting the fact itself
    if not fits([fact, source]):
        source = v["url"]  # the bare link still cites the source
    if not fits([fact, source]):  # only when the fact alone is too long for X
        fact = shorten(fact, X_LIMIT - x_length(source) - 1, x_length)
        return build([fact, source])
    # optional, by priority: the myth with its warning, the account, hashtags, explanation
    if not fits([fact, myth, source]):
        myth = f"{_warning(t.verdict)}."  # the label alone when the myth does not fit
    if not fits([fact, myth, source]):
        myth = ""
    if v["account"] and fits([fact, myth, f"{source} via {v['account']}"]):
        source = f"{source} via {v['account']}"
    while tags and not fits([fact, myth, source, " ".join(tags)]):
        tags.pop()
    tag_line = " ".join(tags)
    room = X_LIMIT - x_length(build([fact, myth, source, tag_line])) - 1
    explanation = shorten(t.explanation, room, x_length) if room >= 40 else ""
    parts = [fact, myth, explanation, source]
    again = f"Faktanya: {t.fact}"
    if fits([*parts, again, tag_line]):
        parts.append(again)
    parts.append(tag_line)
    return build(parts)


def _sources_block(t: Template, v: dict[str, str], *, bullet: str = "- ") -> list[str]:
    lines = []
    for i, s in enumerate(t.sources):
        url = v["url"] if i == 0 else s.url
        date = f" ({indonesian_date(s.date)})" if s.date else ""
        lines.append(f"{bullet}{s.name}{date}: {url}")
    if not lines:
        lines.append(f"{bullet}{v['url']}")
    return lines


def _signoff(v: dict[str, str]) -> str:
    """ "— publisher (account)" when an agency or account was given, else ''."""
    if not (v["publisher"] or v["account"]):
        return ""
    return "— " + " ".join(
        p for p in (v["publisher"], f"({v['account']})" if v["account"] else "") if p
    )


def _render_facebook(t: Template, v: dict[str, str]) -> str:
    parts = [
        f"FAKTA: {t.fact}",
        f'{_warning(t.verdict)}: Beredar klaim "{t.claim}"',
        t.explanation,
        "Sumber:\n" + "\n".join(_sources_block(t, v)),
        f"Ingat, faktanya: {t.fact}",
        _signoff(v),
        v["hashtags"],
    ]
    return "\n\n".join(p for p in parts if p)


def _render_instagram(t: Template, v: dict[str, str]) -> str:
    def build(explanation: str) -> str:
        parts = [
            f"✅ FAKTA: {t.fact}",
            f"{_warning(t.verdict)}: {t.title}",
            explanation,
            "📌 Sumber:\n" + "\n".join(_sources_block(t, v, bullet="• ")),
            f"Ingat, faktanya: {t.fact}",
            _signoff(v),
            v["hashtags"],
        ]
        return "\n\n".join(p for p in parts if p)

    text = build(t.explanation)
    if len(text) > INSTAGRAM_LIMIT:
        text = build(
            shorten(t.explanation, max(0, len(t.explanation) - (len(text) - INSTAGRAM_LIMIT)))
        )
    return text


def _render_whatsapp(t: Template, v: dict[str, str]) -> str:
    parts = [
        f"*FAKTA:* {t.fact}",
        f"{_warning(t.verdict).replace(t.verdict, '*' + t.verdict + '*')}: _{t.title}_",
        t.explanation,
        "*Sumber:*\n" + "\n".join(_sources_block(t, v)),
        f"*Faktanya:* {t.fact}",
        "Mohon periksa kebenaran informasi sebelum meneruskan pesan.",
        _signoff(v),
        v["hashtags"],
    ]
    return "\n\n".join(p for p in parts if p)


def _render_press(t: Template, v: dict[str, str]) -> str:
    agency = v["publisher"] or DEFAULT_AGENCY
    based_on = f", merujuk pada keterangan resmi {t.agency}" if t.agency else ""
    warning = (
        f"informasi tersebut dikategorikan sebagai {t.verdict} dan tidak dapat dipercaya"
        if is_debunked(t.verdict)
        else f"informasi tersebut berstatus {t.verdict}"
    )
    parts = [
        "SIARAN PERS",
        agency,
        v["date"],
        "Perihal: Klarifikasi atas informasi yang beredar",
        f"{agency} menyampaikan fakta sebagai berikut{based_on}: {t.fact}",
        f'Sehubungan dengan beredarnya informasi yang menyatakan "{t.claim}", {agency} menegaskan bahwa {warning}.',
        t.explanation,
        "Masyarakat diimbau untuk memeriksa kebenaran informasi melalui kanal resmi dan tidak menyebarkan "
        "informasi yang belum terverifikasi.",
        f"Dengan demikian, kami tegaskan kembali: {t.fact}",
        "Sumber rujukan:\n" + "\n".join(_sources_block(t, v, bullet="")),
    ]
    if v.get("contact"):
        parts.append(f"Narahubung: {v['contact']}")
    parts.append("###")
    return "\n\n".join(p for p in parts if p)


_RENDERERS = {
    "x": _render_x,
    "facebook": _render_facebook,
    "instagram": _render_instagram,
    "whatsapp": _render_whatsapp,
    "press": _render_press,
}


def render(template: Template, platform: str, **context: Any) -> str:
    """Render a counter-narrative for one platform.

    Parameters
    ----------
    template : Template
        The template to answer with.
    platform : {"x", "twitter", "facebook", "instagram", "whatsapp", "press"}
        ``x``: at most 280 characters as X counts them (a link counts 23); the
        explanation is shortened, the fact and the source are never dropped.
        ``whatsapp`` uses ``*bold*``/``_italic_`` markup; ``press`` is a formal
        press release with agency name and date.
    **context
        ``agency=``: the publishing office, signs social posts and heads the
        press release (default :data:`DEFAULT_AGENCY` there; the template's
        own ``agency`` is cited as the authority), ``hashtags=`` (list or
        space-separated text; default the template's; ``[]`` for none),
        ``account=`` (e.g. ``"@kominfo_kab"``), ``date=`` (press date, default
        today), ``url=`` (link replacing the first source's), ``contact=``
        (press). Other keywords fill placeholders of the template's
        per-platform ``responses`` override.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        Unknown platform, a template without source, or an X override longer than 280.
    KeyError
        A placeholder of a ``responses`` override has no value.
    """
    key = _normalize_platform(platform)
    values = _context_values(template, context)
    override = template.responses.get(key)
    if override:
        text = fill_placeholders(
            override, values, where=f"template {template.id!r} response for {key!r}"
        )
        if key == "x" and x_length(text) > X_LIMIT:
            raise ValueError(
                f"template {template.id!r}: the X response is {x_length(text)} characters once filled (limit {X_LIMIT})"
            )
        return text
    return _RENDERERS[key](template, values)
