"""Per-OPD scorecards: the facts counted in a few grouped queries, scored by the core.

Every count is one GROUP BY over all OPDs (or one agency's), so the national view of thousands
of OPDs costs the same handful of statements as one province.
"""

from collections import defaultdict
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, case, func, or_, select, union, union_all

from arch_models.landscape import BUILT, OUTSIDE_HOSTING, Channel, Lifecycle, LinkStatus
from arch_models.opd_scorecard import OpdFacts, rank, score_opd
from arch_models.requests import RequestState
from registry import models
from registry.clock import local_today
from registry.errors import ValidationFailedError
from registry.extensions import db
from registry.models.base import utcnow
from registry.services import analysis, changelog
from registry.services._tx import transaction
from registry.services.common import get_or_404
from registry.services.permissions import INVENTORY_MAINTAINERS, require_role

LIVE = BUILT  # what the blockers judge
POINT_TO_POINT = tuple(c for c in Channel if c.is_point_to_point)
#: a record not confirmed for this long is stale
STALE_AFTER = timedelta(days=365)


def _by_unit(stmt):
    return {row[0]: row[1:] for row in db.session.execute(stmt)}


def _where_agency(stmt, column, agency_id):
    return stmt.where(column == agency_id) if agency_id else stmt


def _where_unit(stmt, column, unit_id):
    """Narrow a grouped count to one OPD (the desk), so it reads that OPD's rows only."""
    return stmt.where(column == unit_id) if unit_id else stmt


def _integrated_ids(agency_id):
    link = models.IntegrationLink
    alive = and_(link.status == LinkStatus.ACTIVE, link.channel == Channel.SERVICE_BUS)
    if agency_id:
        alive = and_(alive, link.agency_id == agency_id)
    return union(select(link.provider_id.label("app_id")).where(alive),
                 select(link.consumer_id.label("app_id")).where(alive)).subquery()


def gather_facts(agency_id=None, *, today=None, unit_id=None):
    """Return OpdFacts for every OPD (of one agency, or all; or only ``unit_id``).

    It takes a fixed number of queries.
    """
    today = today or local_today()
    app, unit, center = models.Application, models.Unit, models.DataCenter
    units = db.session.execute(_where_unit(_where_agency(
        select(unit.id, unit.code, unit.name, unit.agency_id), unit.agency_id, agency_id),
        unit.id, unit_id).order_by(unit.id)).all()

    # One pass over the applications: the count per lifecycle, then the live ones' facts.
    stale_before = utcnow() - STALE_AFTER
    # one OPD is its agency's already; without the agency filter the database reads that
    # OPD's rows through their owner's index, not the whole agency's
    rows_of = None if unit_id else agency_id
    integrated = _integrated_ids(agency_id)
    is_live = app.lifecycle.in_(LIVE)

    def live_and(condition):
        return func.sum(case((and_(is_live, condition), 1), else_=0))

    counted = _by_unit(_where_unit(_where_agency(
        select(app.owner_unit_id,
               *(func.sum(case((app.lifecycle == lc, 1), else_=0)) for lc in Lifecycle),
               live_and(app.id.in_(select(integrated.c.app_id))),
               live_and(or_(app.hosting_id.is_(None), center.kind.in_(OUTSIDE_HOSTING))),
               live_and(app.last_review_on.is_(None)),
               live_and(and_(app.last_review_on.is_not(None), app.review_followup.is_(None))),
               live_and(app.consulted_ict_unit_on.is_(None)),
               live_and(or_(app.confirmed_at.is_(None), app.confirmed_at < stale_before)))
        .outerjoin(center, center.id == app.hosting_id)
        .group_by(app.owner_unit_id), app.agency_id, rows_of), app.owner_unit_id, unit_id))
    lifecycles = {unit_id: {lc.value: int(n) for lc, n in zip(Lifecycle, row, strict=False) if n}
                  for unit_id, row in counted.items()}
    live = {unit_id: row[len(Lifecycle):] for unit_id, row in counted.items()}

    point_to_point = _point_to_point(rows_of, unit_id)
    domains = _domain_counts(rows_of, today, unit_id)
    request = models.Request
    pending = _by_unit(_where_unit(_where_agency(
        select(request.unit_id, func.count()).where(request.state == RequestState.SUBMITTED)
        .group_by(request.unit_id), request.agency_id, rows_of), request.unit_id, unit_id))
    certified = certified_counts(rows_of, today, unit_id=unit_id)
    reach, network = models.network_units, models.Network
    on_network = set(db.session.scalars(_where_unit(_where_agency(
        select(reach.c.unit_id).distinct().join(network, network.id == reach.c.network_id),
        network.agency_id, agency_id), reach.c.unit_id, unit_id)))

    facts = []
    for unit_id, code, name, unit_agency in units:
        counts = live.get(unit_id, (0,) * 6)
        dom = domains.get(unit_id, (0, 0, 0, 0))
        facts.append(OpdFacts(
            unit_id=unit_id, code=code, name=name, agency_id=unit_agency,
            apps_by_lifecycle=lifecycles.get(unit_id, {}),
            integrated=int(counts[0] or 0), outside_dc=int(counts[1] or 0),
            unreviewed=int(counts[2] or 0), unfollowed=int(counts[3] or 0),
            unconsulted=int(counts[4] or 0), stale=int(counts[5] or 0),
            point_to_point=point_to_point.get(unit_id, 0),
            domains=int(dom[0]), domains_without_tls=int(dom[1] or 0),
            domains_without_app=int(dom[2] or 0), domains_healthy=int(dom[3] or 0),
            pending_requests=pending.get(unit_id, (0,))[0],
            certified_staff=certified.get(unit_id, 0), on_intra_network=unit_id in on_network))
    return facts


