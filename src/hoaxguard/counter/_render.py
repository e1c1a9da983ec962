"""Render a template as a ready-to-post answer for one platform ("truth sandwich").

Every text leads with the fact, mentions the myth at most once behind a warning
word, gives the explanation, always cites a source (dated only with the date the
source carries) and ends with a short call to check before sharing; the fact is
stated once (Inpres 9/2015: accurate, fast, objective, easy to understand).
Replies are signed by the publishing office (``agency=``, ``account=``).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from hoaxguard.counter._schema import PLACEHOLDER_RE, PLATFORM_ALIASES, placeholders
from hoaxguard.counter._template import PLATFORMS, Source, Template, is_debunked

X_LIMIT = 280
X_URL_LENGTH = 23
INSTAGRAM_LIMIT = 2200
DEFAULT_AGENCY = "Dinas Komunikasi dan Informatika"

#: Platform names as exports spell them -> the reply format used for them.
#: TikTok and Threads replies are short comments: they get the X format.
ROW_PLATFORM_ALIASES: dict[str, str] = {
    "twitter": "x",
    "x": "x",
    "tweet": "x",
    "threads": "x",
    "tiktok": "x",
    "tik tok": "x",
    "facebook": "facebook",
    "fb": "facebook",
    "youtube": "facebook",
    "yt": "facebook",
    "instagram": "instagram",
    "ig": "instagram",
    "insta": "instagram",
    "whatsapp": "whatsapp",
    "wa": "whatsapp",
    "whatsapp group": "whatsapp",
    "press": "press",
    "siaran pers": "press",
}
#: Longest quote of a circulating post in a reply.
QUOTE_LIMIT = 200

_URL_RE = re.compile(r"https?://\S+", re.IGNORECASE)
_QUOTE_URL_RE = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|id|net|org|ly|me|xyz|info)/\S*", re.I
)
_QUOTE_PHONE_RE = re.compile(r"(?<!\w)(?:\+62|62|0)[\d\s.-]{8,15}\d")
_QUOTE_MENTION_RE = re.compile(r"(?<!\w)@\w+")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+")
_MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip


def _normalize_platform(platform: str) -> str:
    key = " ".join(str(platform).strip().lower().split())
    key = PLATFORM_ALIASES.get(key, ROW_PLATFORM_ALIASES.get(key, key))
    if key not in PLATFORMS:
        raise ValueError(
            f"unknown platform {platform!r}; choose one of {', '.join(PLATFORMS)} "
            "(or twitter, fb, ig, wa, tiktok)"
        )
    return key


def reply_platform(value: Any, default: str = "whatsapp") -> str:
    """The reply format for a ``platform`` value of an export row.

    ``x``/``twitter``/``tiktok``/``threads`` -> ``"x"``, ``fb``/``youtube`` ->
    ``"facebook"``, ``ig`` -> ``"instagram"``, ``wa`` -> ``"whatsapp"`` (any
    case); missing or unknown values get ``default``.
    """
    if isinstance(value, str) and value.strip():
        key = " ".join(value.strip().lower().split())
        key = ROW_PLATFORM_ALIASES.get(key, key)
        if key in PLATFORMS:
            return key
    return _normalize_platform(default)


def quote_post(text: Any, limit: int = QUOTE_LIMIT) -> str:
    """A circulating post as it can be quoted in an official reply.

    Links, phone numbers and account names are replaced by ``[tautan]``,
    ``[nomor]`` and ``[akun]`` (an official text must not spread a phishing link
    or a private number), markdown marks are dropped, whitespace is collapsed and
    the text is cut at a word end (``…``) to ``limit`` characters.
    """
    if not isinstance(text, str):
        return ""
    text = _QUOTE_URL_RE.sub("[tautan]", text)
    text = _QUOTE_PHONE_RE.sub("[nomor]", text)
    text = _QUOTE_MENTION_RE.sub("[akun]", text)
    text = re.sub(r"(?<!\w)[*_~]+|[*_~]+(?!\w)", "", text).replace('"', "'")
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-")
    return f"{cut}…"


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


def _circulating(template: Template, post: Any) -> str:
    """The claim as it circulates: the matched post, else the template's first example."""
    quoted = quote_post(post)
    if quoted:
        return quoted
    return quote_post(template.aliases[0]) if template.aliases else ""


def _handle(account: Any) -> str:
    account = str(account or "").strip()
    if account and not account.startswith("@") and " " not in account and "/" not in account:
        account = f"@{account}"
    return account


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
        "account": _handle(context.get("account")),
        "date": indonesian_date(context.get("date")),
        "post": _circulating(template, context.get("post")),
    }
    for key, value in context.items():
        if key not in ("hashtags", "date", "agency", "url", "account", "post"):
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


