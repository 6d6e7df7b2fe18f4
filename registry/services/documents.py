"""The formal documents of the architecture, the Peta Rencana and the internal policies."""

from flask_babel import gettext as _
from sqlalchemy import select

from arch_models.reference.documents import DOCUMENT_KINDS
from registry import models
from registry.extensions import db
from registry.services.common import save_keyed_record

DOCUMENT_FIELDS = ("number", "issued_on", "enacted_by", "last_review_on", "review_followup",
                   "domains", "complete", "beyond_instansi")


def documents_of(agency_id):
    """Return (kind, name, record or None) for every document kind, in catalogue order."""
    records = {d.kind: d for d in db.session.scalars(select(models.ArchitectureDocument).where(
        models.ArchitectureDocument.agency_id == agency_id))}
    return [(kind, name, records.get(kind)) for kind, name in DOCUMENT_KINDS.items()]


def save_document(agency_id, kind, data, *, actor, expected_version=None):
    """Record an architecture document; the first save creates it."""
    return save_keyed_record(models.ArchitectureDocument, agency_id, "kind", kind, data,
                             DOCUMENT_FIELDS, actor=actor, expected_version=expected_version,
                             known=DOCUMENT_KINDS, unknown=_("Jenis dokumen tidak dikenal."))
