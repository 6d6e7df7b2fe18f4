"""What each architecture records and what it still misses ("Kelengkapan Arsitektur")."""

from dataclasses import dataclass, field
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from arch_models.landscape import AppKind, DataCenterKind
from arch_models.reference.documents import NATIONAL_DOMAINS
from arch_models.reference.management import AREA_NAMES
from arch_models.roadmap import CONTENT_AREAS
from registry import models
from registry.clock import local_today
from registry.extensions import db
from registry.i18n import N_
from registry.labels import label
from registry.services import documents, infrastructure, management, reference
from registry.services.inventory import ApplicationFilters, count_applications


@dataclass(frozen=True)
class Gap:
    """One thing missing, with how many records and where to fix it."""

    text: str
    count: int = 0
    #: (endpoint, arguments) of the page that lists the records
    link: tuple | None = None


@dataclass
class Section:
    """One architecture: what is recorded, and the gaps."""

    key: str
    recorded: list = field(default_factory=list)
    gaps: list = field(default_factory=list)


def _count(stmt):
    return db.session.scalar(select(func.count()).select_from(stmt.subquery()))


#: the application gaps: text, and the list filters that define both the count and its list
APPLICATION_GAPS = (
    (N_("%(n)s aplikasi tanpa kode referensi RAA"), {"missing": "reference_code"}),
    (N_("%(n)s aplikasi tanpa hosting tercatat"), {"missing": "hosting", "kind": "khusus"}),
    (N_("%(n)s aplikasi tanpa kode layanan RAL"), {"missing": "services"}),
    (N_("%(n)s aplikasi belum pernah direviu"), {"missing": "review", "kind": "khusus"}),
    (N_("%(n)s aplikasi tanpa konsultasi dengan unit TIK"),
     {"missing": "consultation", "kind": "khusus"}),
    (N_("%(n)s aplikasi belum terintegrasi lewat SPLP"), {"integrated": "false"}),
)

#: applications hosted outside the instansi's data centre (the infrastructure gap)
OUTSIDE_HOSTING_ARGS = {"missing": "outside_hosting"}


def _filters(agency_id, args):
    """Return the application list's filters for a gap's link arguments: one definition."""
    return ApplicationFilters(
        agency_id=agency_id,
        live=True,
        kind=AppKind(args["kind"]) if "kind" in args else None,
        missing=args.get("missing"),
        integrated={"true": True, "false": False}.get(args.get("integrated")),
    )


def _gap_count(agency_id, args):
    return count_applications(_filters(agency_id, args))


def _applications(agency_id):
    section = Section("application")
    section.recorded.append((_("Aplikasi aktif"), _gap_count(agency_id, {})))
    for text, args in APPLICATION_GAPS:
        n = _gap_count(agency_id, args)
        if n:
            section.gaps.append(Gap(_(text, n=n), n, ("inventory.list_applications",
                                                       {**args, "live": "true"})))
    return section


def _infrastructure(agency_id):
    section = Section("infrastructure")
    centers = infrastructure.list_data_centers(agency_id)
    networks = infrastructure.list_networks(agency_id)
    buses = infrastructure.list_service_buses(agency_id)
    section.recorded += [
        (_("Pusat data"), len(centers)),
        (_("Jaringan intra"), len(networks)),
        (_("Service bus"), len(buses)),
    ]
    link = ("architecture.infrastructure_overview", {})
    rooms = _gap_count(agency_id, OUTSIDE_HOSTING_ARGS)
    if rooms:
        section.gaps.append(
            Gap(
                _("%(n)s aplikasi berjalan di luar pusat data instansi (ruang server OPD, cloud"
                  " atau kolokasi vendor)", n=rooms),
                rooms,
                ("inventory.list_applications", {**OUTSIDE_HOSTING_ARGS, "live": "true"}),
            )
        )
    if not any(c.uses_pdn for c, _n in centers if c.kind is DataCenterKind.OWN):
        section.gaps.append(Gap(_("Pusat data belum terhubung dengan PDN"), 1, link))
    unreached = infrastructure.unreached_units(agency_id)
    if not networks:
        section.gaps.append(Gap(_("Belum ada jaringan intra"), 1, link))
    elif unreached:
        section.gaps.append(
            Gap(
                _("%(n)s OPD belum terhubung jaringan intra", n=len(unreached)),
                len(unreached),
                link,
            )
        )
    if networks and not any(n.connected_to_jip for n in networks):
        section.gaps.append(Gap(_("Jaringan intra belum terhubung dengan JIP"), 1, link))
    if not buses:
        section.gaps.append(Gap(_("Belum ada service bus"), 1, link))
    elif not any(b.connected_to_splp for b in buses):
        section.gaps.append(Gap(_("Service bus belum terhubung dengan SPLP nasional"), 1, link))
    return section


