"""Full backup and restore: every table's rows in one deterministic JSON document.

The document::

    {"format": "spbe-registry-backup", "version": 1, "schema_revision": "<alembic head>",
    "tables": {
    "agencies": [
    {"code": "...", "created_at": "2026-01-02T03:04:05+00:00", "id": 1, ...},
    ...
    ],
    ...
    }}

Tables come in dependency order (``db.metadata.sorted_tables``, association tables included),
rows sorted by primary key, one row per line with its keys sorted, and nothing that changes
between two exports of the same data (no timestamp), so export → restore → export gives the
same bytes. Values are encoded by column type: dates and datetimes as ISO 8601 (datetimes in
UTC with ``+00:00``), decimals as strings, enums by value, JSON columns as they are.

Both directions stream: the export reads each table in chunks (``yield_per``) and writes as it
goes; the restore reads the file value by value and inserts in batches with Core
``insert(table)``, so no ORM object is built and the document never sits in memory whole. That
is why the header must come before ``tables`` and the tables in dependency order: the layout
``export_all`` writes.

Evidence files are not in the document (their rows are: ``evidence_files`` names each by its
SHA-256). They go beside it, into a folder of files named by their SHA-256 (``backup.json`` →
``backup.evidence/``), each read from the store checked; ``restore`` checks every file of the
folder against its name before the rows are committed, and puts them into the store.
"""

import codecs
import enum
import json
import logging
import os
import re
import tempfile
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    Integer,
    Numeric,
    String,
    bindparam,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import StatementError
from sqlalchemy.types import TypeDecorator

from registry.errors import ConflictError, ValidationFailedError
from registry.extensions import db
from registry.models import EvidenceFile, Role
from registry.services._tx import transaction
from registry.services.changelog import actor_label
from registry.services.permissions import require_role

logger = logging.getLogger(__name__)

FORMAT = "spbe-registry-backup"
VERSION = 1
#: rows per SELECT chunk and per INSERT batch
BATCH = 2000
#: tables of the database that are not the registry's data
EXCLUDED_TABLES = frozenset({"alembic_version"})
_HEADER_KEYS = ("format", "version", "schema_revision")


class BackupFormatError(ValidationFailedError):
    """The file is not a backup this registry can restore; nothing was written."""


# -- what is backed up --------------------------------------------------------------------------


def backup_tables():
    """Return the registry's tables in dependency order (parents first)."""
    return [t for t in db.metadata.sorted_tables if t.name not in EXCLUDED_TABLES]


def schema_revision():
    """Return the Alembic head revision of the migrations this code ships with."""
    from alembic.script import ScriptDirectory

    directory = current_app.extensions["migrate"].directory
    return ScriptDirectory(directory).get_current_head()


def table_counts():
    """Return the number of rows of every backed-up table, in dependency order."""
    return {
        table.name: db.session.scalar(select(func.count()).select_from(table))
        for table in backup_tables()
    }


# -- column codecs ------------------------------------------------------------------------------


class _Problem(Exception):
    """A value does not fit its column; the message says why (the caller adds where)."""


def _stored_type(column_type):
    """Return the type a column stores (a decorated type stores its ``impl``)."""
    return column_type.impl if isinstance(column_type, TypeDecorator) else column_type


def _encoder(column_type):
    """Return the function turning a column's Python value into JSON data (None: as it is)."""
    column_type = _stored_type(column_type)
    if isinstance(column_type, Enum):
        return lambda v: v.value if isinstance(v, enum.Enum) else v
    if isinstance(column_type, DateTime):
        if column_type.timezone:
            # SQLite hands back naive datetimes, PostgreSQL aware ones in the session's zone;
            # the registry stores UTC (models.base.utcnow), so both are written as UTC.
            return lambda v: (v.astimezone(UTC) if v.tzinfo else v.replace(tzinfo=UTC)).isoformat()
        return lambda v: v.isoformat()
    if isinstance(column_type, Date):
        return lambda v: v.isoformat()
    if isinstance(column_type, Numeric) and not isinstance(column_type, Float):
        return str  # a Decimal as text: a JSON number would go through a float
    if isinstance(column_type, JSON | Boolean | Integer | String | Float):
        return None
    raise TypeError(f"no backup encoding for column type {column_type!r}")


