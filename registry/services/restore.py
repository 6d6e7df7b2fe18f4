"""Restore what a delete or a retirement ended, from its change-log entry, exactly as it was.

A delete entry's ``before`` holds every column of the record, with its creation time and lock
counter (:func:`changelog.restore_keys`); an application's retirement names the links it ended
and the status each had. A restore writes those values back: the record under the same id, the
links re-activated. What can no longer come back exactly is refused (409): a record changed
since, a code another record took, a record it points at that is gone. The restore is logged
like any write, with the reason its author gave and the entry it undid.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import JSON, Date, DateTime, Enum, Float, Numeric, func, inspect, select, update
from sqlalchemy.types import TypeDecorator

from arch_models.landscape import Lifecycle, LinkStatus
from registry import models
from registry.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailedError,
)
from registry.extensions import db
from registry.labels import label
from registry.models.text_match import same_code
from registry.services import changelog, integrations, management
from registry.services._tx import transaction
from registry.services.inventory import RETIRED_LINKS
from registry.services.permissions import (
    INVENTORY_MAINTAINERS,
    can_write_for_unit,
    can_write_inventory,
)

logger = logging.getLogger(__name__)

#: the key of a restore's change-log entry that names the entry it undid
RESTORED_FROM = "restored_from"
#: the longest reason a restore keeps
REASON_MAX = 2000


@dataclass(frozen=True)
class _Deletable:
    """A kind of record whose delete can be restored."""

    model: type
    #: columns unique within the agency, compared as codes are (whatever the case)
    codes: tuple = ()
    #: the value naming the OPD whose writers may delete it; None: the maintainers only
    unit_key: str | None = None


DELETABLE = {
    "applications": _Deletable(models.Application, codes=("code",)),
    "data_centers": _Deletable(models.DataCenter, codes=("code",)),
    "networks": _Deletable(models.Network, codes=("code",)),
    "service_buses": _Deletable(models.ServiceBus, codes=("code",)),
    "audit_records": _Deletable(models.AuditRecord),
    "application_reviews": _Deletable(models.ApplicationReview),
    "reference_entries": _Deletable(models.ReferenceEntry, codes=("code",)),
    "staff_certificates": _Deletable(models.StaffCertificate, unit_key="unit_id"),
}
#: records a retirement ends, and the column that says so
RETIRABLE = {"applications": (models.Application, "lifecycle", Lifecycle.RETIRED.value),
             "integration_links": (models.IntegrationLink, "status", LinkStatus.RETIRED.value)}
#: what a network's entry keeps beyond its columns: the OPDs it reaches
NETWORK_UNITS = "unit_ids"


@dataclass(frozen=True)
class RestorePlan:
    """What restoring a change-log entry would bring back, or why it cannot."""

    entry: models.ChangeLog
    #: "delete" or "retire"
    kind: str
    #: the links a retirement ended: (link, the status it returns to)
    links: list
    #: why the entry can no longer be restored exactly (the restore answers 409), or None
    refusal: str | None


def kind_of(entry):
    """Return "delete" or "retire" when the entry is a change a restore can undo, else None."""
    if entry.action == models.ChangeAction.DELETE:
        return "delete" if entry.object_type in DELETABLE and entry.before else None
    if entry.action == models.ChangeAction.UPDATE and entry.object_type in RETIRABLE:
        _model, column, retired = RETIRABLE[entry.object_type]
        before, after = entry.before or {}, entry.after or {}
        if after.get(column) != retired or before.get(column) in (None, retired):
            return None
        if entry.object_type == "applications" and RETIRED_LINKS not in before:
            return None  # logged before retirements named their links: not exactly restorable
        return "retire"
    return None


def plan_restore(entry_id, *, actor):
    """Return the :class:`RestorePlan` of an entry for the restore page.

    :raises NotFoundError: no such entry, or nothing in it to restore
    :raises PermissionDeniedError: the actor may not write the record
    """
    entry, kind = _undoable(entry_id)
    _require_may_restore(entry, kind, actor)
    links = _ended_links(entry) if kind == "retire" else []
    return RestorePlan(entry, kind, links, _refusal(entry, kind))


def restore_change(entry_id, *, actor, reason):
    """Undo a delete or a retirement from its change-log entry; return the record restored.

    :raises ValidationFailedError: no reason given
    :raises ConflictError: the record can no longer come back exactly as it was
    """
    reason = (reason or "").strip()
    with transaction():
        entry, kind = _undoable(entry_id)
        _require_may_restore(entry, kind, actor)
        if not reason:
            message = _("Tuliskan alasan pemulihan.")
            raise ValidationFailedError(message, errors={"reason": [message]})
        if len(reason) > REASON_MAX:
            message = _("Alasan paling banyak %(n)s karakter.", n=REASON_MAX)
            raise ValidationFailedError(message, errors={"reason": [message]})
        if (refusal := _refusal(entry, kind)) is not None:
            raise ConflictError(refusal)
        if kind == "delete":
            record = _restore_deleted(entry, actor=actor, reason=reason)
        else:
            record = _restore_retired(entry, actor=actor, reason=reason)
    logger.info("restored %s #%s from change %s by %s", entry.object_type, entry.object_id,
                entry.id, changelog.actor_label(actor))
    return record


def restorable_ids(entries, actor):
    """Return the ids of the entries the actor may restore now, for a page of the log.

    A few queries for the whole page: the entry must still be the newest of its record (and a
    deleted record still absent, its code still free: one query per deleted record shown); the
    restore page checks the rest before it offers the button.
    """
    if actor is None or not can_write_inventory(actor):
        return set()
    candidates = [(entry, kind) for entry in entries if (kind := kind_of(entry))]
    if not candidates:
        return set()
    newest = _newest_ids({(e.object_type, e.object_id) for e, _kind in candidates})
    present = _present_ids({(e.object_type, e.object_id) for e, kind in candidates
                            if kind == "delete"})
    owners = _owner_units([e for e, _kind in candidates if e.object_type == "integration_links"],
                          actor)
    found = set()
    for entry, kind in candidates:
        if newest.get((entry.object_type, entry.object_id)) != entry.id:
            continue
        if kind == "delete" and (entry.object_type, entry.object_id) in present:
            continue
        if kind == "delete" and _value_conflict(DELETABLE[entry.object_type].model, entry.before,
                                                codes=DELETABLE[entry.object_type].codes):
            continue  # a new record took its code (on SQLite it may also take its id)
        if _permission_error(entry, kind, actor, owners.get) is None:
            found.add(entry.id)
    return found


# --- which entry, and who may ---------------------------------------------------------------


def _undoable(entry_id):
    entry = db.session.get(models.ChangeLog, entry_id)
    kind = kind_of(entry) if entry is not None else None
    if kind is None:
        raise NotFoundError(_("Tidak ada yang dapat dipulihkan dari perubahan ini."))
    return entry, kind


def _require_may_restore(entry, kind, actor):
    def owner_of(app_id):
        app = db.session.get(models.Application, app_id)
        return app.owner_unit_id if app is not None else None

    if (message := _permission_error(entry, kind, actor, owner_of)) is not None:
        raise PermissionDeniedError(message)


def _permission_error(entry, kind, actor, owner_of):
    """Say why the actor may not restore the entry, or None.

    Who may undo an action is who may do it (a delete of most records is for architects and admins).
    """
    if actor is None:
        return None
    values = entry.before if kind == "delete" else entry.after
    if kind == "delete":
        unit_key = DELETABLE[entry.object_type].unit_key
        if unit_key is None:
            if actor.role in INVENTORY_MAINTAINERS:
                return None
            return _("Hanya arsitek dan admin yang dapat memulihkan data yang dihapus ini.")
        units = [values.get(unit_key)]
    elif entry.object_type == "applications":
        units = [owner_of(entry.object_id) or values.get("owner_unit_id")]
    else:
        units = [owner_of(values.get("provider_id")), owner_of(values.get("consumer_id"))]
    if all(can_write_for_unit(actor, unit_id) for unit_id in units):
        return None
    return _("Anda hanya dapat memulihkan data yang boleh Anda ubah: milik OPD Anda sendiri.")


# --- what stands in the way -----------------------------------------------------------------


def _refusal(entry, kind):
    """Say why the entry can no longer be restored exactly, or None."""
    what = label("object_type", entry.object_type)
    if kind == "delete":
        spec = DELETABLE[entry.object_type]
        present = db.session.get(spec.model, entry.object_id)
        if present is not None and _restored_already(entry):
            return _("%(what)s ini sudah dipulihkan.", what=what)
        if (conflict := _value_conflict(spec.model, entry.before, codes=spec.codes)) is not None:
            return conflict
        if present is not None:  # SQLite gives the highest id again to the next new row
            return _("%(what)s ini tidak dapat kembali dengan nomor datanya: nomor itu kini "
                     "dipakai %(name)s.", what=what, name=str(present))
        if _newest_id(entry) != entry.id:
            return _("%(what)s ini dipulihkan lalu diubah lagi sesudah perubahan ini; "
                     "pulihkan dari perubahan terbarunya.", what=what)
        return None
    model = RETIRABLE[entry.object_type][0]
    record = db.session.get(model, entry.object_id)
    if record is None:
        return _("%(what)s ini sudah dihapus.", what=what)
    if not _unchanged_since(record, entry):
        return _("%(what)s ini diubah lagi sesudah dipensiunkan, jadi tidak dapat dipulihkan "
                 "persis seperti semula. Ubah datanya lewat formulir.", what=what)
    if entry.object_type == "integration_links":
        return _link_conflict(record, _values_without_extras(entry.before))
    codes = DELETABLE["applications"].codes
    if (conflict := _value_conflict(model, _values_without_extras(entry.before),
                                    codes=codes, exclude_id=record.id)) is not None:
        return conflict
    return _links_conflict(entry)


def _restored_already(entry):
    """Tell whether a later change of the record is a restore of this entry."""
    change = models.ChangeLog
    later = db.session.scalars(select(change).where(
        change.object_type == entry.object_type, change.object_id == entry.object_id,
        change.id > entry.id))
    return any((c.after or {}).get(RESTORED_FROM) == entry.id for c in later)


def _unchanged_since(record, entry):
    """Tell whether the record is as the entry left it (the entry is its newest change)."""
    return (_newest_id(entry) == entry.id
            and changelog.values_of(record) == _values_without_extras(entry.after))


def _values_without_extras(values):
    return {k: v for k, v in (values or {}).items()
            if k not in (RETIRED_LINKS, RESTORED_FROM, NETWORK_UNITS)}


def _value_conflict(model, values, *, codes=(), exclude_id=None):
    """Say which value of a record to restore clashes now: a code taken, a reference gone."""
    for key in codes:
        if not values.get(key):
            continue
        stmt = select(model).where(model.agency_id == values.get("agency_id"),
                                   same_code(getattr(model, key), values[key]))
        if exclude_id is not None:
            stmt = stmt.where(model.id != exclude_id)
        if (other := db.session.scalars(stmt).first()) is not None:
            return _("Kode %(code)s kini dipakai %(name)s; ubah kode itu dulu bila data ini perlu "
                     "kembali.", code=values[key], name=str(other))
    for attr in inspect(model).column_attrs:
        column = attr.columns[0]
        value = values.get(attr.key)
        if value is None or not column.foreign_keys:
            continue
        referred = next(iter(column.foreign_keys)).column
        if db.session.scalar(select(func.count()).select_from(referred.table)
                             .where(referred == value)) == 0:
            return _("%(field)s yang dirujuk data ini sudah tidak ada.",
                     field=label("field", attr.key))
    unit_ids = values.get(NETWORK_UNITS) or []
    if unit_ids and len(_units(unit_ids)) != len(set(unit_ids)):
        return _("Ada OPD yang dijangkau jaringan ini yang sudah dihapus.")
    return None


def _ended_links(entry):
    """Return the links an application's retirement ended: (link, status it returns to)."""
    items = (entry.before or {}).get(RETIRED_LINKS) or []
    links = {link.id: link for link in db.session.scalars(
        select(models.IntegrationLink).where(
            models.IntegrationLink.id.in_([item["id"] for item in items])))}
    return [(links[item["id"]], LinkStatus(item["status"]))
            for item in items if item["id"] in links]


