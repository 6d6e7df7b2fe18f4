"""Evidence files on the indicators of an assessment.

Upload, attach, detach, read, and what is still missing.

A file is kept once per agency (by its SHA-256) and may serve several indicators and years;
links to registry records and web pages stay beside the files (``IndicatorScore.evidence``).
Who may change an indicator's evidence is who may edit it (its team, before it is checked);
every signed-in reader may read the files, as they read the scorecard.
"""

import logging
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from registry import models
from registry.errors import NotFoundError, ValidationFailedError
from registry.extensions import db
from registry.services import changelog
from registry.services._tx import transaction
from registry.services.assessments import get_assessment, require_edit, score_of
from registry.services.evidence_store import check_upload, get_store

logger = logging.getLogger(__name__)

#: the most files one indicator carries
MAX_FILES = 30


def get_file(file_id):
    """Return an evidence file's row, or raise NotFoundError."""
    found = db.session.get(models.EvidenceFile, file_id) if isinstance(file_id, int) else None
    if found is None:
        raise NotFoundError(_("Berkas bukti tidak ditemukan."))
    return found


def agency_files(agency_id):
    """Return the agency's evidence files, newest first (to attach one to another indicator)."""
    return list(db.session.scalars(
        select(models.EvidenceFile).where(models.EvidenceFile.agency_id == agency_id)
        .order_by(models.EvidenceFile.created_at.desc(), models.EvidenceFile.id.desc())))


def read_file(file_id):
    """Return (row, bytes) of an evidence file; the bytes are checked against their SHA-256.

    :raises EvidenceIntegrityError: the stored bytes are missing or changed.
    """
    row = get_file(file_id)
    return row, get_store().read(row.sha256)


def _title(title, filename):
    title = (title or "").strip()
    if len(title) > 300:
        raise ValidationFailedError(errors={"title": [_("Paling banyak 300 karakter.")]})
    return title or filename.rsplit(".", 1)[0]


#: the most files one upload carries
MAX_UPLOAD_FILES = 5


def upload_evidence(assessment_id, indicator, filename, data, *, actor, title=None):
    """Keep an uploaded file and attach it to an indicator; return its row."""
    return upload_evidence_files(assessment_id, indicator, [(filename, data)], actor=actor,
                                 title=title)[0]


def upload_evidence_files(assessment_id, indicator, uploads, *, actor, title=None):
    """Keep uploaded files and attach them to an indicator, all or none; return their rows.

    Every file is checked (type from the content, size) before anything is kept; the same
    bytes uploaded again are the same file, attached once. ``title`` names a single file
    (several keep their own names).
    """
    assessment = get_assessment(assessment_id)
    score = score_of(assessment, indicator)
    require_edit(actor, assessment, score)
    if not uploads:
        raise ValidationFailedError(errors={"file": [_("Pilih berkas yang akan diunggah.")]})
    if len(uploads) > MAX_UPLOAD_FILES:
        raise ValidationFailedError(errors={"file": [_(
            "Paling banyak %(n)s berkas sekali unggah.", n=MAX_UPLOAD_FILES)]})
    checked = [(*check_upload(data, filename), data) for filename, data in uploads]
    store = get_store()
    rows = []
    with transaction():
        for name, kind, data in checked:
            sha256 = store.put(data)  # before the row: a failure leaves an unused file only
            row = db.session.scalar(select(models.EvidenceFile).where(
                models.EvidenceFile.agency_id == assessment.agency_id,
                models.EvidenceFile.sha256 == sha256))
            if row is None:
                row = models.EvidenceFile(
                    agency_id=assessment.agency_id, sha256=sha256, size=len(data),
                    media_type=kind.media_type, filename=name,
                    title=_title(title if len(checked) == 1 else None, name),
                    uploaded_by_id=actor.id if actor is not None else None)
                db.session.add(row)
                db.session.flush()
                changelog.log_change("create", row, actor=actor, after=changelog.values_of(row))
            _attach(score, row, actor, assessment)
            rows.append(row)
            logger.info("evidence %s (%s, %s bytes) on indicator %s of assessment %s",
                        row.filename, sha256[:12], len(data), indicator, assessment_id)
    return rows


def attach_evidence(assessment_id, indicator, file_id, *, actor):
    """Attach one of the agency's files to another indicator."""
    assessment = get_assessment(assessment_id)
    score = score_of(assessment, indicator)
    require_edit(actor, assessment, score)
    row = get_file(file_id)
    if row.agency_id != assessment.agency_id:
        raise NotFoundError(_("Berkas bukti tidak ditemukan."))
    with transaction():
        _attach(score, row, actor, assessment)
    return row


def _attach(score, row, actor, assessment):
    if any(a.evidence_file_id == row.id for a in score.attachments):
        return
    if len(score.attachments) >= MAX_FILES:
        raise ValidationFailedError(errors={"file": [_(
            "Paling banyak %(n)s berkas per indikator.", n=MAX_FILES)]})
    score.attachments.append(models.IndicatorEvidence(
        file=row, attached_by_id=actor.id if actor is not None else None))
    changelog.log_change("update", score, actor=actor, agency_id=assessment.agency_id,
                         after={"evidence_file_attached": {"id": row.id, "sha256": row.sha256,
                                                           "filename": row.filename}})


def detach_evidence(assessment_id, indicator, file_id, *, actor):
    """Take a file off an indicator (the file stays with the agency, for other indicators)."""
    assessment = get_assessment(assessment_id)
    score = score_of(assessment, indicator)
    require_edit(actor, assessment, score)
    attached = next((a for a in score.attachments if a.evidence_file_id == file_id), None)
    if attached is None:
        raise NotFoundError(_("Berkas ini tidak terlampir pada indikator %(n)s.", n=indicator))
    with transaction():
        row = attached.file
        score.attachments.remove(attached)
        changelog.log_change("update", score, actor=actor, agency_id=assessment.agency_id,
                             before={"evidence_file_attached": {
                                 "id": row.id, "sha256": row.sha256, "filename": row.filename}})
    return row


@dataclass(frozen=True)
class Gap:
    """An indicator above level 1 that carries no evidence file."""

    indicator: int
    name: str
    level: int
    links: int  #: the links (registry records, web pages) it has instead


def completeness(assessment, instrument):
    """Return every indicator above level 1 without an evidence file, in order."""
    names = {i.number: i.name for i in instrument.indicators}
    return [Gap(s.indicator, names.get(s.indicator, ""), s.level, len(s.evidence or []))
            for s in sorted(assessment.scores, key=lambda s: s.indicator)
            if s.level > 1 and not s.attachments]