def _decoder(column_type):
    """Return the function checking a JSON value and turning it into the column's Python type."""
    column_type = _stored_type(column_type)
    for kind, make in _DECODERS:  # the first match: an Enum is a String, a Float a Numeric
        if isinstance(column_type, kind):
            return make(column_type)
    raise TypeError(f"no backup decoding for column type {column_type!r}")


def _boolean(value):
    if not isinstance(value, bool):
        raise _Problem(_("harus true atau false"))
    return value


def _integer(value):
    if type(value) is not int:  # bool is an int subclass, and 1.0 is no integer here
        raise _Problem(_("harus bilangan bulat"))
    return value


def _float(value):
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Problem(_("harus angka"))
    return value


def _string_decoder(length):
    def decode(value):
        if not isinstance(value, str):
            raise _Problem(_("harus teks"))
        if length is not None and len(value) > length:
            raise _Problem(_("lebih dari %(n)s karakter", n=length))
        return value

    return decode


def _enum_decoder(column_type):
    values = list(column_type.enums)
    enum_class = column_type.enum_class

    def decode(value):
        if not isinstance(value, str) or value not in values:
            raise _Problem(_("harus salah satu dari: %(values)s", values=", ".join(values)))
        return enum_class(value) if enum_class is not None else value

    return decode


def _date(value):
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise _Problem(_("harus tanggal ISO (YYYY-MM-DD)"))


def _parse_datetime(value):
    try:
        if isinstance(value, str):
            return datetime.fromisoformat(value)
    except ValueError:
        pass
    raise _Problem(_("harus waktu ISO 8601, mis. 2026-01-31T08:00:00+00:00"))


def _datetime(value):
    moment = _parse_datetime(value)
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _naive_datetime(value):
    return _parse_datetime(value)


def _decimal_decoder(scale):
    def decode(value):
        try:
            number = Decimal(value) if isinstance(value, str) else None
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise _Problem(_('harus angka desimal sebagai teks, mis. "1250000.00"'))
        if scale is not None and -number.as_tuple().exponent > scale:
            raise _Problem(_("lebih dari %(n)s angka di belakang koma", n=scale))
        return number

    return decode


#: (column type, the decoder of such a column), tried in order
_DECODERS = (
    (JSON, lambda _t: lambda v: v),
    (Enum, _enum_decoder),
    (Boolean, lambda _t: _boolean),
    (Integer, lambda _t: _integer),
    (String, lambda t: _string_decoder(t.length)),
    (DateTime, lambda t: _datetime if t.timezone else _naive_datetime),
    (Date, lambda _t: _date),
    (Float, lambda _t: _float),
    (Numeric, lambda t: _decimal_decoder(t.scale)),
)


