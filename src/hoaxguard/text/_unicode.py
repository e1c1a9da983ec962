"""Unicode clean-up: NFKC, HTML entities and tags, invisible and control characters."""

from __future__ import annotations

import html
import re
import unicodedata

_TAG = re.compile(r"<[^<>]{0,200}>")


# Control, format (zero-width, bidi marks), separator, surrogate and private-use
# characters: all become a space, so they can neither hide nor glue words.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00a0\u00ad\u061c\u180e\u2000-\u200f"
    "\u2028-\u202f\u205f-\u206f\u3000\ufe0e\ufe0f\ufeff\ufff0-\ufffb"
    "\ud800-\udfff\ue000-\uf8ff\U000e0000-\U000e007f\U000f0000-\U0010ffff]"
)
# joiners and soft hyphens glue: they vanish rather than split a word
_GLUE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff\ufe0e\ufe0f]")


def unescape_html(text: str) -> str:
    """Decode HTML entities and drop HTML tags (``&amp;`` -> ``&``, ``<br>`` -> space)."""
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    return text


def clean_unicode(text: str) -> str:
    """NFKC-normalise and remove zero-width, control and other invisible characters.

    NFKC folds the "fancy font" letters often used to dodge filters
    (``𝐇𝐎𝐀𝐊𝐒`` -> ``HOAKS``) and full-width forms. Combining accents on Latin
    letters are dropped (``café`` -> ``cafe``).
    """
    if text.isascii():
        return text
    text = _INVISIBLE.sub(" ", _GLUE.sub("", text))
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        decomposed = unicodedata.normalize("NFD", text)
        if decomposed != text:
            text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
            text = unicodedata.normalize("NFC", text)
    return text
