"""Bytes to text: declared charsets, BOMs, legacy Cyrillic encodings, binary refusal."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize import InputError
from summarize.decoding import binary_kind, charset_from_content_type, decode_bytes

RUSSIAN = (
    "Городской совет во вторник утвердил новый бюджет после долгого спора о школах и дорогах. "
    "Жители попросили провести ещё одни общественные слушания до первых выплат весной."
)


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-8", "iso8859-5"])
def test_declared_charset_in_header_is_used(encoding: str) -> None:
    data = RUSSIAN.encode(encoding)
    assert decode_bytes(data, "page", f"text/html; charset={encoding}") == RUSSIAN


@pytest.mark.parametrize("encoding", ["windows-1251", "koi8-r"])
def test_declared_charset_in_meta_is_used(encoding: str) -> None:
    page = f'<html><head><meta charset="{encoding}"></head><body><p>{RUSSIAN}</p></body></html>'
    assert RUSSIAN in decode_bytes(page.encode(encoding), "page")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_undeclared_legacy_cyrillic_is_detected(encoding: str) -> None:
    assert decode_bytes(RUSSIAN.encode(encoding), "page") == RUSSIAN


def test_a_wrong_declaration_is_not_trusted() -> None:
    data = RUSSIAN.encode("utf-8")
    assert decode_bytes(data, "page", "text/html; charset=us-ascii") == RUSSIAN


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_bom_wins(bom: bytes, encoding: str) -> None:
    assert decode_bytes(bom + RUSSIAN.encode(encoding), "page") == RUSSIAN


def test_a_few_broken_bytes_in_utf8_are_replaced_not_misread() -> None:
    data = RUSSIAN.encode() + b"\xff" + RUSSIAN.encode()
    assert decode_bytes(data, "page") == RUSSIAN + "\ufffd" + RUSSIAN


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(50), "PNG image"),
        (b"%PDF-1.4\n" + bytes(50), "PDF document"),
        (b"PK\x03\x04" + bytes(50), "zip archive"),
        (b"\xff\xd8\xff\xe0" + bytes(50), "JPEG image"),
        (bytes(range(256)) * 4, "binary data"),
    ],
)
def test_binary_content_is_refused_by_kind(data: bytes, kind: str) -> None:
    assert binary_kind(data) is not None
    with pytest.raises(InputError, match=f"page: binary content \\(.*{kind}"):
        decode_bytes(data, "page")


def test_content_type_charset_parsing() -> None:
    assert charset_from_content_type('text/html; charset="Windows-1251"') == "cp1251"
    assert charset_from_content_type("text/html; charset=no-such-codec") is None
    assert charset_from_content_type(None) is None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1))
def test_utf8_text_round_trips(text: str) -> None:
    assert decode_bytes(text.encode(), "page") == text


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=512))
def test_any_bytes_give_text_or_input_error(data: bytes) -> None:
    try:
        assert isinstance(decode_bytes(data, "page"), str)
    except InputError as exc:
        assert str(exc).startswith("page: ")
