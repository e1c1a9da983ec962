"""Input encoding detection: UTF-8, UTF-8 with BOM, Windows-1252/Latin-1 fallback."""

from __future__ import annotations

import codecs
import io

SAMPLE_BYTES = 4 << 20


def sniff_encoding(sample: bytes, at_eof: bool) -> str:
    """Guess the encoding of a text file from its first bytes.

    Returns ``"utf-8-sig"`` (BOM), ``"utf-8"`` (valid UTF-8, or at least as many
    valid multi-byte characters as corrupt bytes: the corrupt lines are then
    quarantined) or ``"cp1252"`` (bytes >= 0x80 but fewer valid multi-byte
    UTF-8 characters than corrupt bytes: a Windows/Latin-1 export).
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample, final=at_eof)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    text = sample.decode("utf-8", errors="replace")
    good_non_ascii = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    bad = text.count("\ufffd")
    # a tie keeps UTF-8: mis-decoding valid UTF-8 as cp1252 would silently garble
    # text (mojibake), while a corrupt UTF-8 line is quarantined with its reason
    return "utf-8" if good_non_ascii and good_non_ascii >= bad else "cp1252"


def decode_line(line: bytes, encoding: str) -> tuple[str, bool]:
    """Decode one line; returns (text, ok). Undecodable bytes are shown as ``\\xNN``."""
    if encoding == "cp1252":
        try:
            return line.decode("cp1252"), True
        except UnicodeDecodeError:
            return line.decode("latin-1"), True
    try:
        return line.decode("utf-8"), True
    except UnicodeDecodeError:
        return line.decode("utf-8", errors="backslashreplace"), False


class PrefixedStream(io.RawIOBase):
    """A raw stream that first returns ``prefix`` then reads from ``stream``.

    Lets the reader sniff the start of a non-seekable input (stdin) and still
    parse it from the first byte.
    """

    def __init__(self, prefix: bytes, stream: io.RawIOBase | io.BufferedIOBase) -> None:
        self._prefix = memoryview(prefix)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if len(self._prefix):
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._stream.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n
