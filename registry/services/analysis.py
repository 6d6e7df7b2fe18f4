"""Read models of the integration analysis: graph JSON, blockers, and cached diagrams."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import and_, false, func, select, union
from sqlalchemy.orm import aliased

from arch_models import blockers as blocker_rules
from arch_models import diagrams, graph
from arch_models.errors import DiagramRenderError
from arch_models.landscape import Channel, Lifecycle, LinkStatus
from registry import models
from registry.clock import local_today
from registry.converters import MAX_ID
from registry.errors import NotFoundError, ValidationFailedError
from registry.extensions import db
from registry.models.text_match import same_code
from registry.services import diagram_cache, instruments, organisation
from registry.snapshots import load_landscape, load_scope, load_units, paused_gc

DIAGRAM_KINDS = ("landscape", "opd", "app", "blockers")
#: applications drawn one by one at most; past it the landscape is drawn per OPD
MAX_DIAGRAM_NODES = 150
#: ids passed to the database as a list at most (far below SQLite's 32,766 parameters)
_ID_LIST_LIMIT = 5000


@dataclass(frozen=True)
class BlockerReport:
    """The blockers of one agency, summarised and grouped for the page and the API.

    They are read for the instrument of one evaluation year.
    """

    agency: models.Agency
    as_of: date
    blockers: list
    summary: list
    by_unit: dict
    units: dict
    year: int = 0
    instrument: object = None  #: arch_models.reference.instrument.Instrument
    #: the snapshots the blockers were found in, so the page draws them without reloading
    landscape: object = field(default=None, repr=False, compare=False)

    def indicator_name(self, number):
        """Return an indicator's name in the instrument read for ("" if it has none)."""
        try:
            return self.instrument.indicator(number).name
        except KeyError:
            return ""


def resolve_agency(agency_id=None, agency_code=None):
    """Return the agency asked for (by id or code), or the default one."""
    if agency_code:
        agency = db.session.scalar(select(models.Agency).where(
            same_code(models.Agency.code, agency_code)))
    elif agency_id:
        # an id past what the database stores is no agency (not an overflow error)
        agency = db.session.get(models.Agency, agency_id) \
            if 0 < agency_id <= MAX_ID else None
    else:
        agency = organisation.default_agency()
    if agency is None:
        raise NotFoundError("Instansi tidak ditemukan.")
    return agency


def blocker_report(agency, *, as_of=None, year=None):
    """Find what stands between the agency (None: every agency) and level 5.

    It is read for the instrument of ``year`` (default: the year of ``as_of``, else this year).
    """
    as_of = as_of or local_today()
    year = year or as_of.year
    used = instruments.for_agency_year(agency.id if agency is not None else None, year)
    land = load_landscape(agency.id if agency is not None else None)
    with paused_gc():
        # Audits are judged per agency; a landscape of every agency would pool them.
        found = blocker_rules.find_blockers(land, as_of=as_of, audits=agency is not None,
                                            targets=used.blocker_targets)
        names = {i.number: i.name for i in used.indicators}
        return BlockerReport(
            agency=agency, as_of=as_of, blockers=found,
            summary=blocker_rules.summarise(found, used.summary_indicators, names),
            by_unit=blocker_rules.blockers_by_unit(found), units={u.id: u for u in land.units},
            year=year, instrument=used, landscape=land,
        )


#: blockers listed per indicator on the page (the API, the CLI and the downloads give all)
BLOCKERS_SHOWN = 100


@dataclass(frozen=True)
class BlockerTables:
    """The blockers page's tables, grouped here rather than in the template.

    Per OPD its count per indicator, per indicator its first BLOCKERS_SHOWN blockers and how many.
    """

    units: list  #: (unit id, blockers, [(indicator, blockers)]), by unit id
    indicators: list  #: (indicator, blockers, [the first BLOCKERS_SHOWN]), by indicator


def blockers_shown(report, *, unit_id=None, indicator=None, level=None):
    """Return the report's blockers of one OPD and/or one indicator (None: all).

    With ``level`` only those holding an indicator at that level or below (what an indicator's
    explanation counts): the one definition behind every count of the blockers page.
    """
    shown = report.by_unit.get(unit_id, []) if unit_id else report.blockers
    if indicator is not None:
        shown = [b for b in shown if b.indicator == indicator]
    if level is not None:
        shown = [b for b in shown if b.caps_at <= level]
    return shown


