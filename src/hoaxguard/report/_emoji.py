"""Emoji that read without an emoji font, and WhatsApp markdown marks in HTML.

A report opened on an office PC or a server without a colour-emoji font shows
empty boxes for emoji. Every emoji in the report's text is written twice: the
glyph and its Indonesian name in brackets (``[tertawa]``); a few inline lines of
script check whether the browser can draw colour emoji and keep the glyph when
it can, the name when it cannot (without script both show). Charts always use
the names.
"""

from __future__ import annotations

import functools
import html
import re

#: an emoji with its variation selector, skin tone and ZWJ-joined parts
EMOJI_RE = re.compile(
    "(?:[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff]"
    "[\ufe0f\U0001f3fb-\U0001f3ff]*)"
    "(?:\u200d[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff]"
    "[\ufe0f\U0001f3fb-\U0001f3ff]*)*"
)
_MARK_RES = (
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])"), "strong"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\w_])"), "em"),
    (re.compile(r"(?<![\w~])~(?=[^\s~])([^~\n]*?[^\s~])~(?![\w~])"), "s"),
)

#: CSS of the fallback: without script (a mailed report) both the glyph and the name
#: show; the script keeps only the glyph (``emoji-ok``) or only the name (``no-emoji``)
EMOJI_CSS = (
    ".emo-t{font-size:.8em;color:#52606d}.emoji-ok .emo-t{display:none}"
    ".no-emoji .emo-g{display:none}.no-emoji .emo-t{font-size:1em}"
)

#: Draws one emoji on a canvas: no coloured pixel means no colour-emoji font.
EMOJI_SCRIPT = (
    "<script>(function(){var ok=false;try{var c=document.createElement('canvas');"
    "c.width=c.height=24;var x=c.getContext('2d');x.textBaseline='top';x.font='20px sans-serif';"
    "x.fillText('\\ud83d\\ude02',0,0);var d=x.getImageData(0,0,24,24).data;"
    "for(var i=0;i<d.length;i+=4){if(d[i+3]&&(d[i]!==d[i+1]||d[i+1]!==d[i+2])){ok=true;break;}}"
    "}catch(e){ok=true;}document.documentElement.className+=ok?' emoji-ok':' no-emoji';})();"
    "</script>"
)


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    from hoaxguard.text._resources import emoji_words

    return emoji_words()


def emoji_name(emoji: str) -> str:
    """Indonesian name of an emoji (``"tertawa"`` for 😂; ``"emoji"`` when unknown)."""
    key = re.sub("[\ufe0f\U0001f3fb-\U0001f3ff]", "", emoji)
    names = _names()
    return names.get(key) or names.get(key.split("\u200d")[0]) or "emoji"


def emoji_as_text(text: str) -> str:
    """Each emoji as its name in brackets: ``"😂"`` -> ``"[tertawa]"`` (for charts)."""
    return EMOJI_RE.sub(lambda m: f"[{emoji_name(m[0])}]", text)


def emoji_html(escaped: str) -> str:
    """Wrap each emoji of already-escaped HTML text in the glyph + name fallback."""

    def wrap(m: re.Match[str]) -> str:
        name = html.escape(emoji_name(m[0]))
        return (
            f'<span class="emo" title="{name}"><span class="emo-g">{m[0]}</span>'
            f'<span class="emo-t">[{name}]</span></span>'
        )

    return EMOJI_RE.sub(wrap, escaped)


def markdown_html(escaped: str) -> str:
    """WhatsApp marks in escaped text as HTML: ``*tebal*``, ``_miring_``, ``~coret~``."""
    for pattern, tag in _MARK_RES:
        escaped = pattern.sub(rf"<{tag}>\1</{tag}>", escaped)
    return escaped


def strip_markdown(text: str) -> str:
    """Plain text without WhatsApp marks (for one-line previews)."""
    for pattern, _ in _MARK_RES:
        text = pattern.sub(r"\1", text)
    return text


__all__ = [
    "EMOJI_CSS",
    "EMOJI_RE",
    "EMOJI_SCRIPT",
    "emoji_as_text",
    "emoji_html",
    "emoji_name",
    "markdown_html",
    "strip_markdown",
]
