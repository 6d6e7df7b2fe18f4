"""Small helpers the area services share: fetching, stale checks, applying validated data."""

from flask_babel import gettext as _
from sqlalchemy import select

from registry import models
from registry.errors import ConflictError, NotFoundError, ValidationFailedError
from registry.extensions import db
from registry.services import changelog


def get_or_404(model, obj_id):
    """Return the row with this id, or raise NotFoundError."""
    obj = db.session.get(model, obj_id) if obj_id is not None else None
    if obj is None:
        raise NotFoundError(_("Data tidak ditemukan."))
    return obj


def check_version(obj, expected_version):
    """Refuse an edit made on a stale copy of the record (no lost updates)."""
    if expected_version is None:
        raise ValidationFailedError(errors={"version": [_("Wajib diisi.")]})
    if obj.version != expected_version:
        raise ConflictError(
            _(
                "Data ini telah diubah orang lain sejak Anda membukanya (versi %(theirs)s, "
                "Anda mengubah versi %(yours)s). Periksa perubahan terbaru lalu simpan lagi.",
                theirs=obj.version,
                yours=expected_version,
            ),
            errors={
                "version": [
                    _(
                        "Data ini telah diubah orang lain sejak Anda membukanya (versi "
                        "%(theirs)s, Anda mengubah versi %(yours)s).",
                        theirs=obj.version,
                        yours=expected_version,
                    )
                ]
            },
        )


def apply(obj, data, fields):
    """Copy the given ``fields`` present in ``data`` onto ``obj``."""
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])


def reference_error(field, message):
    """Return a ValidationFailedError for one field."""
    return ValidationFailedError(message, errors={field: [message]})


def save_keyed_record(model, agency_id, key_field, key, data, fields, *, actor,
                      expected_version=None):
    """Create or update the one record an agency keeps per key (an area, a document kind).

    The first save creates the record; later saves must carry the version they read.
    """
    if db.session.get(models.Agency, agency_id) is None:
        raise reference_error("agency_id", _("Instansi tidak dikenal."))
    record = db.session.scalar(select(model).where(
        model.agency_id == agency_id, getattr(model, key_field) == key))
    if record is None:
        record = model(agency_id=agency_id, **{key_field: key})
        apply(record, data, fields)
        db.session.add(record)
        db.session.flush()
        changelog.log_change("create", record, actor=actor, after=changelog.values_of(record))
        return record
    check_version(record, expected_version)
    before = changelog.values_of(record)
    apply(record, data, fields)
    changelog.record_update(record, before, actor=actor)
    return record
