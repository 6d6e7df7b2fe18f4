"""The monitoring desk of one OPD: what to update, what evidence is missing, what to do next.

An architect and the OPD's operator go through it together; the operator confirms in bulk
that records are still true, which stamps who and when on each.
"""

from dataclasses import dataclass, field, replace
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import String, and_, cast, or_, select
from sqlalchemy.orm import joinedload

from arch_models.landscape import OUTSIDE_HOSTING
from arch_models.opd_scorecard import score_opd
from arch_models.requests import RequestState
from registry import models
from registry.clock import local_today
from registry.errors import ValidationFailedError
from registry.extensions import db
from registry.i18n import N_
from registry.models.base import utcnow
from registry.services import changelog, instruments, integrations, inventory, opd_scorecard
from registry.services._tx import transaction
from registry.services.common import get_or_404
from registry.services.pagination import paginate
from registry.services.permissions import require_unit_write

#: rows each list of the desk shows at once; an OPD with more pages through them
DESK_PAGE_SIZE = 50

#: what an application may lack, with how the desk says it
EVIDENCE_GAPS = (
    ("last_review_on", N_("Belum pernah direviu")),
    ("review_followup", N_("Reviu belum ditindaklanjuti (SK/SE)")),
    ("consulted_ict_unit_on", N_("Tanggal konsultasi dengan unit TIK belum dicatat")),
    ("reference_code", N_("Kode referensi RAA belum diisi")),
    ("hosting_id", N_("Hosting belum dicatat")),
    ("outside_hosting", N_("Hosting di luar pusat data instansi dan PDN")),
    ("service_codes", N_("Layanan (RAL) belum diisi")),
)

#: blocker concern -> the next step an OPD takes; %(i)s is the indicator it lifts in the
#: instrument of the year (15-18 of 59/2020, 13, 14 and 16 of the Indeks Pemdi). Each step
#: that counts records names the list that holds them (its endpoint and query arguments), and
#: the count is that list's total: one definition per number.
NEXT_STEPS = (
    ("application", N_("Catat tanggal konsultasi dengan unit TIK untuk %(n)s aplikasi "
                       "(indikator %(i)s)."),
     "inventory.list_applications", {"built": "true", "missing": "consultation"}),
    ("application", N_("Reviu %(n)s aplikasi yang belum pernah direviu (indikator %(i)s)."),
     "inventory.list_applications", {"built": "true", "missing": "review"}),
    ("hosting", N_("Catat hosting %(n)s aplikasi (indikator %(i)s)."),
     "inventory.list_applications", {"built": "true", "missing": "hosting"}),
    ("hosting", N_("Pindahkan %(n)s aplikasi ke pusat data instansi atau PDN "
                   "(indikator %(i)s)."),
     "inventory.list_applications", {"built": "true", "missing": "outside_hosting"}),
    ("integration_link", N_("Alihkan %(n)s tautan point-to-point ke service bus/SPLP "
                            "(indikator %(i)s)."),
     "integrations.list_links", {"status": "active", "point_to_point": "true"}),
)
#: the step of an OPD the intra network does not reach (no list: the OPD itself)
OFF_NETWORK_STEP = N_("Hubungkan OPD ini ke jaringan intra pemerintah (indikator %(i)s).")


@dataclass(frozen=True)
class NextStep:
    """One thing the OPD does next; ``count`` records, listed at ``endpoint`` with ``args``."""

    text: str
    count: int | None = None
    endpoint: str | None = None
    args: dict = field(default_factory=dict)


@dataclass
class Desk:
    """Everything the desk page shows for one OPD.

    Its three long lists come a page at a time (services.pagination.Page), so an OPD of thousands of
    applications stays one page.
    """

    unit: models.Unit
    score: object
    stale_application_page: object = None
    stale_domain_page: object = None
    evidence_page: object = None  #: items: (application, [gap texts])
    next_steps: list = field(default_factory=list)
    pending_requests: list = field(default_factory=list)
    expiring_certificates: list = field(default_factory=list)

    @property
    def stale_applications(self):
        """Return the live applications not confirmed for a year, of the page shown."""
        return _items(self.stale_application_page)

    @property
    def stale_domains(self):
        """Return the active domains not confirmed for a year, of the page shown."""
        return _items(self.stale_domain_page)

    @property
    def evidence(self):
        """Return (application, [what it lacks]) of the page shown."""
        return _items(self.evidence_page)


def _items(page):
    return list(page.items) if page is not None else []


def _stale(column):
    return or_(column.is_(None), column < utcnow() - opd_scorecard.STALE_AFTER)


def _blank(column):
    return or_(column.is_(None), column == "")


def _lacking_evidence():
    """Return the SQL condition of an application lacking any of EVIDENCE_GAPS (as _lacks)."""
    app, center = models.Application, models.DataCenter
    return or_(
        app.last_review_on.is_(None),
        _blank(app.review_followup),
        app.consulted_ict_unit_on.is_(None),
        _blank(app.reference_code),
        app.hosting_id.is_(None),
        app.hosting.has(center.kind.in_(OUTSIDE_HOSTING)),
        app.service_codes.is_(None),
        cast(app.service_codes, String).in_(("[]", "null")),
    )