def _links_conflict(entry):
    """Say which link of a retirement cannot return as it was, or None."""
    items = (entry.before or {}).get(RETIRED_LINKS) or []
    ended = dict((link.id, link) for link, _status in _ended_links(entry))
    newest = _newest_ids({("integration_links", item["id"]) for item in items})
    for item in items:
        link = ended.get(item["id"])
        if link is None:
            return _("Salah satu tautan integrasinya sudah dihapus.")
        last = db.session.get(models.ChangeLog, newest.get(("integration_links", link.id)))
        if (last is None or kind_of(last) != "retire"
                or changelog.values_of(link) != _values_without_extras(last.after)):
            return _("Tautan %(link)s diubah sesudah dipensiunkan, jadi tidak dapat diaktifkan "
                     "kembali persis seperti semula.", link=str(link))
        app_id = entry.object_id
        partner = link.consumer if link.provider_id == app_id else link.provider
        if partner.lifecycle == Lifecycle.RETIRED:
            return _("%(name)s, mitra tautan %(link)s, kini sudah pensiun; pulihkan %(name)s "
                     "dulu.", name=partner.name, link=str(link))
    return None


def _link_conflict(link, values):
    """Say why a retired link cannot be active (or proposed) again with these values, or None."""
    try:
        integrations.check_link_rules(changelog.values_of(link) | values, exclude_id=link.id)
    except ValidationFailedError as error:
        messages = [m for field in error.errors.values() for m in field]
        return " ".join(messages) or error.message
    return None


