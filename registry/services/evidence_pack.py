"""The evidence pack the assessors take away: one ZIP with the report, every file, an index.

Inside::

    laporan-<KODE>-<TAHUN>.pdf          the report, rendered on the server
    indeks-bukti.xlsx                   every file: indicator, name, path, SHA-256, size;
                                        and the completeness check (indicators above level 1
                                        without an evidence file)
    SHA256SUMS                          the same hashes, for ``sha256sum -c``
    bukti/<NN>-<indicator>/<file>       each evidence file in the folder of every indicator
                                        it serves

Every file is read from the store checked against its SHA-256, so the pack never carries a
changed file: a tampered one stops the pack with its name.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass

from registry.services.assessments import instrument_of
from registry.services.evidence import completeness
from registry.services.evidence_store import get_store
from registry.services.workbooks import xlsx_bytes

INDEX_SHEET = "indeks-bukti.xlsx"
CHECKSUMS = "SHA256SUMS"
INDEX_HEADER = ["Indikator", "Nama indikator", "Level", "Status", "Judul", "Nama berkas",
                "Berkas dalam paket", "SHA-256", "Ukuran (byte)", "Jenis", "Diunggah oleh",
                "Diunggah"]
GAP_HEADER = ["Indikator", "Nama indikator", "Level", "Tautan bukti (tanpa berkas)"]


@dataclass(frozen=True)
class PackEntry:
    """One evidence file in the folder of one indicator."""

    indicator: int
    indicator_name: str
    path: str
    file: object  #: models.EvidenceFile
    level: int
    state: str


def slug(text, limit=40):
    """Return ``text`` as a folder name: ASCII letters, digits and hyphens."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:limit].rstrip("-") or "indikator"


def pack_name(assessment):
    """Return the pack's file name, e.g. ``paket-bukti-CONTOHPROV-2026.zip``."""
    return f"paket-bukti-{slug(assessment.agency.code, 40).upper()}-{assessment.year}.zip"


def report_name(assessment):
    """Return the report's file name inside the pack (and when downloaded alone)."""
    return f"laporan-{slug(assessment.agency.code, 40).upper()}-{assessment.year}.pdf"


def pack_entries(assessment):
    """Return where every evidence file goes in the pack, indicator by indicator."""
    used = instrument_of(assessment)
    names = {i.number: i.name for i in used.indicators}
    entries = []
    for score in sorted(assessment.scores, key=lambda s: s.indicator):
        folder = f"bukti/{score.indicator:02d}-{slug(names.get(score.indicator, ''))}"
        taken = set()
        for attached in score.attachments:
            row = attached.file
            name = _unique(row.filename, taken)
            entries.append(PackEntry(score.indicator, names.get(score.indicator, ""),
                                     f"{folder}/{name}", row, score.level, score.state.value))
    return entries


def _unique(name, taken):
    """Return ``name``, or ``name-2.ext`` … when another file of the folder has it."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    candidate, n = name, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{stem}-{n}.{extension}" if extension else f"{stem}-{n}"
    taken.add(candidate.lower())
    return candidate


def write_pack(assessment, out, *, report_pdf):
    """Write the assessment's evidence pack as a ZIP into the binary stream ``out``.

    :param report_pdf: the report, already rendered as PDF bytes
    :return: the :class:`PackEntry` list written
    :raises EvidenceIntegrityError: a stored file no longer matches its SHA-256
    """
    store = get_store()
    entries = pack_entries(assessment)
    used = instrument_of(assessment)
    gaps = completeness(assessment, used)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(report_name(assessment), report_pdf)
        archive.writestr(INDEX_SHEET, _index_sheet(entries, gaps))
        archive.writestr(CHECKSUMS, "".join(f"{e.file.sha256}  {e.path}\n" for e in entries))
        read = {}
        for entry in entries:
            sha256 = entry.file.sha256
            if sha256 not in read:
                read[sha256] = store.read(sha256)
            info = zipfile.ZipInfo(entry.path, date_time=_zip_time(entry.file.created_at))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, read[sha256])
    return entries


def _zip_time(moment):
    return (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute,
            moment.second)


def _index_sheet(entries, gaps):
    from registry.labels import label

    def files():
        for e in entries:
            row = e.file
            yield [e.indicator, e.indicator_name, e.level, label("indicator_state", e.state),
                   row.title, row.filename, e.path, row.sha256, row.size, row.media_type,
                   row.uploaded_by.name if row.uploaded_by else "sistem",
                   row.created_at.isoformat(timespec="seconds")]

    missing = ([g.indicator, g.name, g.level, g.links] for g in gaps)
    return xlsx_bytes([("Berkas bukti", INDEX_HEADER, files()),
                       ("Kelengkapan", GAP_HEADER, missing)])
