"""Issue 17.9 and 17.12: a small file that unpacks to a huge one is refused before it is
parsed, quickly and without growing the worker; malformed CSV is a 4xx, not a 500.
"""

import io
import time
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from registry.errors import ValidationFailedError
from registry.services import importing


def _template_xlsx():
    book = Workbook()
    book.active.title = "Aplikasi"
    book.active.append(["Kode Aplikasi", "Nama Aplikasi", "Kode OPD"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _bombed(pad_part, size):
    """The template with one part padded with whitespace (it compresses to almost nothing)."""
    source = zipfile.ZipFile(io.BytesIO(_template_xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == pad_part:
                body = body.replace(b"</worksheet>", b" " * size + b"</worksheet>")
            bomb.writestr(item, body)
        if pad_part == "xl/sharedStrings.xml":
            bomb.writestr(pad_part, b"<sst>" + b"<si><t/></si>" * (size // 12) + b"</sst>")
    return out.getvalue()


@pytest.mark.parametrize(("part", "size", "words"), [
    ("xl/worksheets/sheet1.xml", 200 * 2**20, "terlalu besar setelah dibuka"),
    ("xl/sharedStrings.xml", 40 * 2**20, "shared strings"),
])
def test_a_bombed_xlsx_is_refused_quickly_without_growing_the_worker(agency, part, size, words):
    body = _bombed(part, size)
    assert len(body) < 2 * 2**20
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ValidationFailedError) as error:
        importing.import_file(io.BytesIO(body), "bom.xlsx", agency_id=agency.id, actor=None)
    spent = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert words in str(error.value.errors) + error.value.message
    assert spent < 2, (spent, peak)
    assert peak < 100 * 2**20, (spent, peak)


@pytest.mark.parametrize(("body", "words"), [
    ("Kode Aplikasi;Nama Aplikasi\nA1;Nama\n".encode("utf-16"), None),
    (b"Kode Aplikasi;Nama Aplikasi\nA1;" + b"x" * 200_000 + b"\n", "128 KB"),
    (b"Kode Aplikasi;Nama\x00 Aplikasi\nA1;Nama\n", None),
])
def test_malformed_csv_is_refused_or_read_never_a_server_error(agency, body, words):
    refusal = ""
    try:
        importing.import_file(io.BytesIO(body), "aplikasi.csv", agency_id=agency.id,
                              actor=None, dry_run=True)
    except ValidationFailedError as error:
        refusal = str(error.errors) + error.message
    if words:
        assert words in refusal


def _patched_sheet(change):
    source = zipfile.ZipFile(io.BytesIO(_template_xlsx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as patched:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = change(body)
            patched.writestr(item, body)
    return out.getvalue()


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
          + b"".join(b'<!ENTITY %s "%s">' % (bytes([c]), (b"&%s;" % bytes([c - 1])) * 10)
                     for c in range(ord("b"), ord("h")))
          + b"]>")


@pytest.mark.parametrize("change", [
    lambda b: b.replace(b"</sheetData>", b"<row><c></sheetData>"),  # malformed XML
    lambda b: b.replace(b'r="A1"', b'r="ZZZZZZZZ99999999999"'),  # an absurd cell reference
    lambda b: LAUGHS + b.split(b"?>", 1)[-1].replace(b"<t>Kode Aplikasi</t>", b"<t>&g;</t>"),
], ids=["bad-xml", "absurd-reference", "entity-bomb"])
def test_a_malformed_xlsx_is_refused_not_a_server_error(agency, change):
    with pytest.raises(ValidationFailedError):
        importing.import_file(io.BytesIO(_patched_sheet(change)), "rusak.xlsx",
                              agency_id=agency.id, actor=None, dry_run=True)
