"""The only bridge from rows to the core: build arch_models.landscape snapshots from the database.

Plain Core selects of table columns, not ORM objects, with the garbage collector paused while
the snapshots are built: at national scale (30,000 applications, 100,000 links) this is the
difference between under a second and several seconds. The bulk tables (units, applications,
links, and which units each network reaches) go further: the driver's own tuples, enums
selected as small codes, and each snapshot made from one tuple of its fields.
"""

import gc
from collections import defaultdict
from contextlib import contextmanager

from sqlalchemy import String, case, select, type_coerce

from arch_models import landscape
from registry import models
from registry.extensions import db


def _raw(column):
    """Read an enum column as its stored string, without the Enum type's processing."""
    return type_coerce(column, String)


def _code(column, enum_class):
    """Select an enum column as the position of its member in ``enum_class``.

    The driver then hands back a small int, not a new string per row, and the loader reads the
    member from a tuple (KINDS, LIFECYCLES, ...) instead of hashing the string into a dict.
    """
    return case({member.value: i for i, member in enumerate(enum_class)}, value=_raw(column))


KINDS = tuple(landscape.AppKind)
LIFECYCLES = tuple(landscape.Lifecycle)
CHANNELS = tuple(landscape.Channel)
STATUSES = tuple(landscape.LinkStatus)
DIRECTIONS = tuple(landscape.LinkDirection)


def _where_agency(stmt, column, agency_id):
    return stmt.where(column == agency_id) if agency_id is not None else stmt


#: Build a NamedTuple snapshot straight from a tuple of its fields: the class's own __new__
#: is a Python function taking them one by one, a call per row that the bulk loaders skip.
_new = tuple.__new__


def _rows(stmt):
    """Run a Core select on the session's connection (no ORM row processing); fetch all."""
    return db.session.connection().execute(stmt).all()


def _tuples(stmt):
    """Run a Core select and fetch its rows as the driver's plain tuples, for the bulk tables.

    No Row objects and no per-column result processing, which at national scale cost more
    than the query itself. So only for ints, strings, enum codes (_code), booleans (the
    loader's bool()) and dates read with _reader().
    """
    result = db.session.connection().execute(stmt)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def _reader(column):
    """Return the function that turns the column's raw values into Python ones on this database.

    SQLite hands dates back as ISO strings, PostgreSQL as dates (nothing to do: the identity).
    """
    dialect = db.session.connection().dialect
    convert = column.type.dialect_impl(dialect).result_processor(dialect, None)
    return convert or _same


def _same(value):
    return value


@contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while many acyclic objects are made.

    Snapshots hold no reference cycles; without the pause, the collector walks the growing
    heap again and again while a national landscape is built.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_units(agency_id=None):
    """Return the unit snapshots of one agency (or all)."""
    unit = models.Unit.__table__.c
    agency_codes = dict(_rows(select(models.Agency.id, models.Agency.code)))
    stmt = select(unit.id, unit.code, unit.name, unit.agency_id, unit.acronym, unit.is_ict_unit)
    rows = _tuples(_where_agency(stmt, unit.agency_id, agency_id))
    snapshot = landscape.Unit
    return tuple(
        _new(snapshot, (id_, code, name, agency_codes[agency], acronym or "", bool(is_ict)))
        for id_, code, name, agency, acronym, is_ict in rows
    )


def load_applications(agency_id=None, *, ids=None):
    """Return the application snapshots of one agency.

    Or of all; or only those ``ids``, a list or a select of ids.
    """
    app = models.Application.__table__.c
    stmt = select(
        app.id, app.code, app.name, app.owner_unit_id, _code(app.kind, landscape.AppKind),
        _code(app.lifecycle, landscape.Lifecycle), app.acronym,
        app.reference_code, app.hosting_id, app.consulted_ict_unit_on, app.ict_controlled,
        app.last_review_on, app.review_followup, app.service_indicator,
    )
    if ids is not None:
        stmt = stmt.where(app.id.in_(ids))
    rows = _tuples(_where_agency(stmt, app.agency_id, agency_id))
    snapshot = landscape.Application
    consulted_on, reviewed_on = _reader(app.consulted_ict_unit_on), _reader(app.last_review_on)
    # the columns are selected in the order of the snapshot's fields
    return tuple(
        _new(snapshot, (id_, code, name, unit_id, KINDS[kind], LIFECYCLES[lifecycle],
                        acronym or "", reference or "", hosting_id, consulted_on(consulted),
                        bool(controlled), reviewed_on(reviewed), followup or "", service))
        for (id_, code, name, unit_id, kind, lifecycle, acronym, reference, hosting_id, consulted,
             controlled, reviewed, followup, service) in rows
    )


