"""Spreadsheets in and out: read XLSX and CSV into sheets of rows; write rows as XLSX or CSV.

Reading finds each sheet's kind by its title (OPD, Aplikasi, Integrasi, Domain) or, failing
that, by its headers; the header row is the first non-empty row, and line numbers are the
spreadsheet's own, so a report can say "Aplikasi, baris 14, kolom Status".
"""

import csv
import io
import zipfile

from flask_babel import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from arch_models.reference.import_sheets import SHEETS
from arch_models.tabular import normalise_header, parse_sheet
from arch_models.text import csv_cell, is_formula_like, printable
from registry.errors import ValidationFailedError

ALLOWED_SUFFIXES = (".xlsx", ".csv")
#: the instructions sheet of the template is not data
_NOT_DATA = {"petunjuk", "instructions", "readme"}


def _refuse(message):
    return ValidationFailedError(message, errors={"file": [message]})


def _kind_by_title(title):
    name = normalise_header(title)
    for kind, spec in SHEETS.items():
        if name in (normalise_header(spec["title"]), kind):
            return kind
    return None


def _kind_by_header(header, headers=None):
    """Return the kind whose headers the row matches best (all required ones present).

    The header mappings the instansi taught the import count.
    """
    best, best_score = None, 0
    for kind in SHEETS:
        sheet = parse_sheet(kind, header, [], headers=(headers or {}).get(kind))
        if sheet.errors:
            continue
        if len(sheet.present) > best_score:
            best, best_score = kind, len(sheet.present)
    return best


def _header_and_rows(rows):
    """Split rows into the first non-empty row (the header), the rest, and the first data line."""
    rows = iter(rows)
    for line, row in enumerate(rows, start=1):
        if any(cell not in (None, "") for cell in row):
            return list(row), rows, line + 1
    return None, iter(()), 1


def read_sheets(stream, filename, *, kind=None, headers=None):
    """Return {kind: (title, header, rows, first data line, about how many rows)}.

    ``headers`` ({sheet kind: {header: column key}}) helps tell a sheet by its headers.
    """
    name = (filename or "").lower()
    if not name.endswith(ALLOWED_SUFFIXES):
        raise _refuse(_("Jenis berkas tidak didukung: unggah .xlsx atau .csv."))
    data = stream.read()
    if name.endswith(".xlsx"):
        return _read_xlsx(data, kind, headers)
    return _read_csv(data, filename, kind, headers)


#: what an XLSX may unpack to: an export of 30,000 applications unpacks to about 20 MB, so
#: these leave room for real inventories and refuse a small file that unpacks to gigabytes
MAX_UNPACKED = 128 * 1024 * 1024
MAX_SHARED_STRINGS_SIZE = 32 * 1024 * 1024
MAX_PARTS = 1000
MAX_ROWS = 200_000


def _check_unpacked_size(data):
    """Refuse a zip bomb from the sizes the archive declares, before anything is unpacked.

    zipfile never unpacks a part past its declared size.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise _refuse(_("Berkas XLSX berisi terlalu banyak bagian (%(n)s; paling banyak "
                        "%(limit)s).", n=len(parts), limit=MAX_PARTS))
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED:
        raise _refuse(_("Berkas XLSX terlalu besar setelah dibuka: %(size)s MB (paling banyak "
                        "%(limit)s MB).", size=total // 2**20, limit=MAX_UNPACKED // 2**20))
    strings = sum(p.file_size for p in parts if p.filename.lower().endswith("sharedstrings.xml"))
    if strings > MAX_SHARED_STRINGS_SIZE:
        raise _refuse(_("Teks bersama (shared strings) berkas XLSX terlalu besar: %(size)s MB "
                        "(paling banyak %(limit)s MB).", size=strings // 2**20,
                        limit=MAX_SHARED_STRINGS_SIZE // 2**20))


#: what openpyxl raises on a sheet it cannot read while it streams the rows: malformed XML
#: (ParseError is a SyntaxError), an absurd cell reference or shared-string index, and a DTD
#: or entity that defusedxml forbids (its errors are ValueErrors)
_UNREADABLE = (SyntaxError, ValueError, KeyError, IndexError, TypeError)


def _bounded(rows, title):
    """Yield a sheet's rows, refusing a sheet past MAX_ROWS rows or one that cannot be read."""
    try:
        for count, row in enumerate(rows, start=1):
            if count > MAX_ROWS:
                raise _refuse(_("Lembar \u201c%(title)s\u201d berisi lebih dari %(limit)s "
                                "baris.", title=title, limit=MAX_ROWS))
            yield row
    except _UNREADABLE:
        raise _refuse(_("Lembar \u201c%(title)s\u201d tidak dapat dibaca: isi XLSX-nya rusak "
                        "atau memuat deklarasi yang tidak diizinkan.", title=title)) from None