def _point_to_point(agency_id, unit_id=None):
    """Active data-exchanging links bypassing the bus, counted once for each OPD they touch."""
    link, app = models.IntegrationLink, models.Application
    sides = []
    for end in (link.provider_id, link.consumer_id):
        sides.append(_where_unit(_where_agency(
            select(link.id.label("link_id"), app.owner_unit_id.label("unit_id"))
            .join(app, app.id == end)
            .where(link.status == LinkStatus.ACTIVE, link.channel.in_(POINT_TO_POINT)),
            link.agency_id, agency_id), app.owner_unit_id, unit_id))
    both = union_all(*sides).subquery()
    stmt = select(both.c.unit_id, func.count(func.distinct(both.c.link_id))) \
        .group_by(both.c.unit_id)
    return {unit_id: n for unit_id, n in db.session.execute(stmt)}


def _domain_counts(agency_id, today, unit_id=None):
    domain = models.DomainName
    no_tls = or_(domain.tls_expires_on.is_(None), domain.tls_expires_on < today)
    stmt = select(
        domain.unit_id, func.count(),
        func.sum(case((no_tls, 1), else_=0)),
        func.sum(case((domain.application_id.is_(None), 1), else_=0)),
        func.sum(case((and_(domain.application_id.is_not(None), ~no_tls), 1), else_=0)),
    ).where(domain.status == models.DomainStatus.ACTIVE).group_by(domain.unit_id)
    return _by_unit(_where_unit(_where_agency(stmt, domain.agency_id, agency_id),
                                domain.unit_id, unit_id))


def certified_counts(agency_id=None, today=None, *, unit_id=None):
    """Return {unit id: people holding a certificate valid on the day} (of one OPD, or all)."""
    today = today or local_today()
    cert = models.StaffCertificate
    person = func.coalesce(cert.employee_number, cert.person_name)
    stmt = select(cert.unit_id, func.count(func.distinct(person))).where(
        or_(cert.expires_on.is_(None), cert.expires_on >= today),
        or_(cert.issued_on.is_(None), cert.issued_on <= today)).group_by(cert.unit_id)
    return {unit: n for unit, n in db.session.execute(
        _where_unit(_where_agency(stmt, cert.agency_id, agency_id), cert.unit_id, unit_id))}