def blocker_summary(report, *, unit_id=None):
    """Return the indicator cards of the report, of one OPD when ``unit_id`` is given."""
    if not unit_id:
        return report.summary
    names = {i.number: i.name for i in report.instrument.indicators}
    return blocker_rules.summarise(blockers_shown(report, unit_id=unit_id),
                                   report.instrument.summary_indicators, names)


@dataclass(frozen=True)
class Lift:
    """One indicator's quickest step up: the records whose fix lifts it a level or more."""

    indicator: int
    name: str
    level: int  #: the level the indicator is capped at now
    reaches: int  #: the level it reaches once these records are fixed
    blockers: list  #: the records capping it at ``level`` (with reason and fix)

    @property
    def per_record(self):
        """Levels gained per record fixed: the ranking key (fewest fixes per level first)."""
        return (self.reaches - self.level) / max(1, len(self.blockers))


def quickest_lifts(report, *, unit_id=None, limit=5):
    """Rank the indicators below level 5 by how few records must change to lift each.

    For each, the records capping it at its current maximum are the ones to fix; fixing them
    lifts it to the next lowest cap among the rest (5 when none). Fewest fixes per level
    gained first.
    """
    grouped = defaultdict(list)
    for blocker in blockers_shown(report, unit_id=unit_id):
        grouped[blocker.indicator].append(blocker)
    lifts = []
    for indicator, found in grouped.items():
        level = min(b.caps_at for b in found)
        capping = [b for b in found if b.caps_at == level]
        reaches = min((b.caps_at for b in found if b.caps_at > level), default=5)
        lifts.append(Lift(indicator, report.indicator_name(indicator), level, reaches,
                          capping))
    lifts.sort(key=lambda lift: (-lift.per_record, lift.indicator))
    return lifts[:limit]


def blocker_counts_by_unit(report):
    """Return {unit id: {indicator: blockers}} of a report (what the scorecard shows)."""
    return {key: dict(sorted(Counter(b.indicator for b in items).items()))
            for key, items in report.by_unit.items()}


def blocker_tables(report, *, unit_id=None, indicator=None, level=None,
                   limit=BLOCKERS_SHOWN):
    """Group a report's blockers for the page, all of them or one OPD's.

    Or one indicator's, or those holding at ``level`` or below.
    """
    units = []
    for key in sorted(report.by_unit):
        if unit_id and key != unit_id:
            continue
        items = blockers_shown(report, unit_id=key, indicator=indicator, level=level)
        if items or (indicator is None and level is None):
            units.append((key, len(items), sorted(Counter(b.indicator for b in items).items())))
    shown = blockers_shown(report, unit_id=unit_id, indicator=indicator, level=level)
    grouped = defaultdict(list)
    for blocker in shown:
        grouped[blocker.indicator].append(blocker)
    indicators = [(indicator, len(items), items[:limit])
                  for indicator, items in sorted(grouped.items())]
    return BlockerTables(units=units, indicators=indicators)


#: what the blockers diagram draws: the records of the quickest lifts (the page's default:
#: a province's whole landscape is a tangle), every application that blocks, or every one
BLOCKER_VIEWS = ("top", "blocking", "all")
#: blockers of each lift the page names (and the "top" diagram draws)
LIFT_BLOCKERS_SHOWN = 5


def lift_applications(report, lifts):
    """Return the ids of the applications the lifts name.

    A blocked application, or both ends of a blocked link (the records the page lists,
    LIFT_BLOCKERS_SHOWN per lift).
    """
    ends = {link.id: (link.provider_id, link.consumer_id) for link in report.landscape.links}
    apps = set()
    for lift in lifts:
        for blocker in lift.blockers[:LIFT_BLOCKERS_SHOWN]:
            if blocker.subject_kind == "application":
                apps.add(blocker.subject_id)
            elif blocker.subject_kind == "link":
                apps.update(ends.get(blocker.subject_id, ()))
    return apps