CHECK_LINE = "Mohon periksa kebenaran informasi sebelum meneruskan pesan."
SHARE_CHECK_LINE = "Mohon periksa kebenaran informasi sebelum membagikannya."


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
    # optional, by priority: the signature, the myth with its warning, hashtags, explanation
    sign = _signoff(v)
    if sign and not fits([fact, source, sign]):
        sign = f"— {v['account']}" if v["account"] else ""
    link_only = f"Sumber: {v['url']}"
    if sign and not fits([fact, source, sign]) and fits([fact, link_only, sign]):
        source = link_only  # the link alone makes room to sign
    if sign and not fits([fact, source, sign]):
        sign = ""
    if not fits([fact, myth, source, sign]):
        myth = f"{_warning(t.verdict)}."  # the label alone when the myth does not fit
    if not fits([fact, myth, source, sign]):
        myth = ""
    while tags and not fits([fact, myth, source, sign, " ".join(tags)]):
        tags.pop()
    tag_line = " ".join(tags)
    room = X_LIMIT - x_length(build([fact, myth, source, sign, tag_line])) - 1
    explanation = shorten(t.explanation, room, x_length) if room >= 40 else ""
    return build([fact, myth, explanation, source, sign, tag_line])


def _is_front_page(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def _source_date(s: Source, url: str) -> str:
    """`` (12 Maret 2025)`` for a dated document, `` (diakses ...)`` for a site's front page.

    The date is the source's own; a link that replaces the source's (``url=``)
    is not dated, since the date belongs to the original document.
    """
    if not s.date or url != s.url:
        return ""
    day = indonesian_date(s.date)
    return f" (diakses {day})" if _is_front_page(url) else f" ({day})"


def _sources_block(t: Template, v: dict[str, str], *, bullet: str = "- ") -> list[str]:
    lines = []
    for i, s in enumerate(t.sources):
        url = v["url"] if i == 0 else s.url
        lines.append(f"{bullet}{s.name}{_source_date(s, url)}: {url}")
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


def _myth_line(t: Template, v: dict[str, str]) -> str:
    """The myth once, behind its warning: the post as it circulates, else the title."""
    if v["post"]:
        return f'{_warning(t.verdict)}: Beredar pesan "{v["post"]}"'
    return f"{_warning(t.verdict)}: {t.title}"


def _render_facebook(t: Template, v: dict[str, str]) -> str:
    parts = [
        f"FAKTA: {t.fact}",
        _myth_line(t, v),
        t.explanation,
        "Sumber:\n" + "\n".join(_sources_block(t, v)),
        SHARE_CHECK_LINE,
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
            SHARE_CHECK_LINE,
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
        CHECK_LINE,
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
    if v["post"]:
        about = f'informasi yang berbunyi "{v["post"]}"'
    else:
        about = f"informasi bahwa {t.title[:1].lower()}{t.title[1:]}"
    parts = [
        "SIARAN PERS",
        agency,
        v["date"],
        "Perihal: Klarifikasi atas informasi yang beredar",
        f"{agency} menyampaikan fakta sebagai berikut{based_on}: {t.fact}",
        f"Sehubungan dengan beredarnya {about}, {agency} menegaskan bahwa {warning}.",
        t.explanation,
        "Masyarakat diimbau untuk memeriksa kebenaran informasi melalui kanal resmi dan tidak menyebarkan "
        "informasi yang belum terverifikasi.",
        "Sumber rujukan:\n" + "\n".join(_sources_block(t, v, bullet="")),
    ]
    if v.get("contact"):
        parts.append(f"Narahubung: {v['contact']}")
    if v["account"]:
        parts.append(f"Kanal resmi: {v['account']}")
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
    platform : {"x", "facebook", "instagram", "whatsapp", "press"} or an alias
        ``twitter``, ``tiktok``, ``threads`` (X format), ``fb``, ``youtube``,
        ``ig``, ``wa``; any case.
        ``x``: at most 280 characters as X counts them (a link counts 23); the
        explanation is shortened, the fact and the source are never dropped.
        ``whatsapp`` uses ``*bold*``/``_italic_`` markup; ``press`` is a formal
        press release with agency name and date.
    **context
        ``agency=``: the publishing office, signs social posts and heads the
        press release (default :data:`DEFAULT_AGENCY` there; the template's
        own ``agency`` is cited as the authority), ``hashtags=`` (list or
        space-separated text; default the template's; ``[]`` for none),
        ``account=`` (e.g. ``"@kominfo_kab"``; signs every reply with the
        agency: "— Diskominfo Kabupaten X (@kominfo_kab)"), ``date=`` (date of
        the press release, default today; sources carry only their own dates),
        ``url=`` (link replacing the first source's), ``contact=`` (press),
        ``post=`` (the matched post: quoted, trimmed and without links or
        numbers, as the claim that circulates in the Facebook reply and the
        press release; default the template's first example alias). Other
        keywords fill placeholders of the template's per-platform
        ``responses`` override (``{post}`` is the quote).

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