def _roadmap(agency_id, year):
    item = models.Initiative
    section = Section("roadmap")
    rows = db.session.execute(
        select(item.content_area, func.count())
        .where(item.agency_id == agency_id)
        .group_by(item.content_area)
    ).all()
    covered = dict(rows)
    section.recorded.append((_("Inisiatif"), sum(covered.values())))
    for area in CONTENT_AREAS:
        if not covered.get(area):
            section.gaps.append(
                Gap(
                    _("Peta Rencana tanpa muatan %(area)s", area=label("content_area", area)),
                    0,
                    ("architecture.list_initiatives", {}),
                )
            )
    unbudgeted = _count(
        select(item.id).where(
            item.agency_id == agency_id,
            item.start_year <= year,
            item.end_year >= year,
            ~item.years.any(models.InitiativeYear.year == year),
        )
    )
    if unbudgeted:
        section.gaps.append(
            Gap(
                _("%(n)s inisiatif tanpa target atau pagu %(year)s", n=unbudgeted, year=year),
                unbudgeted,
                ("architecture.roadmap_timeline", {"year": year}),
            )
        )
    return section


#: the states of an ICT-management area that have no guideline yet
_WITHOUT_GUIDELINE = (models.AreaStatus.NONE, models.AreaStatus.PLANNED)


def _management(agency_id, today):
    section = Section("ict_management")
    rows = management.areas_of(agency_id)
    guided = [r for r in rows if r[3] is not None and r[3].status not in _WITHOUT_GUIDELINE]
    section.recorded.append((_("Area dengan pedoman"), len(guided)))
    link = ("architecture.management_overview", {})
    for _key, name, _indicator, record in rows:
        if record is None or record.status in _WITHOUT_GUIDELINE:
            section.gaps.append(Gap(_("%(name)s belum punya pedoman", name=name), 0, link))
    cutoff = today - timedelta(days=730)
    recent = {a.type.value for a in management.list_audits(agency_id) if a.performed_on >= cutoff}
    for kind in ("infrastructure", "application", "security"):
        if kind not in recent:
            section.gaps.append(
                Gap(
                    _(
                        "Tidak ada %(name)s dalam 24 bulan terakhir",
                        name=AREA_NAMES[f"audit_{kind}"],
                    ),
                    0,
                    link,
                )
            )
    return section


def _documents(agency_id):
    section = Section("documents")
    rows = documents.documents_of(agency_id)
    section.recorded.append((_("Dokumen tercatat"), sum(1 for r in rows if r[2] is not None)))
    for kind, name, record in rows:
        link = ("architecture.edit_document", {"kind": kind})
        if record is None or not record.number:
            section.gaps.append(Gap(_("Dokumen %(name)s belum tercatat", name=name), 0, link))
        elif record.last_review_on is None:
            section.gaps.append(Gap(_("Dokumen %(name)s belum pernah direviu", name=name), 0, link))
        elif not record.review_followup:
            section.gaps.append(
                Gap(_("Reviu dokumen %(name)s belum ditindaklanjuti", name=name), 0, link)
            )
    return section


#: which reference architecture gives each national domain its place in the catalogue
DOMAIN_PREFIXES = {
    "business_process": "RAB",
    "data": "RAD",
    "service": "RAL",
    "application": "RAA",
    "infrastructure": "RAI",
    "security": "RAK",
}


def national_domains(agency_id):
    """Return (name, covered by the SPBE document, catalogue codes) for the six domains."""
    rows = {kind: record for kind, _name, record in documents.documents_of(agency_id)}
    covered = set(rows["arsitektur_spbe"].domains or ()) if rows.get("arsitektur_spbe") else set()
    counts = reference.counts_by_prefix(agency_id)
    return [
        (name, key in covered, counts[DOMAIN_PREFIXES[key]])
        for key, name in NATIONAL_DOMAINS.items()
    ]


def completeness(agency_id, *, today=None):
    """Return the completeness of the four architectures and the documents of an agency."""
    today = today or local_today()
    return [
        _applications(agency_id),
        _infrastructure(agency_id),
        _roadmap(agency_id, today.year),
        _management(agency_id, today),
        _documents(agency_id),
    ]
