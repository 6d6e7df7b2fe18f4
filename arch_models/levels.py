"""Levels the registry's facts can prove, with their explanation (spbe-reference.md §2-§4).

Each computed level is the highest level whose criteria the facts meet: the ladder is climbed
from level 1 and stops at the first criterion not met, or at the lowest cap of the blockers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from arch_models.landscape import Channel, Landscape, LinkStatus
from arch_models.reference.documents import NATIONAL_DOMAINS, POLICY_KINDS
from arch_models.reference.instrument import default_instrument
from arch_models.roadmap import CONTENT_AREAS

__all__ = ["ComputedLevel", "DocumentFacts", "Facts", "compute_levels", "COMPUTED_INDICATORS"]

#: area status -> the level it proves (the ladder of §3 for managed areas)
STATUS_LEVELS = {"none": 1, "planned": 2, "guided": 3, "reviewed": 4, "improved": 5}


@dataclass(frozen=True, slots=True)
class DocumentFacts:
    """What the registry knows of one enacted document."""

    domains: frozenset[str] = frozenset()
    reviewed: bool = False
    followed_up: bool = False
    enacted: bool = True  #: carries a number and a date, not a draft
    complete: bool = False  #: a policy covering every OPD and all its required content
    beyond_instansi: bool = False  #: a policy regulating integration beyond the instansi


@dataclass(frozen=True)
class Facts:
    """Everything the computed levels read, beyond the landscape and its blockers."""

    landscape: Landscape
    blockers: tuple = ()
    area_status: dict[str, str] = field(default_factory=dict)
    documents: dict[str, DocumentFacts] = field(default_factory=dict)
    roadmap_areas: frozenset[str] = frozenset()  #: content areas with an initiative
    roadmap_budgeted_years: int = 0  #: of the last three years, how many carry a budget line
    #: OPDs with at least one staff member holding a digital-competence certificate valid now
    certified_units: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class ComputedLevel:
    """A level with why: the criteria met, the ones not met, and the blockers of the next."""

    indicator: int
    level: int
    met: tuple[str, ...]
    not_met: tuple[str, ...]
    blockers: tuple = ()


def _climb(indicator, steps, blockers=()):
    """Climb levels 2..5 while each step's criterion holds; the blockers cap the result."""
    level, met, not_met = 1, [], []
    for text, holds in steps:
        if not holds:
            not_met.append(text)
            break
        level += 1
        met.append(text)
    own = tuple(b for b in blockers if b.indicator == indicator)
    cap = min((b.caps_at for b in own), default=5)
    if cap < level:
        capping = sum(1 for b in own if b.caps_at == cap)
        not_met = [f"Dibatasi di level {cap} oleh {capping} hambatan.", met[cap - 1]]
        met = met[:cap - 1]
        level = cap
    # The records that stand between this level and the next.
    return ComputedLevel(indicator, level, tuple(met), tuple(not_met),
                         tuple(b for b in own if b.caps_at <= level))


def _ladder(indicator, first_step):
    """The first step's own evidence, then the instrument's criteria, left to the blockers."""
    criteria = default_instrument().indicator(indicator).levels
    return [first_step] + [(criteria[n - 1], True) for n in (3, 4, 5)]


def _architecture(facts):
    doc = facts.documents.get("arsitektur_spbe")
    coded = [a for a in facts.landscape.applications if a.reference_code]
    return _climb(11, [
        ("Dokumen Arsitektur SPBE ditetapkan dan memuat sebagian domain.",
         doc is not None and doc.enacted and bool(doc.domains)),
        ("Dokumen memuat keenam domain.", doc is not None and doc.domains >= set(NATIONAL_DOMAINS)),
        ("Mengikuti arsitektur nasional (aplikasi berkode RAA) dan direviu.",
         doc is not None and doc.reviewed and bool(coded)),
        ("Diperbarui setelah reviu.", doc is not None and doc.followed_up),
    ])


def _roadmap(facts):
    doc = facts.documents.get("peta_rencana")
    return _climb(12, [
        ("Peta Rencana ditetapkan dan memuat sebagian muatan.",
         doc is not None and doc.enacted and bool(facts.roadmap_areas)),
        ("Memuat ketujuh muatan.", facts.roadmap_areas >= set(CONTENT_AREAS)),
        ("Dianggarkan tiga tahun terakhir dan direviu.",
         facts.roadmap_budgeted_years >= 3 and doc is not None and doc.reviewed),
        ("Diperbarui setelah reviu.", doc is not None and doc.followed_up),
    ])