# --- the writes -----------------------------------------------------------------------------


def _restore_deleted(entry, *, actor, reason):
    spec = DELETABLE[entry.object_type]
    before = entry.before
    record = spec.model()
    _assign(record, before, with_id=True)
    if NETWORK_UNITS in before:
        record.units = _units(before[NETWORK_UNITS])
    db.session.add(record)
    db.session.flush()
    if before.get("version") is not None:
        # The ORM numbers a new row 1; the restored one continues its own count, so an edit form
        # opened before the delete is refused as stale rather than silently applied.
        table = spec.model.__table__
        db.session.execute(update(table).where(table.c.id == record.id)
                           .values(version=before["version"] + 1))
        db.session.refresh(record)
    after = changelog.values_of(record)
    if NETWORK_UNITS in before:
        after[NETWORK_UNITS] = sorted(u.id for u in record.units)
    changelog.log_change("create", record, actor=actor, after=after | {RESTORED_FROM: entry.id},
                         reason=reason)
    if isinstance(record, models.ApplicationReview):
        management.sync_last_review(record.application, actor=actor)
    return record


def _restore_retired(entry, *, actor, reason):
    model = RETIRABLE[entry.object_type][0]
    record = db.session.get(model, entry.object_id)
    old = changelog.values_of(record)
    _assign(record, _values_without_extras(entry.before))
    db.session.flush()
    if entry.object_type == "integration_links":
        changelog.log_change("update", record, actor=actor, before=old,
                             after=changelog.values_of(record) | {RESTORED_FROM: entry.id},
                             reason=reason)
        return record
    ended, back = [], []
    newest = _newest_ids({("integration_links", link.id) for link, _s in _ended_links(entry)})
    for link, _status in _ended_links(entry):
        last = db.session.get(models.ChangeLog, newest[("integration_links", link.id)])
        link_old = changelog.values_of(link)
        _assign(link, _values_without_extras(last.before))
        if (conflict := _link_conflict(link, {})) is not None:
            raise ConflictError(conflict)
        db.session.flush()
        changelog.log_change("update", link, actor=actor, before=link_old,
                             after=changelog.values_of(link) | {RESTORED_FROM: entry.id},
                             reason=reason)
        ended.append({"id": link.id, "status": link_old["status"]})
        back.append({"id": link.id, "status": link.status.value})
    changelog.log_change("update", record, actor=actor, before=old | {RETIRED_LINKS: ended},
                         after=changelog.values_of(record)
                         | {RETIRED_LINKS: back, RESTORED_FROM: entry.id},
                         reason=reason)
    return record


