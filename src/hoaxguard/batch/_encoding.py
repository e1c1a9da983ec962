"""Input encoding: BOMs, UTF-16 without BOM, per-line decoding with a fallback, sniffing.

The encoding is decided per line (so per row), not per file: a line that is
valid in the primary encoding (UTF-8 by default) stays as it is, and only a line
that is not is decoded with the fallback (Windows-1252 by default). One
mis-encoded row therefore never changes another row.
"""

from __future__ import annotations

import codecs
import csv
import io

SAMPLE_BYTES = 4 << 20

#: Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Leading bytes of files that are not text tables, and what to tell the user.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"PAR1", "parquet"),
    (b"\x1f\x8b", "gzip"),
    (b"%PDF", "pdf"),
)

#: Delimiters tried by :func:`sniff_delimiter`, in order of preference on a tie.
DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")

# control bytes that do not occur in text (tab, LF, VT, FF, CR and ESC excluded)
_CONTROL = bytes([*range(0, 9), *range(14, 27), *range(28, 32), 0x7F])
_PROBE = "\r\n,;\t|\"' azAZ09-_."


def container_kind(head: bytes) -> str | None:
    """``"zip"``, ``"ole"``, ``"parquet"``, ``"gzip"``, ``"pdf"`` for a known binary file, else None."""
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    return None


def bom_encoding(head: bytes) -> str | None:
    """The encoding announced by a byte-order mark at the start of ``head``."""
    for bom, name in BOMS:
        if head.startswith(bom):
            return name
    return None


def guess_utf16(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` for BOM-less UTF-16 text (NUL in every other byte)."""
    sample = head[:8192]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    z_even, z_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if z_odd > 0.3 and z_even < 0.05:
        return "utf-16-le"
    if z_even > 0.3 and z_odd < 0.05:
        return "utf-16-be"
    return None


def looks_binary(head: bytes) -> bool:
    """True when over 5% (and at least 8) of the first bytes are control bytes text has not."""
    sample = head[:65536]
    if not sample:
        return False
    n_control = len(sample) - len(sample.translate(None, _CONTROL))
    return n_control >= 8 and n_control > 0.05 * len(sample)


def resolve_codec(name: str) -> str:
    """Python's canonical name of codec ``name`` (any codec :func:`codecs.lookup` knows).

    Raises
    ------
    ValueError
        Unknown codec, or one that does not decode bytes to text (e.g. ``rot13``).
    """
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(
            f"unknown encoding {name!r}; give one Python knows, e.g. utf-8, cp1252, latin-1, utf-16"
        ) from None
    if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib ...
        raise ValueError(f"{name!r} is not a text encoding")
    return info.name


def ascii_compatible(codec: str) -> bool:
    """True when line ends, delimiters and ASCII letters are single ASCII bytes in ``codec``."""
    try:
        return _PROBE.encode(codec) == _PROBE.encode("ascii")
    except (UnicodeError, LookupError):
        return False


def decode_line(line: bytes, encoding: str, fallback: str | None = None) -> tuple[str, str]:
    """Decode one line: ``(text, status)``.

    ``status`` is ``"ok"`` (valid in ``encoding``), ``"fallback"`` (not valid,
    decoded with ``fallback``) or ``"bad"`` (undecodable; bytes shown as ``\\xNN``).
    Windows-1252 bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are
    read as Latin-1.
    """
    try:
        return line.decode(encoding), "ok"
    except UnicodeDecodeError:
        pass
    if encoding == "cp1252":
        return line.decode("latin-1"), "ok"
    if fallback:
        try:
            return line.decode(fallback), "fallback"
        except UnicodeDecodeError:
            if fallback == "cp1252":
                return line.decode("latin-1"), "fallback"
    return line.decode(encoding, errors="backslashreplace"), "bad"


def sniff_delimiter(text: str) -> str | None:
    """The delimiter (``, ; TAB |``) that splits the first lines of ``text`` most consistently.

    Returns None when no candidate gives a header of two or more fields.
    """
    lines = text.splitlines(keepends=True)[:64]
    best: tuple[float, int] | None = None
    choice = None
    for delim in DELIMITERS:
        try:
            records = [r for r in csv.reader(lines, delimiter=delim) if r]
        except csv.Error:
            continue
        if not records or len(records[0]) < 2:
            continue
        width = len(records[0])
        consistent = round(sum(len(r) == width for r in records) / len(records), 2)
        key = (consistent, width)
        if best is None or key > best:
            best, choice = key, delim
    return choice


class PrefixedStream(io.RawIOBase):
    """A raw stream that first returns ``prefix`` then reads from ``stream``.

    Lets the reader sniff the start of a non-seekable input (stdin) and still
    parse it from the first byte. ``cr_to_lf`` turns every CR byte into LF (for
    files with old-Mac CR-only line ends, in encodings where CR is one byte).
    """

    def __init__(
        self, prefix: bytes, stream: io.RawIOBase | io.BufferedIOBase, cr_to_lf: bool = False
    ) -> None:
        self._prefix = memoryview(prefix)
        self._stream = stream
        self._cr = cr_to_lf

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if len(self._prefix):
            n = min(len(buffer), len(self._prefix))
            data = bytes(self._prefix[:n])
            self._prefix = self._prefix[n:]
        else:
            data = self._stream.read(len(buffer))
            n = len(data)
        if self._cr:
            data = data.replace(b"\r", b"\n")
        buffer[:n] = data
        return n
