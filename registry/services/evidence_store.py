"""Where evidence files live: a content-addressed store, and what an upload may be.

The store keeps bytes under their SHA-256 and checks the hash again on every read, so a file
changed on disk (by hand, by a faulty volume, by an attacker) is refused, never served. The
:class:`EvidenceStore` interface is what the registry uses; :class:`LocalEvidenceStore` keeps
the files in a folder (``instance/evidence`` unless ``REGISTRY_EVIDENCE_DIR`` points at another,
e.g. a shared volume several servers mount).

An upload's type is read from its content, never from the name or the browser's claim: only
PDF, images (PNG, JPEG, WebP) and office documents (OOXML, OpenDocument, the older binary
Office formats) are kept, and the name's extension must agree with what the content is, so a
program renamed ``.pdf`` is refused.
"""

import hashlib
import io
import logging
import os
import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from flask import current_app
from flask_babel import gettext as _

from registry.errors import ConflictError, ValidationFailedError

logger = logging.getLogger(__name__)

_HEX64 = re.compile(r"[0-9a-f]{64}")


class EvidenceIntegrityError(ConflictError):
    """A stored file is missing or its bytes no longer match their SHA-256."""


class EvidenceStore(Protocol):
    """What the registry needs from a place that keeps evidence files."""

    def put(self, data: bytes) -> str:
        """Keep ``data``; return its hex SHA-256 (keeping the same bytes twice is one file)."""

    def read(self, sha256: str) -> bytes:
        """Return the bytes kept under ``sha256``, checked; raise EvidenceIntegrityError."""

    def exists(self, sha256: str) -> bool:
        """Tell whether bytes are kept under ``sha256`` (without reading them)."""


def digest(data):
    """Return the hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


class LocalEvidenceStore:
    """Evidence files in a folder: ``<root>/<2 hex>/<2 hex>/<sha256>``, written atomically."""

    def __init__(self, root):
        self.root = Path(root)

    def path_of(self, sha256):
        """Return where the bytes of ``sha256`` are kept."""
        if not _HEX64.fullmatch(sha256 or ""):
            raise EvidenceIntegrityError(_("Alamat berkas bukti tidak sah."))
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data):
        """Store ``data`` (once per content) and return its SHA-256."""
        sha256 = digest(data)
        path = self.path_of(sha256)
        if path.is_file() and self._matches(path, sha256):
            return sha256
        path.parent.mkdir(parents=True, exist_ok=True)
        # written beside, then renamed: a reader never sees half a file
        fd, partial = tempfile.mkstemp(prefix=".partial-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
        return sha256

    def read(self, sha256):
        """Return the bytes of ``sha256``; refuse a missing file or one that does not match."""
        path = self.path_of(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            logger.error("evidence file %s is missing from %s", sha256, self.root)
            raise EvidenceIntegrityError(_(
                "Berkas bukti %(sha)s tidak ada di penyimpanan; pulihkan dari cadangan.",
                sha=sha256[:12])) from None
        if digest(data) != sha256:
            logger.error("evidence file %s does not match its SHA-256: refused", path)
            raise EvidenceIntegrityError(_(
                "Berkas bukti %(sha)s rusak atau diubah di luar registri (SHA-256 tidak "
                "cocok) dan tidak diberikan; pulihkan dari cadangan.", sha=sha256[:12]))
        return data

    def exists(self, sha256):
        """Tell whether the store holds the bytes of ``sha256``."""
        return self.path_of(sha256).is_file()

    @staticmethod
    def _matches(path, sha256):
        return digest(path.read_bytes()) == sha256


def get_store():
    """Return the evidence store the app is configured with."""
    root = current_app.config.get("REGISTRY_EVIDENCE_DIR") \
        or os.path.join(current_app.instance_path, "evidence")
    return LocalEvidenceStore(root)


def max_bytes():
    """Return the largest evidence file accepted, in bytes (``REGISTRY_EVIDENCE_MAX_MB``)."""
    return int(current_app.config.get("REGISTRY_EVIDENCE_MAX_MB") or 20) * 1024 * 1024


# -- what an upload is --------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A kind of file the registry keeps: its media type, its name and the extensions it has."""

    media_type: str
    label: str
    extensions: tuple


