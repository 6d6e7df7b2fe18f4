"""Infrastructure architecture: data centres, intra networks and service buses."""

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from registry import models
from registry.errors import ConflictError
from registry.extensions import db
from registry.models.base import utcnow
from registry.models.text_match import nocase
from registry.services import changelog, common
from registry.services._tx import transaction
from registry.services.common import (
    apply,
    check_agency,
    check_version,
    code_taken,
    get_or_404,
    reference_error,
)

__all__ = ["check_delete_record", "create_record", "delete_record", "get_or_404",
           "list_data_centers", "list_networks", "list_service_buses", "unreached_units",
           "update_record"]
from registry.services.permissions import INVENTORY_MAINTAINERS, require_role

#: the writable fields of each kind of infrastructure record
FIELDS = {
    models.DataCenter: ("code", "name", "kind", "tier", "location", "uses_pdn", "sop_ref"),
    models.Network: ("code", "name", "connected_to_jip"),
    models.ServiceBus: ("code", "name", "connected_to_splp", "data_center_id"),
}


def _check(model, data, agency_id, *, exclude_id=None):
    if "code" in data and code_taken(model, agency_id, data["code"], exclude_id=exclude_id):
        raise reference_error("code", _("Kode sudah dipakai di instansi ini."))
    if data.get("data_center_id") is not None:
        center = db.session.get(models.DataCenter, data["data_center_id"])
        if center is None or center.agency_id != agency_id:
            raise reference_error("data_center_id", _("Pusat data tidak dikenal."))
    if data.get("unit_ids"):
        found = db.session.scalars(
            select(models.Unit).where(models.Unit.id.in_(data["unit_ids"]),
                                      models.Unit.agency_id == agency_id)
        ).all()
        if len(found) != len(set(data["unit_ids"])):
            raise reference_error("unit_ids", _("Ada OPD yang tidak dikenal di instansi ini."))
        return found
    return []


def _values(obj):
    values = changelog.values_of(obj)
    if isinstance(obj, models.Network):
        values["unit_ids"] = sorted(u.id for u in obj.units)
    return values


def create_record(model, data, *, actor):
    """Create a data centre, network or service bus of an agency."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        check_agency(data.get("agency_id"))
        units = _check(model, data, data["agency_id"])
        obj = model(agency_id=data["agency_id"])
        apply(obj, data, FIELDS[model])
        if model is models.Network:
            obj.units = units
        common.add_record(obj, actor=actor, values=_values)
    return obj


def update_record(model, obj_id, data, *, actor, expected_version):
    """Change an infrastructure record, refusing a stale edit."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        obj = get_or_404(model, obj_id)
        check_version(obj, expected_version)
        units = _check(model, data, obj.agency_id, exclude_id=obj.id)
        before = _values(obj)
        apply(obj, data, FIELDS[model])
        if model is models.Network and "unit_ids" in data:
            obj.units = units
        after = _values(obj)
        if after != before:
            obj.updated_at = utcnow()  # a membership change alone must still bump the version
            db.session.flush()
            changelog.log_change("update", obj, actor=actor, before=before, after=after)
    return obj


def check_delete_record(model, obj_id, *, actor):
    """Return the record for the delete confirmation; refuse as :func:`delete_record` would.

    A data centre that hosts an application or a service bus, and a service bus a link runs
    through, stay (409): the change log could restore them, but not the references dropped.
    """
    require_role(actor, *INVENTORY_MAINTAINERS)
    obj = get_or_404(model, obj_id)
    if model is models.DataCenter:
        used = db.session.scalar(
            select(func.count()).select_from(models.Application)
            .where(or_(models.Application.hosting_id == obj.id,
                       models.Application.backup_hosting_id == obj.id))
        ) + db.session.scalar(
            select(func.count()).select_from(models.ServiceBus)
            .where(models.ServiceBus.data_center_id == obj.id)
        )
        if used:
            raise ConflictError(
                _("Pusat data ini masih dipakai oleh %(n)s aplikasi atau service bus.", n=used)
            )
    if model is models.ServiceBus:
        used = db.session.scalar(
            select(func.count()).select_from(models.IntegrationLink)
            .where(models.IntegrationLink.service_bus_id == obj.id))
        if used:
            raise ConflictError(
                _("Service bus ini masih dilalui %(n)s tautan integrasi.", n=used))
    return obj


def delete_record(model, obj_id, *, actor):
    """Delete an infrastructure record that nothing refers to."""
    with transaction():
        common.delete_record(check_delete_record(model, obj_id, actor=actor), actor=actor,
                             values=_values)


def list_data_centers(agency_id=None):
    """Return data centres with the number of applications each hosts: (centre, count)."""
    stmt = common.with_application_count(models.DataCenter, models.Application.hosting_id).order_by(
        models.DataCenter.agency_id, nocase(models.DataCenter.name), models.DataCenter.id)
    if agency_id:
        stmt = stmt.where(models.DataCenter.agency_id == agency_id)
    return db.session.execute(stmt).all()


def list_networks(agency_id=None):
    """Return intra networks with the units they reach loaded."""
    stmt = select(models.Network).options(selectinload(models.Network.units)).order_by(
        models.Network.name
    )
    if agency_id:
        stmt = stmt.where(models.Network.agency_id == agency_id)
    return db.session.scalars(stmt).all()


def list_service_buses(agency_id=None):
    """Return service buses."""
    stmt = select(models.ServiceBus).order_by(models.ServiceBus.name)
    if agency_id:
        stmt = stmt.where(models.ServiceBus.agency_id == agency_id)
    return db.session.scalars(stmt).all()


def unreached_units(agency_id):
    """Return the agency's units that no intra network reaches (indicator 17 level 3)."""
    reached = select(models.network_units.c.unit_id)
    stmt = (
        select(models.Unit)
        .where(models.Unit.agency_id == agency_id, models.Unit.id.not_in(reached))
        .order_by(models.Unit.name)
    )
    return db.session.scalars(stmt).all()