def blockers_diagram(report, *, unit_id=None, show="all", url_for_app=None,
                     url_for_unit=None, max_nodes=MAX_DIAGRAM_NODES, locale=None):
    """Draw a report's blockers red and green (the blockers diagram of build_diagram).

    It draws from the landscape the report already read, instead of reading and judging the agency
    again.

    ``show`` is one of BLOCKER_VIEWS; the tooltips' reasons are in ``locale``'s language
    (the cache is keyed by the drawing's source, so each language is its own entry).
    """
    if show not in BLOCKER_VIEWS:
        raise ValidationFailedError(errors={"show": [
            _("Pilih salah satu dari: %(choices)s.", choices=", ".join(BLOCKER_VIEWS))]})
    app_ids = (lift_applications(report, quickest_lifts(report, unit_id=unit_id))
               if show == "top" else None)
    return diagrams.build_blockers(report.landscape, report.blockers, url_for_app=url_for_app,
                                   url_for_unit=url_for_unit,
                                   unit_ids=[unit_id] if unit_id else None,
                                   only_blockers=show == "blocking", app_ids=app_ids,
                                   max_nodes=max_nodes, locale=locale)


def graph_data(agency, *, channels=None, statuses=(LinkStatus.ACTIVE,), unit_id=None):
    """Return the integration graph as JSON-ready nodes and edges, with its key figures."""
    land = load_landscape(agency.id)
    own = {a.id for a in land.applications if unit_id is None or a.unit_id == unit_id}
    touching = [link for link in land.links if own & {link.provider_id, link.consumer_id}]
    ids = own | {x for link in touching for x in (link.provider_id, link.consumer_id)}
    apps = [a for a in land.applications if a.id in ids]
    g = graph.build_integration_graph(land, statuses=statuses, include_hyperlinks=True)
    integrated = graph.integrated_through_bus(land)
    nodes = [
        {"id": a.id, "code": a.code, "name": a.name, "unit_id": a.unit_id,
         "kind": a.kind.value, "lifecycle": a.lifecycle.value,
         "integrated": a.id in integrated, "degree": g.degree(a.id)}
        for a in sorted(apps, key=lambda a: a.id)
    ]
    edges = [
        {"id": link.id, "provider_id": link.provider_id, "consumer_id": link.consumer_id,
         "channel": link.channel.value, "status": link.status.value,
         "direction": link.direction.value}
        for link in sorted(land.links, key=lambda x: x.id)
        if link.status in statuses and (not channels or link.channel in channels)
        and link.provider_id in ids and link.consumer_id in ids
    ]
    data_graph = graph.build_integration_graph(land, statuses=statuses)
    return {
        "agency": agency.code,
        "nodes": nodes,
        "edges": edges,
        "components": len(graph.components(data_graph)),
        # of the applications shown: an OPD's view counts its own isolated applications
        "isolated": [i for i in graph.isolated_applications(land, data_graph) if i in own],
        "hubs": [{"id": h.app_id, "degree": h.degree, "betweenness": h.betweenness}
                 for h in graph.hubs(data_graph, top=10)],
    }


def build_diagram(agency, kind, *, target=None, depth=1, unit_id=None, channels=None,
                  statuses=(LinkStatus.ACTIVE,), show="all", url_for_app=None,
                  url_for_unit=None, max_nodes=MAX_DIAGRAM_NODES, year=None):
    """Build the DOT of one diagram kind for an agency.

    Blockers are read for ``year``'s instrument, default this year.
    """
    if kind not in DIAGRAM_KINDS:
        raise ValidationFailedError(errors={"kind": [f"Pilih salah satu dari {DIAGRAM_KINDS}."]})
    common = {"url_for_app": url_for_app}
    if kind == "app":
        return _neighbourhood(agency, target, depth=depth, statuses=statuses, **common)
    if kind == "blockers":
        return blockers_diagram(blocker_report(agency, year=year), unit_id=unit_id,
                                show=show, url_for_unit=url_for_unit,
                                max_nodes=max_nodes, **common)
    if kind == "opd":
        if target is None or not db.session.scalar(select(models.Unit.id).where(
                models.Unit.id == target, models.Unit.agency_id == agency.id)):
            raise ValidationFailedError(errors={"target": ["OPD tidak dikenal."]})
        unit_id = target
    return graph_view(agency, unit_id=unit_id, channels=channels, statuses=statuses,
                      url_for_unit=url_for_unit, max_nodes=max_nodes, **common).dot