def _read_xlsx(data, kind, headers=None):
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _refuse(_("Berkas ini bukan XLSX yang sah."))
    try:
        _check_unpacked_size(data)
    except zipfile.BadZipFile:
        raise _refuse(_("Berkas ini bukan XLSX yang sah.")) from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, *_UNREADABLE):
        raise _refuse(_("Berkas ini bukan XLSX yang sah.")) from None
    sheets = {}
    for sheet in book.worksheets:
        if normalise_header(sheet.title) in _NOT_DATA:
            continue
        header, rows, first_line = _header_and_rows(
            _bounded(sheet.iter_rows(values_only=True), sheet.title))
        if header is None:
            continue
        sheet_kind = kind or _kind_by_title(sheet.title) or _kind_by_header(header, headers)
        if sheet_kind is None:
            raise _refuse(_("Lembar \u201c%(title)s\u201d tidak dikenali: beri nama OPD, "
                            "Aplikasi, Integrasi atau Domain, atau gunakan judul kolom "
                            "templat.", title=sheet.title))
        if sheet_kind in sheets:
            raise _refuse(_("Ada dua lembar %(title)s dalam berkas.",
                            title=SHEETS[sheet_kind]["title"]))
        size = max((sheet.max_row or 0) - first_line + 1, 0)
        sheets[sheet_kind] = (sheet.title, header, rows, first_line, size)
    if not sheets:
        raise _refuse(_("Berkas tidak berisi data."))
    return sheets


def _decode(data):
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _refuse(_("Berkas CSV tidak dapat dibaca: simpan sebagai UTF-8.")) from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse(_("Berkas CSV tidak dapat dibaca: simpan sebagai UTF-8."))


def _read_csv(data, filename, kind, headers=None):
    text = _decode(data)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error:  # a field past csv's limit (128 KB), a NUL byte
        raise _refuse(_("Berkas CSV tidak dapat dibaca: ada sel lebih dari 128 KB atau "
                        "karakter NUL.")) from None
    header, rest, first_line = _header_and_rows(rows)
    if header is None:
        raise _refuse(_("Berkas tidak berisi data."))
    sheet_kind = kind or _kind_by_header(header, headers)
    if sheet_kind is None:
        raise _refuse(_("Judul kolom CSV tidak dikenali: gunakan judul kolom templat "
                        "(mis. Kode Aplikasi, Nama Aplikasi, Kode OPD)."))
    rest = list(rest)
    return {sheet_kind: (SHEETS[sheet_kind]["title"], header, rest, first_line, len(rest))}


# -- writing ------------------------------------------------------------------------------------

def xlsx_bytes(sheets):
    """Return an XLSX file of ``[(title, header, rows)]``; rows are written as they stream.

    Text is written as text: a value that starts like a formula (``=``, ``+``, ``-``, ``@``)
    is a string cell, never a live formula, and characters XLSX cannot hold are replaced.
    """
    out = io.BytesIO()
    write_xlsx(out, sheets)
    return out.getvalue()


def write_xlsx(handle, sheets):
    """Write the XLSX file of ``[(title, header, rows)]`` into the binary ``handle``."""
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append([_bold_cell(sheet, h, bold) for h in header])
        for row in rows:
            sheet.append([_xlsx_value(sheet, value) for value in row])
    book.save(handle)


def _xlsx_value(sheet, value):
    if not isinstance(value, str):
        return value
    value = printable(value)
    if not is_formula_like(value):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl would store "=..." as a formula
    return cell


def _bold_cell(sheet, value, font):
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font
    return cell


def csv_bytes(header, rows):
    """Return CSV (UTF-8 with a byte-order mark, so Excel shows the accents) of the rows."""
    out = io.BytesIO()
    write_csv(out, header, rows)
    return out.getvalue()


def write_csv(handle, header, rows):
    """Write the CSV of ``csv_bytes`` into the binary ``handle``, row by row."""
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows([csv_cell(value) for value in row] for row in rows)
        text.flush()
    finally:
        text.detach()  # the handle stays open for its owner
