"""The agency's light catalogues of the national reference architecture (RAB, RAL, RAD, RAK...)."""

from flask_babel import gettext as _
from sqlalchemy import func, select

from arch_models.errors import InvalidReferenceCodeError
from arch_models.refcodes import PREFIXES, normalise_reference_code
from registry import models
from registry.extensions import db
from registry.services._tx import transaction
from registry.services.common import (
    add_record,
    apply,
    check_agency,
    check_version,
    code_taken,
    delete_record,
    get_or_404,
    reference_error,
    update_record,
)
from registry.services.permissions import INVENTORY_MAINTAINERS, require_role

ENTRY_FIELDS = ("code", "name", "description")


def list_entries(agency_id, prefix=None):
    """Return the catalogue entries of an agency, by code."""
    entry = models.ReferenceEntry
    stmt = select(entry).where(entry.agency_id == agency_id).order_by(entry.code)
    if prefix:
        stmt = stmt.where(entry.code.startswith(prefix + "."))
    return db.session.scalars(stmt).all()


def counts_by_prefix(agency_id):
    """Return how many catalogue entries each reference architecture has (all six listed)."""
    entry = models.ReferenceEntry
    prefix = func.substr(entry.code, 1, 3)
    found = dict(db.session.execute(
        select(prefix, func.count()).where(entry.agency_id == agency_id).group_by(prefix)).all())
    return {p: found.get(p, 0) for p in PREFIXES}


def _normalised(data, agency_id, exclude_id=None):
    if "code" in data:
        try:
            data["code"] = normalise_reference_code(data["code"])
        except InvalidReferenceCodeError as error:
            raise reference_error("code", str(error)) from error
        if code_taken(models.ReferenceEntry, agency_id, data["code"], exclude_id=exclude_id):
            raise reference_error("code", _("Kode sudah ada di katalog."))
    return data


def create_entry(data, *, actor):
    """Add a code to the agency's catalogue."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        check_agency(data.get("agency_id"))
        data = _normalised(dict(data), data["agency_id"])
        entry = models.ReferenceEntry(agency_id=data["agency_id"])
        apply(entry, data, ENTRY_FIELDS)
        add_record(entry, actor=actor)
    return entry


def update_entry(entry_id, data, *, actor, expected_version):
    """Change a catalogue entry, refusing a stale edit."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        entry = get_or_404(models.ReferenceEntry, entry_id)
        check_version(entry, expected_version)
        data = _normalised(dict(data), entry.agency_id, exclude_id=entry.id)
        update_record(entry, data, ENTRY_FIELDS, actor=actor)
    return entry


def check_delete_entry(entry_id, *, actor):
    """Return the catalogue entry for the delete confirmation; refuse as the delete would."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    return get_or_404(models.ReferenceEntry, entry_id)


def delete_entry(entry_id, *, actor):
    """Remove a code from the catalogue."""
    with transaction():
        delete_record(check_delete_entry(entry_id, actor=actor), actor=actor)