@dataclass(frozen=True)
class GraphFigures:
    """The key figures of the integration graph page, counted in the database."""

    applications: int  #: in the view: the OPD's own and their partners (any link status)
    links: int  #: active links between them, hyperlinks included
    isolated: int  #: the view's own live applications with no active data exchange


@dataclass(frozen=True)
class GraphView:
    """The integration map of an agency or one OPD: its diagram and how it was drawn."""

    dot: object
    drawn: int  #: applications in the drawing's scope
    aggregated: bool  #: past ``max_nodes``: one node per OPD instead of one per application
    max_nodes: int


def graph_view(agency, *, unit_id=None, channels=None, statuses=(LinkStatus.ACTIVE,),
               url_for_app=None, url_for_unit=None, max_nodes=MAX_DIAGRAM_NODES):
    """Draw the integration map of an agency, or of one OPD with its partners.

    The work done is bounded by what is drawn.

    Past ``max_nodes`` applications the map is one node per OPD, counted by the database
    (GROUP BY), so no application row is loaded; below it only the applications drawn and
    the links between them are loaded. Either way the DOT is the one the core draws from the
    whole landscape (diagrams.build_landscape and build_unit), so cached renders still match.
    """
    app = models.Application
    unit_id = unit_id or None
    drawn = _drawn_clause(agency.id, unit_id)
    count = db.session.scalar(select(func.count()).select_from(app).where(drawn(app)))
    if count > max_nodes:
        units = {u.id: u for u in load_units(agency.id)}
        dot = diagrams.build_aggregate(
            units, _count_by_unit(drawn),
            _links_by_unit_pair(None if unit_id else agency.id, drawn, channels, statuses),
            url_for_unit=url_for_unit)
    else:
        ids = db.session.scalars(select(app.id).where(drawn(app))).all()  # max_nodes at most
        dot = diagrams.build_landscape(load_scope(agency.id, ids), url_for_app=url_for_app,
                                       url_for_unit=url_for_unit, channels=channels,
                                       statuses=statuses, max_nodes=max_nodes)
    return GraphView(dot=dot, drawn=count, aggregated=count > max_nodes, max_nodes=max_nodes)


def _own(agency_id, unit_id):
    """Select one OPD's applications, none when the OPD is not the agency's.

    By their owner alone (the OPD is checked here), so the database reads them through the
    owner's index instead of every application of the agency.
    """
    app = models.Application
    unit = db.session.get(models.Unit, unit_id) if 0 < unit_id <= MAX_ID else None
    if unit is None or unit.agency_id != agency_id:
        return select(app.id).where(false())
    return select(app.id).where(app.owner_unit_id == unit_id)


def _partners(own, statuses=None):
    """Select the applications at the other end of the links touching ``own``.

    ``own`` is a select of application ids; the links are of any status or of ``statuses``: two
    selects to union.

    No agency filter: a link joins two applications of one agency, and filtering by agency
    would make the database walk the agency's links rather than look up those of ``own``.
    """
    link = models.IntegrationLink
    where = [link.status.in_(statuses)] if statuses else []
    return (select(link.consumer_id).where(*where, link.provider_id.in_(own)),
            select(link.provider_id).where(*where, link.consumer_id.in_(own)))


def _scope(agency_id, unit_id, statuses=None):
    """Select one OPD's applications and their partners as one id set; None for a whole agency.

    Partners through links of ``statuses``, or of any status; the database probes the set by primary
    key.
    """
    if unit_id is None:
        return None
    own = _own(agency_id, unit_id)
    return union(own, *_partners(own, statuses))


def _drawn_clause(agency_id, unit_id):
    """Return a function giving the condition of being drawn, for an (aliased) application table.

    Drawn are the agency's live applications, or one OPD's and those its active links reach (as
    diagrams.build_unit picks them).
    """
    scope = _scope(agency_id, unit_id, (LinkStatus.ACTIVE,))

    def drawn(app):
        live = app.lifecycle != Lifecycle.RETIRED
        return and_(app.agency_id == agency_id, live) if scope is None \
            else and_(app.id.in_(scope), live)

    return drawn


def _count_by_unit(drawn):
    app = models.Application
    return dict(db.session.execute(
        select(app.owner_unit_id, func.count()).where(drawn(app))
        .group_by(app.owner_unit_id)).all())


