"""Small helpers the area services share: fetching, stale checks, applying validated data."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from registry import models
from registry.errors import ConflictError, NotFoundError, ValidationFailedError
from registry.extensions import db
from registry.models.text_match import nocase, same_code
from registry.services import changelog
from registry.services._tx import transaction
from registry.services.permissions import INVENTORY_MAINTAINERS, require_role, require_unit_write


def get_or_404(model, obj_id):
    """Return the row with this id, or raise NotFoundError."""
    obj = db.session.get(model, obj_id) if obj_id is not None else None
    if obj is None:
        raise NotFoundError(_("Data tidak ditemukan."))
    return obj


def get_for_unit_edit(model, obj_id, *, actor, expected_version, unit_attr="unit_id"):
    """Return the record to edit: it exists, the actor writes for its OPD, the copy is fresh."""
    obj = get_or_404(model, obj_id)
    require_unit_write(actor, getattr(obj, unit_attr))
    check_version(obj, expected_version)
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


def check_agency(agency_id):
    """Refuse an agency that does not exist, naming the ``agency_id`` field."""
    if db.session.get(models.Agency, agency_id) is None:
        raise reference_error("agency_id", _("Instansi tidak dikenal."))


def check_same_agency(unit, record, field="unit_id"):
    """Refuse moving ``record`` to an OPD of another agency, naming the ``field``."""
    if unit.agency_id != record.agency_id:
        raise reference_error(field, _("OPD baru harus berada di instansi yang sama."))


def code_taken(model, agency_id, code, *, exclude_id=None):
    """Tell whether another record of ``model`` in the agency has this code (any case)."""
    stmt = select(model.id).where(model.agency_id == agency_id, same_code(model.code, code))
    if exclude_id is not None:
        stmt = stmt.where(model.id != exclude_id)
    return db.session.scalar(stmt) is not None


def name_choices(model, agency_id=None):
    """Return (id, name) pairs of ``model`` records by name, one agency's if given: a select."""
    stmt = select(model.id, model.name).order_by(nocase(model.name), model.id)
    if agency_id:
        stmt = stmt.where(model.agency_id == agency_id)
    return db.session.execute(stmt).all()


def with_application_count(model, app_column):
    """Select each ``model`` record with the number of applications whose ``app_column`` is it."""
    counts = select(app_column, func.count().label("n")).group_by(app_column).subquery()
    return (select(model, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c[app_column.key] == model.id))


def add_record(obj, *, actor, reason=None, values=changelog.values_of):
    """Add a new record and log its creation with its ``values`` (the stored columns)."""
    db.session.add(obj)
    db.session.flush()
    changelog.log_change("create", obj, actor=actor, after=values(obj), reason=reason)
    return obj


def update_record(obj, data, fields, *, actor, reason=None):
    """Copy the ``fields`` present in ``data`` onto ``obj``; log the update if a value changed."""
    before = changelog.values_of(obj)
    apply(obj, data, fields)
    changelog.record_update(obj, before, actor=actor, reason=reason)
    return obj


def edit_record(model, obj_id, data, fields, *, actor, expected_version):
    """Fetch a record, refuse a stale edit, copy the ``fields`` of ``data`` and log the update."""
    obj = get_or_404(model, obj_id)
    check_version(obj, expected_version)
    return update_record(obj, data, fields, actor=actor)


def delete_record(obj, *, actor, values=changelog.values_of):
    """Log the deletion with the record's ``values`` (all a restore reads), then delete it."""
    changelog.log_change("delete", obj, actor=actor, before=values(obj))
    db.session.delete(obj)


def save_keyed_record(model, agency_id, key_field, key, data, fields, *, actor, known, unknown,
                      expected_version=None):
    """Create or update the one record an agency keeps per key (an area, a document kind).

    The inventory maintainers keep them. A key not in ``known`` is refused with the ``unknown``
    message. The first save creates the record; later saves must carry the version they read.
    """
    require_role(actor, *INVENTORY_MAINTAINERS)
    if key not in known:
        raise reference_error(key_field, unknown)
    with transaction():
        check_agency(agency_id)
        record = db.session.scalar(select(model).where(
            model.agency_id == agency_id, getattr(model, key_field) == key))
        if record is None:
            record = model(agency_id=agency_id, **{key_field: key})
            apply(record, data, fields)
            return add_record(record, actor=actor)
        check_version(record, expected_version)
        return update_record(record, data, fields, actor=actor)