def desk(unit_id, *, year=None, today=None, pages=None):
    """Return the desk of one OPD.

    ``pages`` maps a list ("stale_applications", "stale_domains", "evidence") to the page of
    it to show (default: the first); each holds DESK_PAGE_SIZE rows at most.
    """
    today = today or local_today()
    pages = pages or {}
    unit = get_or_404(models.Unit, unit_id)
    # this OPD's counts only: the same grouped queries as the scorecard, narrowed to it
    facts, = opd_scorecard.gather_facts(unit.agency_id, today=today, unit_id=unit.id)
    target = opd_scorecard.targets_of(year or today.year, unit.agency_id).get(unit.id)
    app, domain = models.Application, models.DomainName
    live = and_(app.owner_unit_id == unit.id, app.lifecycle.in_(opd_scorecard.LIVE))
    result = Desk(unit=unit, score=score_opd(facts, target=target))
    result.stale_application_page = paginate(
        select(app).where(live, _stale(app.confirmed_at))
        .options(joinedload(app.confirmed_by)).order_by(app.name, app.id),
        page=pages.get("stale_applications", 1), per_page=DESK_PAGE_SIZE, scalars=True)
    result.stale_domain_page = paginate(
        select(domain).where(domain.unit_id == unit.id,
                             domain.status == models.DomainStatus.ACTIVE,
                             _stale(domain.confirmed_at)).order_by(domain.fqdn, domain.id),
        page=pages.get("stale_domains", 1), per_page=DESK_PAGE_SIZE, scalars=True)
    lacking = paginate(
        select(app).where(live, _lacking_evidence()).options(joinedload(app.hosting))
        .order_by(app.name, app.id),
        page=pages.get("evidence", 1), per_page=DESK_PAGE_SIZE, scalars=True)
    gaps = [(a, [_(text) for name, text in EVIDENCE_GAPS if _lacks(a, name)])
            for a in lacking.items]
    result.evidence_page = replace(lacking, items=gaps)
    targets = instruments.for_agency_year(unit.agency_id, year or today.year).blocker_targets
    result.next_steps = _next_steps(unit, targets, on_network=facts.on_intra_network)
    request = models.Request
    result.pending_requests = db.session.scalars(
        select(request).where(request.unit_id == unit.id, request.state == RequestState.SUBMITTED)
        .order_by(request.submitted_at)).all()
    cert = models.StaffCertificate
    result.expiring_certificates = db.session.scalars(
        select(cert).where(cert.unit_id == unit.id, cert.expires_on.is_not(None),
                           cert.expires_on <= today + timedelta(days=90))
        .order_by(cert.expires_on)).all()
    return result


def _count_listed(endpoint, args):
    """Count what the list at ``endpoint`` shows for these query arguments (as it reads them)."""
    if endpoint == "integrations.list_links":
        return integrations.count_links(integrations.LinkFilters(
            agency_id=args["agency"], unit_id=args["unit"], status=args["status"],
            point_to_point=args["point_to_point"] == "true"))
    return inventory.count_applications(inventory.ApplicationFilters(
        agency_id=args["agency"], unit_id=args["unit"], built=args["built"] == "true",
        missing=args["missing"]))


def _next_steps(unit, targets, *, on_network):
    """Return the OPD's next steps, each counted by the list it links to (filtered to it)."""
    steps = []
    for concern, text, endpoint, args in NEXT_STEPS:
        if targets.get(concern) is None:
            continue
        args = {**args, "unit": unit.id, "agency": unit.agency_id}
        count = _count_listed(endpoint, args)
        if count:
            steps.append(NextStep(_(text, n=count, i=targets[concern]), count, endpoint, args))
    if not on_network and targets.get("intra_network") is not None:
        steps.append(NextStep(_(OFF_NETWORK_STEP, i=targets["intra_network"])))
    return steps


def _lacks(application, name):
    if name == "outside_hosting":
        return (application.hosting is not None
                and not application.hosting.kind.is_instansi_facility)
    value = getattr(application, name)
    if name == "review_followup":
        return application.last_review_on is not None and not value
    return not value


def confirm(unit_id, *, application_ids=(), domain_ids=(), actor):
    """Stamp "still true" on the OPD's records, with who and when; return how many.

    Records of another OPD in the list are refused as a whole: nothing is stamped.
    """
    require_unit_write(actor, unit_id)
    now = utcnow()
    with transaction():
        unit = get_or_404(models.Unit, unit_id)
        stamped = 0
        for model, ids, owner in ((models.Application, application_ids, "owner_unit_id"),
                                  (models.DomainName, domain_ids, "unit_id")):
            ids = sorted(set(ids))
            if not ids:
                continue
            rows = db.session.scalars(select(model).where(model.id.in_(ids))).all()
            foreign = [r for r in rows if getattr(r, owner) != unit.id]
            if foreign or len(rows) != len(ids):
                raise ValidationFailedError(
                    _("Ada data yang bukan milik OPD ini; tidak ada yang dikonfirmasi."),
                    errors={"ids": [_("Ada data yang bukan milik OPD ini.")]})
            for row in rows:
                before = changelog.values_of(row)
                row.confirmed_at, row.confirmed_by_id = now, actor.id if actor else None
                changelog.record_update(row, before, actor=actor,
                                        reason=_("Dikonfirmasi masih benar di meja monitoring."))
                stamped += 1
    return stamped