def _links_by_unit_pair(agency_id, drawn, channels, statuses):
    """Count the selected links between drawn applications of two different OPDs, per pair.

    ``agency_id``: of the whole agency; None: ``drawn`` bounds them already.
    """
    link = models.IntegrationLink
    provider, consumer = aliased(models.Application), aliased(models.Application)
    stmt = (select(provider.owner_unit_id, consumer.owner_unit_id, func.count())
            .select_from(link)
            .join(provider, provider.id == link.provider_id)
            .join(consumer, consumer.id == link.consumer_id)
            .where(link.status.in_(statuses), drawn(provider), drawn(consumer),
                   provider.owner_unit_id != consumer.owner_unit_id)
            .group_by(provider.owner_unit_id, consumer.owner_unit_id))
    if agency_id is not None:
        stmt = stmt.where(link.agency_id == agency_id)
    if channels:
        stmt = stmt.where(link.channel.in_(channels))
    weights = {}
    for tail, head, n in db.session.execute(stmt):
        pair = (min(tail, head), max(tail, head))
        weights[pair] = weights.get(pair, 0) + n
    return weights


def graph_figures(agency, *, unit_id=None):
    """Count what the graph page reports, in the database.

    These are graph_data's figures under its default filters, without loading the landscape.
    """
    app, link = models.Application, models.IntegrationLink
    unit_id = unit_id or None
    scope = _scope(agency.id, unit_id)
    if scope is None:
        applications = db.session.scalar(select(func.count()).select_from(app).where(
            app.agency_id == agency.id))
        # a link joins two applications of its agency
        links = db.session.scalar(select(func.count()).select_from(link).where(
            link.agency_id == agency.id, link.status == LinkStatus.ACTIVE))
        own = app.agency_id == agency.id
    else:
        applications = db.session.scalar(select(func.count()).select_from(app).where(
            app.id.in_(scope)))
        links = db.session.scalar(select(func.count()).select_from(link).where(
            link.status == LinkStatus.ACTIVE, link.provider_id.in_(scope),
            link.consumer_id.in_(scope)))
        own = app.id.in_(_own(agency.id, unit_id))
    data = (link.status == LinkStatus.ACTIVE, link.channel != Channel.HYPERLINK)
    isolated = db.session.scalar(select(func.count()).select_from(app).where(
        own, app.lifecycle != Lifecycle.RETIRED,
        ~select(link.id).where(link.provider_id == app.id, *data).exists(),
        ~select(link.id).where(link.consumer_id == app.id, *data).exists()))
    return GraphFigures(applications=applications, links=links, isolated=isolated)


def _neighbourhood(agency, target, *, depth, statuses, url_for_app):
    """Draw one application's neighbourhood, loading only the applications it reaches."""
    app = models.Application
    if target is None or not db.session.scalar(select(app.id).where(
            app.id == target, app.agency_id == agency.id)):
        raise ValidationFailedError(errors={"target": ["Aplikasi tidak dikenal."]})
    reached = select(app.id).where(app.id == target)
    for _ring in range(max(1, min(int(depth), 2))):
        # SQLite takes no parenthesised compound select, so each ring is a subquery
        ring = union(reached, *_partners(reached, statuses)).subquery()
        reached = select(ring.c[0])
    # the ids themselves let the loaders probe by key; a huge neighbourhood stays a subquery
    ids = db.session.scalars(reached.limit(_ID_LIST_LIMIT + 1)).all()
    scope = load_scope(agency.id, ids if len(ids) <= _ID_LIST_LIMIT else reached)
    return diagrams.build_neighbourhood(scope, target, depth=depth, statuses=statuses,
                                        url_for_app=url_for_app)


def render_diagram(dot, fmt):
    """Render a diagram through the content-keyed cache (in-process, or shared on Redis)."""
    return diagram_cache.render(dot, fmt)


def svg_for_page(dot):
    """Return (inline SVG, note) for a page.

    A diagram that fails to render leaves its page up, with a note in place of the drawing (dot's
    own message is logged by the core, never shown).
    """
    try:
        return render_diagram(dot, "svg").decode("utf-8"), None
    except DiagramRenderError as error:
        return "", str(error)


def parse_channels(values):
    """Turn channel names into Channel members, naming a bad one."""
    try:
        return tuple(Channel(v) for v in values if v) or None
    except ValueError as error:
        raise ValidationFailedError(errors={"channel": [str(error)]}) from error