def targets_of(year, agency_id=None):
    """Return {unit id: target} of a year."""
    target = models.OpdTarget
    stmt = select(target.unit_id, target.target).where(target.year == year)
    return dict(db.session.execute(_where_agency(stmt, target.agency_id, agency_id)).all())


def scorecards(year, agency_id=None, *, today=None):
    """Return the scored OPDs, ranked within each agency, with the year's targets."""
    targets = targets_of(year, agency_id)
    by_agency = defaultdict(list)
    for facts in gather_facts(agency_id, today=today):
        by_agency[facts.agency_id].append(score_opd(facts, target=targets.get(facts.unit_id)))
    return [score for scores in by_agency.values() for score in rank(scores)]


def audit_gaps(agency_id, *, today=None):
    """Return the audit types with no audit in the last 24 months (they concern every OPD)."""
    today = today or local_today()
    audit = models.AuditRecord
    recent = set(db.session.scalars(select(audit.type).where(
        audit.agency_id == agency_id, audit.performed_on >= today - timedelta(days=730))))
    return [t for t in ("infrastructure", "application", "security")
            if t not in {getattr(r, "value", r) for r in recent}]


def set_target(unit_id, year, target, *, actor, note=None):
    """Set (or change) an OPD's target score for a year; architects and admins only."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    # Below one point a target means nothing, and progress (score / target) would explode.
    if target is None or not 1 <= target <= 100:
        raise ValidationFailedError(_("Target tidak sah."), errors={
            "target": [_("Target adalah skor 1 sampai 100.")]})
    if not 2000 <= year <= 2100:
        raise ValidationFailedError(_("Tahun tidak sah."), errors={
            "year": [_("Harus antara 2000 dan 2100.")]})
    with transaction():
        unit = get_or_404(models.Unit, unit_id)
        row = db.session.scalar(select(models.OpdTarget).where(
            models.OpdTarget.unit_id == unit.id, models.OpdTarget.year == year))
        if row is None:
            row = models.OpdTarget(agency_id=unit.agency_id, unit_id=unit.id, year=year,
                                   target=target, note=note,
                                   set_by_id=actor.id if actor else None)
            db.session.add(row)
            db.session.flush()
            changelog.log_change("create", row, actor=actor, after=changelog.values_of(row))
            return row
        before = changelog.values_of(row)
        row.target, row.note = target, note
        row.set_by_id = actor.id if actor else None
        changelog.record_update(row, before, actor=actor)
    return row



def blocker_counts(scores, year):
    """Return {unit id: {indicator: blockers}} for the OPDs of ``scores``.

    These are the counts of the blockers page (its report of ``year``, per agency), so the
    scorecard's page, export, API and CLI show the number the blockers page lists.
    """
    counts = {}
    for agency_id in sorted({s.facts.agency_id for s in scores}):
        agency = db.session.get(models.Agency, agency_id)
        counts.update(analysis.blocker_counts_by_unit(
            analysis.blocker_report(agency, year=year)))
    return counts


def as_dict(score, instrument, blockers):
    """Return one OPD's scorecard as plain data (API, CLI, export).

    ``blockers`` are the counts of ``blocker_counts`` (per indicator of ``instrument``, the one of
    the year).
    """
    facts = score.facts
    return {
        "unit_id": facts.unit_id, "code": facts.code, "name": facts.name,
        "agency_id": facts.agency_id, "score": score.score, "rank": score.rank,
        "target": score.target, "progress": score.progress, "target_met": score.target_met,
        "components": score.components, "applications": dict(facts.apps_by_lifecycle),
        "facts": {key: getattr(facts, key) for key in FACT_FIELDS},
        "instrument": instrument.id,
        "blockers": {str(k): v for k, v in sorted(blockers.get(facts.unit_id, {}).items())},
    }


#: the counts a scorecard shows beside the score
FACT_FIELDS = ("live", "integrated", "point_to_point", "outside_dc", "unreviewed", "unfollowed",
               "unconsulted", "stale", "domains", "domains_without_tls", "domains_without_app",
               "pending_requests", "certified_staff", "on_intra_network")
