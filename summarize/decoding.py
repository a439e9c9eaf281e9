"""Bytes to text: the charset a page declares (header, BOM, ``<meta>``), else detection.

Russian news sites still serve windows-1251 and KOI8-R, often without declaring it, so a
declared charset is tried first and detection (charset-normalizer) only after UTF-8 fails.
Binary bodies (images, PDFs, archives) are refused with the kind of file named.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from summarize.errors import InputError

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "a zip archive"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"OggS", "an audio/video file"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
_SNIFF_BYTES = 4096
_CONTROL_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 32)) - {27}
_MAX_CONTROL_SHARE = 0.05
_MAX_BROKEN_UTF8_SHARE = 0.01


def binary_kind(data: bytes) -> str | None:
    """Name the kind of binary file ``data`` is, or None when it may be text."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    head = data[:_SNIFF_BYTES]
    if not head:
        return None
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if b"\x00" in head or controls / len(head) > _MAX_CONTROL_SHARE:
        return "binary data"
    return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, if it names a known codec."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return _known_codec(match.group(1)) if match else None


def decode_bytes(data: bytes, source: str, content_type: str | None = None) -> str:
    """Decode a page or file read from ``source`` (named in errors) into text.

    Order: BOM, charset from the Content-Type header, ``<meta charset>``, strict UTF-8, UTF-8
    with a few broken bytes replaced (a truncated or damaged file), then detection. A declared
    charset that fails to decode the bytes is ignored, not trusted.
    """
    kind = binary_kind(data)
    if kind is not None:
        raise InputError(f"{source}: binary content ({kind}), not a web page or text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    for declared in (charset_from_content_type(content_type), _charset_from_meta(data)):
        if declared is not None:
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                continue
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = data.decode("utf-8", errors="replace")
    if mostly_utf8.count("\ufffd") <= _MAX_BROKEN_UTF8_SHARE * len(mostly_utf8):
        return mostly_utf8
    best = charset_normalizer.from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding is None:
        raise InputError(f"{source}: cannot tell the text encoding (not UTF-8, none declared)")
    return data.decode(best.encoding, errors="replace")


def _charset_from_meta(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    codec = _known_codec(match.group(1).decode("ascii", "ignore"))
    # A <meta> that could be read as ASCII cannot be UTF-16: the HTML standard reads UTF-8.
    return "utf-8" if codec is not None and codec.startswith("utf-16") else codec


def _known_codec(name: str) -> str | None:
    """The codec for a declared charset, only when it is a text encoding: ``hex``,
    ``base64`` or ``rot13`` are codecs too, but bytes-to-bytes or str-to-str ones."""
    try:
        codec = codecs.lookup(name.strip())
    except (LookupError, ValueError):
        return None
    return codec.name if getattr(codec, "_is_text_encoding", True) else None