PDF = Kind("application/pdf", "PDF", ("pdf",))
PNG = Kind("image/png", "PNG", ("png",))
JPEG = Kind("image/jpeg", "JPEG", ("jpg", "jpeg"))
WEBP = Kind("image/webp", "WebP", ("webp",))
DOCX = Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word (DOCX)", ("docx",))
XLSX = Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Excel (XLSX)", ("xlsx",))
PPTX = Kind("application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "PowerPoint (PPTX)", ("pptx",))
ODT = Kind("application/vnd.oasis.opendocument.text", "OpenDocument Text (ODT)", ("odt",))
ODS = Kind("application/vnd.oasis.opendocument.spreadsheet", "OpenDocument Spreadsheet (ODS)",
           ("ods",))
ODP = Kind("application/vnd.oasis.opendocument.presentation",
           "OpenDocument Presentation (ODP)", ("odp",))
DOC = Kind("application/msword", "Word 97-2003 (DOC)", ("doc",))
XLS = Kind("application/vnd.ms-excel", "Excel 97-2003 (XLS)", ("xls",))
PPT = Kind("application/vnd.ms-powerpoint", "PowerPoint 97-2003 (PPT)", ("ppt",))
KINDS = (PDF, PNG, JPEG, WEBP, DOCX, XLSX, PPTX, ODT, ODS, ODP, DOC, XLS, PPT)
#: the extensions accepted, for the upload field and its help text
ACCEPTED_EXTENSIONS = tuple(ext for kind in KINDS for ext in kind.extensions)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF = {"application/vnd.oasis.opendocument.text": ODT,
        "application/vnd.oasis.opendocument.spreadsheet": ODS,
        "application/vnd.oasis.opendocument.presentation": ODP}
#: what a refused file most likely is, to say so
_KNOWN_OTHERS = ((b"MZ", "program Windows (EXE/DLL)"), (b"\x7fELF", "program Linux (ELF)"),
                 (b"#!", "skrip"), (b"<", "HTML/XML/SVG"), (b"\x1f\x8b", "arsip gzip"),
                 (b"Rar!", "arsip RAR"), (b"7z\xbc\xaf", "arsip 7-Zip"))


def _zip_kind(data):
    """Tell an office document inside a ZIP container; None for any other ZIP."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 100:
                    found = archive.read("mimetype").decode("ascii", "replace").strip()
                    return _ODF.get(found)
            if "[Content_Types].xml" in names:
                for prefix, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
                    if any(n.startswith(prefix) for n in names):
                        return kind
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
        return None
    return None


def sniff(data, extension):
    """Return the :class:`Kind` the bytes are, or None when they are none the registry keeps.

    The older binary Office formats share one container (OLE2); the name's extension tells
    which of them it is meant to be.
    """
    if data.startswith(b"%PDF-"):  # at the very start: no program with a PDF tucked behind
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(_OLE):
        # an OLE2 container (old Office, but also .msi and .msg): told apart by its extension
        # only; harmless to readers, as every file is served as an attachment with nosniff
        return {"doc": DOC, "xls": XLS, "ppt": PPT}.get(extension, DOC)
    return None


def _looks_like(data):
    return next((what for magic, what in _KNOWN_OTHERS if data.lstrip()[:4].startswith(magic)),
                None)


def check_upload(data, filename):
    """Return (sanitised name, Kind) of an upload, or refuse it with the reason.

    :raises ValidationFailedError: empty, too large, a type the registry does not keep, or a
        name whose extension says something else than the content.
    """
    name = sanitise_filename(filename)
    limit = max_bytes()
    if not data:
        raise _refused(_("Berkas %(name)s kosong.", name=name))
    if len(data) > limit:
        raise _refused(_("Berkas %(name)s %(size)s MB; paling besar %(limit)s MB.", name=name,
                         size=f"{len(data) / 1048576:.1f}", limit=limit // 1048576))
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    kind = sniff(data, extension)
    if kind is None:
        what = _looks_like(data)
        detail = _(" Isinya tampak sebagai %(what)s.", what=what) if what else ""
        raise _refused(_("Berkas %(name)s bukan jenis yang diterima (PDF, gambar PNG/JPEG/WebP, "
                         "dokumen Word, Excel, PowerPoint atau OpenDocument).", name=name)
                       + detail)
    if extension not in kind.extensions:
        raise _refused(_("Nama berkas %(name)s tidak sesuai isinya: isinya %(kind)s (.%(ext)s). "
                         "Periksa berkasnya, lalu unggah dengan nama yang benar.",
                         name=name, kind=kind.label, ext=kind.extensions[0]))
    return name, kind


def _refused(message):
    return ValidationFailedError(message, errors={"file": [message]})


_UNSAFE = re.compile(r"[^\w .()\-]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
MAX_NAME = 120


def sanitise_filename(filename):
    """Return a name safe on every disk and in a ZIP.

    No folders, no control or reserved characters, no leading dots, at most 120 characters with the
    extension kept.
    """
    name = unicodedata.normalize("NFC", str(filename or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = _SPACES.sub(" ", _UNSAFE.sub("_", name)).strip(" ._")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    extension = extension[:10].lower()
    stem = stem.strip(" ._")[:MAX_NAME - len(extension) - 1] or "berkas"
    return f"{stem}.{extension}" if extension else stem
