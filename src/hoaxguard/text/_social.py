"""Social-media entities: URLs, e-mails, mentions, phone numbers, hashtags, emoji.

Entities become placeholder tokens: that a post carries a link or a phone number
is a signal, the link itself is not.
"""

from __future__ import annotations

import re

URL_TOKEN = "xxurl"
EMAIL_TOKEN = "xxemail"
MENTION_TOKEN = "xxmention"
PHONE_TOKEN = "xxphone"
EMOJI_TOKEN = "xxemoji"

_TLDS = (
    "com|id|net|org|info|xyz|ly|me|io|co|site|online|biz|club|top|link|app|tk|ml|ga|cf|gq|"
    "web|store|shop|live|my|sg|us|tv|gl|cc|to|gd|page|icu|vip|win|cloud|blog|news"
)
_URL = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:" + _TLDS + r")\b(?:/[^\s]*)?",
    re.IGNORECASE,
)
# cheap pre-check: a dot or colon followed by a letter or slash (most posts have none)
_MAYBE_URL = re.compile(r"[.:][A-Za-z/]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MENTION = re.compile(r"(?<![\w@])@\w+")
# Indonesian mobile and landline numbers: +62 / 62 / 0 prefixes, optional separators.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+?62|0)[\s.-]?\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{2,5}(?!\w)"
)
# Anonymised placeholders used by public datasets and monitoring exports.
_EXPORT_MENTION = re.compile(r"\[USERNAME\]|\[USER\]|\bUSER\b|<USER>|@USER\b")
_EXPORT_URL = re.compile(r"\[URL\]|\bURL\b|<URL>|\[LINK\]")

_HASHTAG = re.compile(r"(?<![\w#])#(\w{1,100})")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")

# Pictographs, dingbats, symbols, flags, keycaps and skin-tone modifiers.
EMOJI_PATTERN = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff\u2190-\u21ff"
    "\u25a0-\u25ff\u3030\u303d\u3297\u3299\u00a9\u00ae\u203c\u2049\u2122\u2139\u20e3]"
)
_SKIN_TONE = re.compile("[\U0001f3fb-\U0001f3ff]")


def replace_entities(text: str) -> str:
    """Replace URLs, e-mails, @mentions and phone numbers with placeholder tokens.

    Examples
    --------
    >>> replace_entities("Cek www.hadiah-bank.xyz atau WA 0812-3456-7890 @admin")
    'Cek  xxurl  atau WA  xxphone   xxmention '
    """
    if "[" in text or "USER" in text or "URL" in text or "<" in text:
        text = _EXPORT_MENTION.sub(f" {MENTION_TOKEN} ", text)
        text = _EXPORT_URL.sub(f" {URL_TOKEN} ", text)
    if "@" in text:
        text = _EMAIL.sub(f" {EMAIL_TOKEN} ", text)
    if _MAYBE_URL.search(text):
        text = _URL.sub(f" {URL_TOKEN} ", text)
    if "@" in text:
        text = _MENTION.sub(f" {MENTION_TOKEN} ", text)
    if "0" in text or "62" in text:
        text = _PHONE.sub(f" {PHONE_TOKEN} ", text)
    return text


def segment_words(chunk: str, known: frozenset[str], max_len: int = 20) -> list[str] | None:
    """Split a run of lowercase letters into known words (fewest words wins).

    Returns None when no full segmentation exists.
    """
    n = len(chunk)
    if n == 0:
        return []
    if chunk in known:
        return [chunk]
    if n > 60:
        return None
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        candidate: list[str] | None = None
        for start in range(max(0, end - max_len), end):
            prefix = best[start]
            if prefix is None:
                continue
            word = chunk[start:end]
            # single letters only as a last resort
            if word in known and (len(word) > 1 or start == end - 1 == 0):
                option = [*prefix, word]
                if candidate is None or len(option) < len(candidate):
                    candidate = option
        best[end] = candidate
    return best[n]


def split_hashtag(tag: str, known: frozenset[str]) -> str:
    """Turn a hashtag body into words: ``StopHoax`` -> ``stop hoax``, ``infobanjir`` -> ``info banjir``."""
    parts = _CAMEL.findall(tag) if not tag.islower() else [tag]
    words: list[str] = []
    for part in parts:
        lower = part.lower()
        if part.isdigit() or len(part) <= 3 or not part.islower():
            words.append(lower)
            continue
        segmented = segment_words(lower, known)
        words.extend(segmented if segmented else [lower])
    return " ".join(words) if words else tag.lower()


#: per-cache bound on distinct hashtags remembered
MAX_HASHTAGS = 100_000


def replace_hashtags(text: str, known: frozenset[str], cache: dict[str, str] | None = None) -> str:
    """Drop ``#`` and split each hashtag into words.

    ``cache`` (a dict owned by the caller) remembers the split of each hashtag;
    it is keyed by the tag only, so one cache must serve one ``known`` set.
    """
    if "#" not in text:
        return text
    if cache is None:
        cache = {}

    def split(match: re.Match[str]) -> str:
        tag = match.group(1)
        words = cache.get(tag)
        if words is None:
            if len(cache) >= MAX_HASHTAGS:
                cache.clear()
            words = cache[tag] = split_hashtag(tag, known)
        return f" {words} "

    return _HASHTAG.sub(split, text)


def replace_emoji(text: str, mode: str, words: dict[str, str]) -> str:
    """Replace emoji by an Indonesian word (``mode="word"``), a placeholder or nothing.

    Parameters
    ----------
    mode : {"word", "placeholder", "remove"}
    words : mapping of emoji (without U+FE0F) to words; unknown emoji get the placeholder.
    """
    if text.isascii():
        return text
    text = _SKIN_TONE.sub("", text)
    if mode == "remove":
        return EMOJI_PATTERN.sub(" ", text)
    if mode == "placeholder":
        return EMOJI_PATTERN.sub(f" {EMOJI_TOKEN} ", text)
    return EMOJI_PATTERN.sub(lambda m: f" {words.get(m.group(0), EMOJI_TOKEN)} ", text)