def load_links(agency_id=None, *, between=None):
    """Return the integration-link snapshots of one agency.

    Or of all; or only those between two of the applications ``between``, a list or a select of ids.
    """
    link = models.IntegrationLink.__table__.c
    stmt = select(link.id, link.provider_id, link.consumer_id,
                  _code(link.channel, landscape.Channel), _code(link.status, landscape.LinkStatus),
                  _code(link.direction, landscape.LinkDirection), link.data_exchanged,
                  link.protocol)
    if between is not None:
        stmt = stmt.where(link.provider_id.in_(between), link.consumer_id.in_(between))
    rows = _tuples(_where_agency(stmt, link.agency_id, agency_id))
    snapshot = landscape.IntegrationLink
    return tuple(
        _new(snapshot, (id_, provider, consumer, CHANNELS[channel], STATUSES[status],
                        DIRECTIONS[direction], data or "", protocol or ""))
        for id_, provider, consumer, channel, status, direction, data, protocol in rows
    )


def load_infrastructure(agency_id=None):
    """Return (data centres, networks, service buses) snapshots of one agency (or all)."""
    dc = models.DataCenter
    centers = tuple(
        landscape.DataCenter(id=r[0], code=r[1], name=r[2], kind=r[3], uses_pdn=bool(r[4]),
                             sop=bool((r[5] or "").strip()))
        for r in _rows(_where_agency(
            select(dc.id, dc.code, dc.name, dc.kind, dc.uses_pdn, dc.sop_ref), dc.agency_id,
            agency_id))
    )
    net = models.Network
    reach = defaultdict(set)
    reach_stmt = select(models.network_units.c.network_id, models.network_units.c.unit_id).join(
        net, net.id == models.network_units.c.network_id
    )
    for network_id, unit_id in _tuples(
        _where_agency(reach_stmt, net.agency_id, agency_id)
    ):
        reach[network_id].add(unit_id)
    networks = tuple(
        landscape.Network(id=r[0], name=r[1], unit_ids=frozenset(reach[r[0]]),
                          connected_to_jip=bool(r[2]))
        for r in _rows(_where_agency(
            select(net.id, net.name, net.connected_to_jip), net.agency_id, agency_id))
    )
    bus = models.ServiceBus
    buses = tuple(
        landscape.ServiceBus(id=r[0], name=r[1], connected_to_splp=bool(r[2]))
        for r in _rows(_where_agency(
            select(bus.id, bus.name, bus.connected_to_splp), bus.agency_id, agency_id))
    )
    return centers, networks, buses


def load_audits(agency_id=None):
    """Return the audit-record snapshots of one agency (or all)."""
    audit = models.AuditRecord.__table__.c
    stmt = select(audit.id, audit.type, audit.performed_on, audit.auditor_kind,
                  audit.object_name, audit.followed_up)
    return tuple(
        landscape.Audit(id=r[0], type=r[1], performed_on=r[2], auditor_kind=r[3],
                        object_name=r[4], followed_up=bool(r[5]))
        for r in _rows(_where_agency(stmt, audit.agency_id, agency_id))
    )


def load_landscape(agency_id=None):
    """Return everything the analysis needs about one agency (or the whole registry)."""
    with paused_gc():
        centers, networks, buses = load_infrastructure(agency_id)
        return landscape.Landscape(
            units=load_units(agency_id),
            applications=load_applications(agency_id),
            links=load_links(agency_id),
            data_centers=centers,
            networks=networks,
            service_buses=buses,
            audits=load_audits(agency_id),
        )


def load_scope(agency_id, ids):
    """Return a landscape of one agency's OPDs, the applications ``ids`` and the links between them.

    ``ids`` is a select of their ids. It is what a drawing of some applications needs, whatever the
    size of the agency (no infrastructure, no audits).
    """
    with paused_gc():
        return landscape.Landscape(
            units=load_units(agency_id),
            applications=load_applications(agency_id, ids=ids),
            links=load_links(agency_id, between=ids),
        )