def _assign(record, values, *, with_id=False):
    """Set the record's columns from logged values (JSON back to dates, enums, decimals)."""
    for attr in inspect(type(record)).column_attrs:
        key = attr.key
        if key not in values or key in ("updated_at", "version") or (key == "id" and not with_id):
            continue
        setattr(record, key, _from_json(attr.columns[0].type, values[key]))


def _from_json(column_type, value):
    """Return a logged value as the column holds it (the inverse of ``changelog.jsonable``)."""
    if value is None:
        return None
    kind = column_type.impl if isinstance(column_type, TypeDecorator) else column_type
    if isinstance(column_type, Enum) and column_type.enum_class is not None:
        return column_type.enum_class(value)
    if isinstance(kind, JSON):
        return value
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Numeric) and not isinstance(kind, Float) and kind.asdecimal:
        return Decimal(value)
    return value


# --- small queries --------------------------------------------------------------------------


def _newest_id(entry):
    return _newest_ids({(entry.object_type, entry.object_id)}).get(
        (entry.object_type, entry.object_id))


def _newest_ids(keys):
    """Return {(object_type, object_id): id of its newest change}: one query per kind."""
    by_type = defaultdict(set)
    for object_type, object_id in keys:
        by_type[object_type].add(object_id)
    change = models.ChangeLog
    newest = {}
    for object_type, ids in by_type.items():
        rows = db.session.execute(
            select(change.object_id, func.max(change.id))
            .where(change.object_type == object_type, change.object_id.in_(ids))
            .group_by(change.object_id))
        newest.update({(object_type, object_id): last for object_id, last in rows})
    return newest


def _present_ids(keys):
    """Return the (object_type, id) pairs whose record exists now: one query per kind."""
    by_type = defaultdict(set)
    for object_type, object_id in keys:
        by_type[object_type].add(object_id)
    present = set()
    for object_type, ids in by_type.items():
        model = DELETABLE[object_type].model
        present.update((object_type, i) for i in db.session.scalars(
            select(model.id).where(model.id.in_(ids))))
    return present


def _owner_units(link_entries, actor):
    """Return {application id: owner unit id} of the links' applications (operators only)."""
    if actor is None or actor.role in INVENTORY_MAINTAINERS or not link_entries:
        return {}
    ids = {(e.after or {}).get(key) for e in link_entries for key in ("provider_id", "consumer_id")}
    app = models.Application
    return dict(db.session.execute(select(app.id, app.owner_unit_id).where(app.id.in_(ids))).all())


def _units(unit_ids):
    return db.session.scalars(select(models.Unit).where(models.Unit.id.in_(unit_ids))).all()