class _TableCodec:
    """How one table's rows are written to and read from the document."""

    def __init__(self, table):
        self.table = table
        self.names = [c.name for c in table.columns]
        self.encoders = [(c.name, _encoder(c.type)) for c in table.columns]
        self.decoders = [(c.name, f"p_{c.name}", _decoder(c.type), c.nullable)
                         for c in table.columns]
        self.known = frozenset(self.names)
        pk = table.primary_key.columns
        self.label_key = pk.keys()[0] if len(pk) == 1 else None
        # Bound parameters typed by column, except that a None in a JSON column becomes SQL
        # NULL rather than the JSON text 'null' (SQLAlchemy's default): a reader sees None
        # either way, and NULL is what "no value" means to a query.
        self.insert = insert(table).values({
            c.name: bindparam(
                f"p_{c.name}", type_=JSON(none_as_null=True) if isinstance(c.type, JSON) else c.type
            )
            for c in table.columns
        })

    def encode(self, row):
        return {
            name: (value if value is None or encode is None else encode(value))
            for (name, encode), value in zip(self.encoders, row, strict=True)
        }

    def row_label(self, index, raw):
        """Name a row in messages: its position in the table, and its id when it has one."""
        key = raw.get(self.label_key) if self.label_key and isinstance(raw, dict) else None
        return f"{index} ({self.label_key}={key})" if isinstance(key, int | str) else str(index)

    def decode(self, raw, index):
        """Check one row of the document and return the insert's parameters."""
        name = self.table.name
        if not isinstance(raw, dict):
            raise BackupFormatError(_("Tabel %(table)s, baris %(row)s: baris harus objek JSON.",
                                      table=name, row=index))
        keys = raw.keys()
        if keys != self.known:
            row = self.row_label(index, raw)
            unknown = sorted(keys - self.known)
            if unknown:
                raise BackupFormatError(
                    _("Tabel %(table)s, baris %(row)s: kolom tidak dikenal: %(columns)s.",
                      table=name, row=row, columns=", ".join(unknown)))
            raise BackupFormatError(
                _("Tabel %(table)s, baris %(row)s: kolom tidak ada: %(columns)s.",
                  table=name, row=row, columns=", ".join(sorted(self.known - keys))))
        params = {}
        for column, param, decode, nullable in self.decoders:
            value = raw[column]
            try:
                if value is None:
                    if not nullable:
                        raise _Problem(_("tidak boleh kosong (null)"))
                    params[param] = None
                else:
                    params[param] = decode(value)
            except _Problem as problem:
                raise BackupFormatError(
                    _("Tabel %(table)s, baris %(row)s, kolom %(column)s: %(problem)s.",
                      table=name, row=self.row_label(index, raw), column=column,
                      problem=str(problem))) from None
        return params


# -- export -------------------------------------------------------------------------------------


def export_all(stream, *, actor=None, evidence_folder=None):
    """Write every table's rows to the text ``stream`` as one backup document.

    :param evidence_folder: where to write the evidence files the document names (each under
        its SHA-256, read from the store checked); files of an older export that the document
        no longer names are removed from it. None: the files are not written.
    :return: the number of rows written per table, in dependency order.
    :raises EvidenceIntegrityError: a stored evidence file no longer matches its SHA-256.
    """
    require_role(actor, Role.ADMIN)  # the document holds password and token hashes
    tables = backup_tables()
    counts = {}
    stream.write(
        f'{{"format": {json.dumps(FORMAT)}, "version": {VERSION}, '
        f'"schema_revision": {json.dumps(schema_revision())},\n"tables": {{'
    )
    with _read_snapshot():
        for position, table in enumerate(tables):
            stream.write(f'{"," if position else ""}\n{json.dumps(table.name)}: [')
            counts[table.name] = _export_table(table, stream)
            stream.write("\n]" if counts[table.name] else "]")
        named = _evidence_hashes()  # in the same snapshot as the rows
    stream.write("\n}}\n")
    if evidence_folder is not None:
        export_evidence(evidence_folder, named)
    logger.info("Registry exported by %s: %s rows in %s tables", actor_label(actor),
                sum(counts.values()), len(counts))
    return counts


# -- evidence files -----------------------------------------------------------------------------


def evidence_folder_for(path):
    """Return the folder of evidence files beside a backup (``b.json`` → ``b.evidence``)."""
    path = Path(path)
    return path.with_suffix(".evidence") if path.suffix else path.with_name(
        path.name + ".evidence")


def _evidence_hashes():
    return sorted(set(db.session.scalars(select(EvidenceFile.sha256))))


def evidence_file_count():
    """Return how many distinct evidence files (by SHA-256) the registry's rows name."""
    return len(_evidence_hashes())