def _infrastructure(facts):
    land = facts.landscape
    live = [a for a in land.applications if a.lifecycle.value != "retired"]
    hosted = {a.hosting_id for a in live if a.hosting_id is not None}
    bus_links = [link for link in land.links if link.status is LinkStatus.ACTIVE
                 and link.channel is Channel.SERVICE_BUS]
    # 16-18 are reviewed and improved through the Arsitektur Infrastruktur document.
    doc = facts.documents.get("infrastructure")
    reviewed = ("Layanan direviu (reviu dokumen Arsitektur Infrastruktur).",
                doc is not None and doc.reviewed)
    improved = ("Diperbaiki setelah reviu (tindak lanjut reviu tercatat).",
                doc is not None and doc.reviewed and doc.followed_up)

    def services(indicator, first_step):
        complete = default_instrument().indicator(indicator).levels[2]
        return _climb(indicator, [first_step, (complete, True), reviewed, improved],
                      facts.blockers)

    return [
        _climb(15, _ladder(15, ("Aplikasi tercatat dengan siklus hidupnya.", bool(live))),
               facts.blockers),
        services(16, ("Pusat data melayani sebagian OPD.",
                      any(c.id in hosted for c in land.data_centers))),
        services(17, ("Sebagian OPD terhubung jaringan intra.",
                      any(n.unit_ids for n in land.networks))),
        services(18, ("Sebagian integrasi lewat service bus.",
                      bool(land.service_buses) and bool(bus_links))),
    ]


def _managed(facts):
    result = []
    for indicator, area in ((24, "ict_assets"), (29, "audit_infrastructure"),
                            (30, "audit_application"), (31, "audit_security")):
        proven = STATUS_LEVELS.get(facts.area_status.get(area, "none"), 1)
        criteria = default_instrument().indicator(indicator).levels
        steps = [(criteria[n - 1], proven >= n) for n in (2, 3, 4, 5)]
        result.append(_climb(indicator, steps, facts.blockers))
    return result


def _competence(facts):
    """Indicator 25 from the talent register and the competence management area."""
    units = {u.id for u in facts.landscape.units}
    proven = STATUS_LEVELS.get(facts.area_status.get("competence", "none"), 1)
    return _climb(25, [
        ("Sebagian OPD memiliki pegawai bersertifikat kompetensi digital.",
         bool(units & facts.certified_units)),
        ("Setiap OPD memiliki pegawai bersertifikat, dan manajemen kompetensi mengikuti "
         "pedoman.", bool(units) and units <= facts.certified_units and proven >= 3),
        ("Manajemen kompetensi direviu.", proven >= 4),
        ("Hasil reviu ditindaklanjuti.", proven >= 5),
    ])


def _policies(facts):
    """Internal policies (1, 2, 4, 5, 6, 7, 9): enacted, complete, beyond the instansi, renewed."""
    result = []
    for kind, (_name, indicator) in POLICY_KINDS.items():
        doc = facts.documents.get(kind)
        result.append(_climb(indicator, [
            ("Kebijakan ditetapkan (bernomor dan bertanggal).", doc is not None and doc.enacted),
            ("Kebijakan berlaku untuk seluruh OPD dan seluruh muatannya.",
             doc is not None and doc.complete),
            ("Mengatur keterpaduan di luar instansi dan direviu.",
             doc is not None and doc.beyond_instansi and doc.reviewed),
            ("Kebijakan baru atau perubahan ditetapkan setelah reviu.",
             doc is not None and doc.followed_up),
        ]))
    return result


#: the indicators this module computes
COMPUTED_INDICATORS = tuple(sorted(
    (11, 12, 15, 16, 17, 18, 24, 25, 29, 30, 31, *(i for _n, i in POLICY_KINDS.values()))))


def compute_levels(facts: Facts) -> dict[int, ComputedLevel]:
    """Compute the levels of the indicators the registry's facts evidence."""
    found = [*_policies(facts), _architecture(facts), _roadmap(facts), *_infrastructure(facts),
             *_managed(facts), _competence(facts)]
    return {c.indicator: c for c in sorted(found, key=lambda c: c.indicator)}
