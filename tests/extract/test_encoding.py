"""Bytes to text: declarations in browser order, and the mislabels the web is full of."""

from __future__ import annotations

import codecs

import pytest

import newsdesk
from newsdesk.errors import InputError
from newsdesk.extract.encoding import decode

WESTERN = "Café “smart” quotes — naïve résumé, the minister’s statement"


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body><p>{body}</p></body></html>"


def test_utf8_bom_wins_over_a_wrong_declaration() -> None:
    data = codecs.BOM_UTF8 + page(WESTERN, '<meta charset="windows-1252">').encode("utf-8")
    decoded = decode(data)
    assert WESTERN in decoded.text
    assert decoded.source == "bom"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    decoded = decode(bom + page(WESTERN).encode(codec))
    assert WESTERN in decoded.text
    assert decoded.source == "bom"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_not_called_binary(codec: str) -> None:
    decoded = decode(page(WESTERN).encode(codec))
    assert WESTERN in decoded.text
    assert decoded.encoding == codec


def test_cp1252_bytes_declared_utf8_are_read_as_cp1252() -> None:
    data = page(WESTERN, '<meta charset="utf-8">').encode("cp1252")
    decoded = decode(data, content_type="text/html; charset=UTF-8")
    assert WESTERN in decoded.text
    assert decoded.encoding == "cp1252"
    assert "\ufffd" not in decoded.text


def test_utf8_bytes_declared_latin1_are_read_as_utf8() -> None:
    data = page(WESTERN, '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">').encode()
    decoded = decode(data)
    assert WESTERN in decoded.text
    assert decoded.source == "meta-overridden"


def test_header_beats_meta() -> None:
    data = page("Grüße aus Köln", '<meta charset="koi8-r">').encode("cp1252")
    assert "Grüße aus Köln" in decode(data, content_type="text/html; charset=windows-1252").text


def test_latin1_label_means_windows_1252() -> None:
    data = page("“quoted” – dash", '<meta charset="ISO-8859-1">').encode("cp1252")
    decoded = decode(data)
    assert "“quoted” – dash" in decoded.text
    assert decoded.encoding == "cp1252"


def test_meta_utf16_on_ascii_compatible_bytes_means_utf8() -> None:
    data = page("naïve café", '<meta charset="utf-16">').encode("utf-8")
    assert "naïve café" in decode(data).text


@pytest.mark.parametrize(
    "text,codec",
    [
        ("Полиция сообщила о взрыве возле станции метро, пострадали шесть человек.", "cp1251"),
        ("Η αστυνομία ανακοίνωσε ότι η έκρηξη σημειώθηκε νωρίς το πρωί.", "cp1253"),
        ("Policja poinformowała, że śledztwo trwa. Zginęły dwie osoby.", "cp1250"),
        ("Die Straße in München wurde gesperrt, sagte ein Sprecher der Behörde.", "cp1252"),
        ("警方表示，爆炸发生在早上，造成六人受伤。", "gb18030"),
        ("警察によると、爆発は朝に起き、六人がけがをした。", "shift_jis"),
        ("경찰은 폭발이 아침에 발생해 여섯 명이 다쳤다고 밝혔다.", "euc_kr"),
    ],
)
def test_undeclared_legacy_encodings_are_detected(text: str, codec: str) -> None:
    decoded = decode(page(text).encode(codec))
    assert text in decoded.text
    assert decoded.source == "detected"


def test_utf8_cut_mid_character_is_still_utf8() -> None:
    data = page("café " * 50).encode("utf-8")
    cut = data[: data.rindex("é".encode()) + 1]  # half of the last é
    decoded = decode(cut)
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("café") == 49


def test_unknown_declared_charset_is_ignored() -> None:
    data = page("naïve café", '<meta charset="x-no-such-charset">').encode("utf-8")
    assert "naïve café" in decode(data).text


def test_empty_and_binary_bytes_are_input_errors() -> None:
    with pytest.raises(InputError, match="empty"):
        decode(b"  \n ")
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(32)) * 100)


def test_extract_reports_the_encoding_it_used() -> None:
    data = page(WESTERN * 5, '<meta charset="utf-8">').encode("cp1252")
    article = newsdesk.extract(data)
    assert article.provenance.encoding == "cp1252"
    assert "naïve résumé" in article.text
    assert "\ufffd" not in article.text