def export_evidence(folder, hashes=None):
    """Write the evidence files named by ``hashes`` into ``folder``, each as ``<sha256>``.

    ``hashes`` default to every one the registry has; the files of an older export not named any
    more are removed.

    :return: the number of files the folder holds.
    """
    from registry.services.evidence_store import get_store

    hashes = _evidence_hashes() if hashes is None else hashes
    folder = Path(folder)
    if not hashes and not folder.exists():
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    store = get_store()
    wanted = set(hashes)
    for sha256 in hashes:
        data = store.read(sha256)  # checked against its hash
        target = folder / sha256
        if target.is_file() and target.read_bytes() == data:
            continue
        fd, partial = tempfile.mkstemp(prefix=".partial-", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(partial, target)
    for stale in folder.iterdir():
        if stale.is_file() and _HEX64.fullmatch(stale.name) and stale.name not in wanted:
            stale.unlink()
    return len(wanted)


_HEX64 = re.compile(r"[0-9a-f]{64}")


def _restore_evidence(folder):
    """Check every evidence file the restored rows name against its SHA-256 and store it.

    Refuse (and so roll back the rows) when one is missing or changed.
    """
    from registry.services.evidence_store import digest, get_store

    hashes = _evidence_hashes()
    if not hashes:
        return 0
    if folder is None or not Path(folder).is_dir():
        raise BackupFormatError(_(
            "Cadangan ini memuat %(n)s berkas bukti, tetapi foldernya tidak ada (%(folder)s); "
            "salin folder itu ke samping berkas cadangan.", n=len(hashes),
            folder=str(folder) if folder is not None else "-"))
    folder = Path(folder)
    missing, changed, checked = [], [], []
    for sha256 in hashes:
        path = folder / sha256
        if not _HEX64.fullmatch(sha256):  # a hand-edited backup naming another path
            changed.append(sha256)
            continue
        if not path.is_file():
            missing.append(sha256)
            continue
        data = path.read_bytes()
        if digest(data) != sha256:
            changed.append(sha256)
            continue
        checked.append(data)
    if missing or changed:
        problems = []
        if changed:
            problems.append(_("isinya tidak cocok dengan SHA-256-nya: %(files)s",
                              files=", ".join(h[:12] for h in changed)))
        if missing:
            problems.append(_("tidak ada di folder: %(files)s",
                              files=", ".join(h[:12] for h in missing)))
        raise BackupFormatError(_("Berkas bukti di %(folder)s ditolak, tidak ada yang "
                                  "dipulihkan: %(problems)s.", folder=str(folder),
                                  problems="; ".join(problems)))
    store = get_store()
    for data in checked:
        store.put(data)
    return len(checked)


def _export_table(table, stream):
    codec = _TableCodec(table)
    stmt = select(table).order_by(*table.primary_key.columns)
    written = 0
    with db.session.execute(stmt, execution_options={"yield_per": BATCH}) as result:
        for rows in result.partitions():
            lines = [
                json.dumps(codec.encode(row), ensure_ascii=False, sort_keys=True) for row in rows
            ]
            stream.write(("," if written else "") + "\n" + ",\n".join(lines))
            written += len(lines)
    return written


@contextmanager
def _read_snapshot():
    """Read every table from one snapshot, so the backup is consistent under concurrent writes.

    On PostgreSQL a fresh session reads in a REPEATABLE READ, read-only transaction (each
    statement would otherwise see its own snapshot); a caller's open transaction is used as
    it is.
    """
    session = db.session()  # the session itself: the scoped proxy lacks in_transaction()
    if session.in_transaction() or db.engine.dialect.name != "postgresql":
        yield
        return
    session.connection(execution_options={"isolation_level": "REPEATABLE READ",
                                          "postgresql_readonly": True})
    try:
        yield
    finally:
        session.rollback()  # ends the read-only transaction this function began


# -- restore ------------------------------------------------------------------------------------


def restore(source, *, replace=False, actor=None, evidence_folder=None):
    """Load a backup into the registry, all or nothing, keeping every row's primary key.

    :param source: a path, a text or binary stream, or the document already parsed (a dict).
    :param replace: empty the registry's tables first, in the same transaction; otherwise
        refuse a database that has any row.
    :param evidence_folder: the folder of evidence files written beside the document; every
        file the rows name must be there, matching its SHA-256, or nothing is restored.
    :return: the number of rows restored per table, in dependency order.
    :raises BackupFormatError: the file is malformed, or of another format, version or schema
        revision.
    :raises ConflictError: the database is not empty (and ``replace`` is not set).
    """
    require_role(actor, Role.ADMIN)
    tables = backup_tables()
    by_name = {t.name: t for t in tables}
    with ExitStack() as stack:
        document = _open_document(source, stack)
        _check_header(document.header)  # before anything is written
        with transaction():
            _check_database_revision()
            present = {name: n for name, n in table_counts().items() if n}
            if present and not replace:
                raise ConflictError(
                    _("Basis data tidak kosong: %(tables)s. Pemulihan hanya ke basis data "
                      "kosong.", tables=_describe_counts(present)),
                    errors={"tables": present},
                )
            if present:
                for table in reversed(tables):
                    db.session.execute(table.delete())
            counts = {}
            for name, rows in document.tables():
                table = by_name.get(name)
                if table is None:
                    raise BackupFormatError(_("Tabel tidak dikenal: %(table)s.", table=name))
                if name in counts:
                    raise BackupFormatError(_("Tabel %(table)s muncul dua kali.", table=name))
                parents = sorted({fk.column.table.name for fk in table.foreign_keys}
                                 - {name} - counts.keys())
                if parents:
                    raise BackupFormatError(
                        _("Tabel %(table)s muncul sebelum tabel yang dirujuknya (%(parents)s); "
                          "pakai berkas hasil export-all apa adanya.",
                          table=name, parents=", ".join(parents)))
                counts[name] = _restore_table(table, rows)
            missing = [t.name for t in tables if t.name not in counts]
            if missing:
                raise BackupFormatError(_("Tabel berikut tidak ada dalam berkas: %(tables)s.",
                                          tables=", ".join(missing)))
            _reset_sequences(tables)
            _restore_evidence(evidence_folder)
    counts = {t.name: counts[t.name] for t in tables}
    # Not a change-log row: the restore must give back exactly the rows of the backup, so that
    # export → restore → export is byte-identical, and the log is part of what is restored.
    logger.info("Registry restored from a backup by %s (replacing %s): %s",
                actor_label(actor), present or "nothing", counts)
    return counts


def _describe_counts(counts):
    return ", ".join(f"{name} ({n})" for name, n in counts.items())


def _restore_table(table, rows):
    codec = _TableCodec(table)
    batch, first, restored = [], 1, 0
    for index, raw in enumerate(rows, start=1):
        batch.append(codec.decode(raw, index))
        if len(batch) >= BATCH:
            _insert_batch(codec, batch, first)
            restored += len(batch)
            batch, first = [], index + 1
    if batch:
        _insert_batch(codec, batch, first)
        restored += len(batch)
    return restored


def _insert_batch(codec, batch, first):
    try:
        db.session.execute(codec.insert, batch)
    except StatementError as error:
        detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise BackupFormatError(
            _("Tabel %(table)s, baris %(first)s–%(last)s: basis data menolak data: %(detail)s",
              table=codec.table.name, first=first, last=first + len(batch) - 1,
              detail=detail)) from error


def _reset_sequences(tables):
    """Move each id sequence past the restored ids, so new rows get fresh ones (PostgreSQL).

    SQLite needs nothing: an INTEGER PRIMARY KEY takes max(id) + 1.
    """
    if db.engine.dialect.name != "postgresql":
        return
    quote = db.engine.dialect.identifier_preparer
    for table in tables:
        column = table.autoincrement_column
        if column is None:
            continue
        name = quote.format_table(table)
        db.session.execute(
            text(f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                 f"COALESCE((SELECT MAX({quote.quote(column.name)}) FROM {name}), 0) + 1, false)"),
            {"table": name, "column": column.name},
        )


def _check_database_revision():
    """Refuse a database migrated to another revision than this code's (when it says)."""
    connection = db.session.connection()
    if not inspect(connection).has_table("alembic_version"):
        return  # built by create_all (tests, a fresh dev database): it is the models' schema
    found = set(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())
    expected = schema_revision()
    if found != {expected}:
        raise ConflictError(
            _("Basis data berada pada revisi skema %(found)s, aplikasi pada %(expected)s; "
              "jalankan dulu \"flask db upgrade\".",
              found=", ".join(sorted(found)) or "-", expected=expected))


def _check_header(header):
    missing = [key for key in _HEADER_KEYS if key not in header]
    if header.get("format", FORMAT) != FORMAT:
        raise BackupFormatError(
            _("Berkas ini bukan cadangan registri SPBE (format %(found)s, seharusnya "
              "%(expected)s).", found=json.dumps(header["format"]), expected=FORMAT))
    if missing:
        raise BackupFormatError(
            _("Kepala berkas tidak lengkap: %(keys)s tidak ada sebelum \"tables\".",
              keys=", ".join(missing)))
    if type(header["version"]) is not int or header["version"] != VERSION:
        raise BackupFormatError(
            _("Versi format cadangan %(found)s tidak didukung (yang didukung: %(expected)s).",
              found=json.dumps(header["version"]), expected=VERSION))
    expected = schema_revision()
    if header["schema_revision"] != expected:
        raise BackupFormatError(
            _("Cadangan ini dibuat pada revisi skema %(found)s, aplikasi ini pada revisi "
              "%(expected)s; pulihkan dengan versi aplikasi yang membuat cadangan itu.",
              found=json.dumps(header["schema_revision"]), expected=expected))


# -- reading the document -----------------------------------------------------------------------


def _not_a_backup():
    return BackupFormatError(
        _("Berkas harus berisi satu objek JSON dengan kunci format, version, schema_revision "
          "dan tables."))


def _unknown_key(key):
    return BackupFormatError(_("Kunci tidak dikenal di berkas: %(key)s.", key=key))


def _tables_not_an_object():
    return BackupFormatError(
        _("\"tables\" harus objek JSON: nama tabel → daftar baris."))


def _table_not_a_list(name):
    return BackupFormatError(_("Tabel %(table)s harus daftar baris (array JSON).", table=name))


def _open_document(source, stack):
    if isinstance(source, dict):
        return _LoadedDocument(source)
    if isinstance(source, str | os.PathLike):
        source = stack.enter_context(open(source, "rb"))  # noqa: SIM115 - closed by the stack
    return _StreamDocument(source)


class _LoadedDocument:
    """A backup document already parsed into Python data."""

    def __init__(self, document):
        unknown = sorted(set(document) - set(_HEADER_KEYS) - {"tables"})
        if unknown:
            raise _unknown_key(unknown[0])
        self.header = {k: document[k] for k in _HEADER_KEYS if k in document}
        self._tables = document.get("tables")

    def tables(self):
        if self._tables is None:
            raise _not_a_backup()
        if not isinstance(self._tables, dict):
            raise _tables_not_an_object()
        for name, rows in self._tables.items():
            if not isinstance(rows, list):
                raise _table_not_a_list(name)
            yield name, iter(rows)


class _StreamDocument:
    """A backup document read from a stream, one row at a time."""

    def __init__(self, handle):
        self._json = reader = _JsonReader(handle)
        if reader.peek() != "{":
            raise _not_a_backup()
        reader.take("{")
        self.header = {}
        self._members = _members(reader)
        for key in self._members:
            if key == "tables":
                break
            if key not in _HEADER_KEYS:
                raise _unknown_key(key)
            if key in self.header:
                raise BackupFormatError(_("Kunci %(key)s muncul dua kali.", key=key))
            self.header[key] = reader.value()
        else:
            self._members = None  # the object ended without "tables"

    def tables(self):
        reader = self._json
        if self._members is None:
            raise _not_a_backup()
        if reader.peek() != "{":
            raise _tables_not_an_object()
        reader.take("{")
        for name in _members(reader):
            if reader.peek() != "[":
                raise _table_not_a_list(name)
            yield name, _elements(reader, name)
        for key in self._members:  # whatever follows "tables"
            if key in _HEADER_KEYS:
                raise BackupFormatError(
                    _("Kepala berkas tidak lengkap: %(keys)s tidak ada sebelum \"tables\".",
                      keys=key))
            raise _unknown_key(key)
        if reader.peek() != "":
            reader.fail("Extra data")


def _members(reader):
    """Yield the keys of an object whose "{" was taken; the caller reads each value."""
    if reader.peek() == "}":
        reader.take("}")
        return
    while True:
        if reader.peek() != '"':
            reader.fail("Expecting property name enclosed in double quotes")
        key = reader.value()
        reader.take(":")
        yield key
        if reader.peek() == ",":
            reader.take(",")
            continue
        reader.take("}")
        return


def _elements(reader, table):
    """Yield the values of an array, telling the reader which row it is on."""
    reader.take("[")
    if reader.peek() == "]":
        reader.take("]")
        return
    index = 0
    while True:
        index += 1
        reader.where = (table, index)
        yield reader.value()
        if reader.peek() == ",":
            reader.take(",")
            continue
        reader.take("]")
        reader.where = None
        return


_WHITESPACE = re.compile(r"[ \t\n\r]*")


class _JsonReader:
    """Read one JSON text value by value from a stream, holding only a chunk in memory."""

    CHUNK = 1 << 20

    def __init__(self, handle):
        self._handle = handle
        self._buffer = ""
        self._pos = 0
        self._eof = False
        self._line = 1  # the file's line number at the start of the buffer
        self._decoder = json.JSONDecoder()
        self._bytes = None
        #: (table, row number) being read, named in error messages
        self.where = None

    def _more(self):
        """Append the next chunk to the buffer; return False at the end of the file."""
        if self._eof:
            return False
        data = None
        try:
            while not data:
                raw = data = self._handle.read(self.CHUNK)
                if isinstance(raw, bytes):
                    if self._bytes is None:
                        self._bytes = codecs.getincrementaldecoder("utf-8")()
                    data = self._bytes.decode(raw, final=not raw)
                if not raw:
                    break  # the end; a chunk may also end inside a character: read on
        except UnicodeDecodeError as error:
            raise BackupFormatError(
                _("Berkas bukan teks UTF-8: %(error)s", error=error)) from None
        if not data:
            self._eof = True
            return False
        self._line += self._buffer.count("\n", 0, self._pos)
        self._buffer = self._buffer[self._pos:] + data
        self._pos = 0
        return True

    def peek(self):
        """Skip whitespace and return the next character ("" at the end of the file)."""
        while True:
            self._pos = _WHITESPACE.match(self._buffer, self._pos).end()
            if self._pos < len(self._buffer):
                return self._buffer[self._pos]
            if not self._more():
                return ""

    def take(self, char):
        """Consume ``char`` (after whitespace) or fail."""
        if self.peek() != char:
            self.fail(f"Expecting {char!r}")
        self._pos += 1

    def value(self):
        """Parse the next JSON value, reading more of the file while it is cut off."""
        self.peek()
        while True:
            buffer = self._buffer
            try:
                value, end = self._decoder.raw_decode(buffer, self._pos)
            except json.JSONDecodeError as error:
                cut_off = error.pos >= len(buffer) - 8 or error.msg.startswith("Unterminated")
                if cut_off and self._more():
                    continue
                self.fail(error.msg, error.pos)
            if end == len(buffer) and self._more():
                continue  # a number may go on in the next chunk
            self._pos = end
            return value

    def fail(self, message, pos=None):
        """Raise the error naming the file's line, and the table and row when in one."""
        pos = self._pos if pos is None else pos
        line = self._line + self._buffer.count("\n", 0, pos)
        if self.where:
            table, row = self.where
            raise BackupFormatError(
                _("Tabel %(table)s, baris %(row)s: JSON tidak sah di baris %(line)s berkas: "
                  "%(error)s", table=table, row=row, line=line, error=message))
        raise BackupFormatError(_("JSON tidak sah di baris %(line)s berkas: %(error)s",
                                  line=line, error=message))
