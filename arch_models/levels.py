"""Levels the registry's facts can prove, with their explanation (spbe-reference.md §2-§4).

Each indicator of an instrument names the rule that computes it (``rule`` in the instrument
file); the rules of PermenPANRB 59/2020 are here, those of the Indeks Pemdi (8/2026) in
``levels_pemdi``. A rule reads the facts and the indicator (its number and criteria) and climbs
the ladder of ``ladder.climb``.
"""

from __future__ import annotations

from arch_models import levels_pemdi
from arch_models.ladder import STATUS_LEVELS, ComputedLevel, DocumentFacts, Facts, climb
from arch_models.landscape import Channel, LinkStatus
from arch_models.reference.documents import NATIONAL_DOMAINS
from arch_models.reference.instrument import Instrument, default_instrument
from arch_models.roadmap import CONTENT_AREAS

__all__ = ["ComputedLevel", "DocumentFacts", "Facts", "RULES", "STATUS_LEVELS",
           "compute_levels", "computed_indicators", "unknown_rules"]


def _architecture(facts, indicator, _arg):
    doc = facts.documents.get("arsitektur_spbe")
    coded = [a for a in facts.landscape.applications if a.reference_code]
    return climb(indicator.number, [
        ("Dokumen Arsitektur SPBE ditetapkan dan memuat sebagian domain.",
         doc is not None and doc.enacted and bool(doc.domains)),
        ("Dokumen memuat keenam domain.", doc is not None and doc.domains >= set(NATIONAL_DOMAINS)),
        ("Mengikuti arsitektur nasional (aplikasi berkode RAA) dan direviu.",
         doc is not None and doc.reviewed and bool(coded)),
        ("Diperbarui setelah reviu.", doc is not None and doc.followed_up),
    ])


def _roadmap(facts, indicator, _arg):
    doc = facts.documents.get("peta_rencana")
    return climb(indicator.number, [
        ("Peta Rencana ditetapkan dan memuat sebagian muatan.",
         doc is not None and doc.enacted and bool(facts.roadmap_areas)),
        ("Memuat ketujuh muatan.", facts.roadmap_areas >= set(CONTENT_AREAS)),
        ("Dianggarkan tiga tahun terakhir dan direviu.",
         facts.roadmap_budgeted_years >= 3 and doc is not None and doc.reviewed),
        ("Diperbarui setelah reviu.", doc is not None and doc.followed_up),
    ])


def _infrastructure_review(facts):
    # 16-18 are reviewed and improved through the Arsitektur Infrastruktur document.
    doc = facts.documents.get("infrastructure")
    return [("Layanan direviu (reviu dokumen Arsitektur Infrastruktur).",
             doc is not None and doc.reviewed),
            ("Diperbaiki setelah reviu (tindak lanjut reviu tercatat).",
             doc is not None and doc.reviewed and doc.followed_up)]


def _live(land):
    return [a for a in land.applications if a.lifecycle.value != "retired"]


def _application_development(facts, indicator, _arg):
    first = ("Aplikasi tercatat dengan siklus hidupnya.", bool(_live(facts.landscape)))
    steps = [first] + [(indicator.levels[n - 1], True) for n in (3, 4, 5)]
    return climb(indicator.number, steps, facts.blockers)


def _service(facts, indicator, first_step):
    steps = [first_step, (indicator.levels[2], True), *_infrastructure_review(facts)]
    return climb(indicator.number, steps, facts.blockers)


def _data_center(facts, indicator, _arg):
    hosted = {a.hosting_id for a in _live(facts.landscape) if a.hosting_id is not None}
    return _service(facts, indicator, ("Pusat data melayani sebagian OPD.",
                                       any(c.id in hosted for c in facts.landscape.data_centers)))


def _intra_network(facts, indicator, _arg):
    return _service(facts, indicator, ("Sebagian OPD terhubung jaringan intra.",
                                       any(n.unit_ids for n in facts.landscape.networks)))


def _service_bus(facts, indicator, _arg):
    land = facts.landscape
    bus_links = [link for link in land.links if link.status is LinkStatus.ACTIVE
                 and link.channel is Channel.SERVICE_BUS]
    return _service(facts, indicator, ("Sebagian integrasi lewat service bus.",
                                       bool(land.service_buses) and bool(bus_links)))


def _managed_area(facts, indicator, area):
    proven = STATUS_LEVELS.get(facts.area_status.get(area, "none"), 1)
    steps = [(indicator.levels[n - 1], proven >= n) for n in (2, 3, 4, 5)]
    return climb(indicator.number, steps, facts.blockers)


def _competence(facts, indicator, _arg):
    """Competence from the talent register and the competence management area."""
    units = {u.id for u in facts.landscape.units}
    proven = STATUS_LEVELS.get(facts.area_status.get("competence", "none"), 1)
    return climb(indicator.number, [
        ("Sebagian OPD memiliki pegawai bersertifikat kompetensi digital.",
         bool(units & facts.certified_units)),
        ("Setiap OPD memiliki pegawai bersertifikat, dan manajemen kompetensi mengikuti "
         "pedoman.", bool(units) and units <= facts.certified_units and proven >= 3),
        ("Manajemen kompetensi direviu.", proven >= 4),
        ("Hasil reviu ditindaklanjuti.", proven >= 5),
    ])


def _policy(facts, indicator, kind):
    """An internal policy: enacted, complete, beyond the instansi, renewed."""
    doc = facts.documents.get(kind)
    return climb(indicator.number, [
        ("Kebijakan ditetapkan (bernomor dan bertanggal).", doc is not None and doc.enacted),
        ("Kebijakan berlaku untuk seluruh OPD dan seluruh muatannya.",
         doc is not None and doc.complete),
        ("Mengatur keterpaduan di luar instansi dan direviu.",
         doc is not None and doc.beyond_instansi and doc.reviewed),
        ("Kebijakan baru atau perubahan ditetapkan setelah reviu.",
         doc is not None and doc.followed_up),
    ])


#: rule name -> function(facts, indicator, argument); an instrument names them as
#: ``"rule"`` or ``"rule:argument"``
RULES = {
    "architecture_document": _architecture,
    "roadmap_document": _roadmap,
    "application_development": _application_development,
    "data_center_service": _data_center,
    "intra_network_service": _intra_network,
    "service_bus_use": _service_bus,
    "managed_area": _managed_area,
    "competence": _competence,
    "policy": _policy,
    **levels_pemdi.RULES,
}


def _rule_of(indicator):
    name, _sep, argument = indicator.rule.partition(":")
    return RULES.get(name), argument


def unknown_rules(instrument: Instrument) -> list[str]:
    """Name every indicator whose computed rule this registry does not know."""
    return [f"indikator {i.number}: aturan {i.rule!r} tidak dikenal"
            for i in instrument.indicators if i.rule and _rule_of(i)[0] is None]


def computed_indicators(instrument: Instrument | None = None) -> tuple[int, ...]:
    """Return the numbers of the instrument's indicators the registry computes."""
    instrument = instrument or default_instrument()
    return tuple(i.number for i in instrument.indicators
                 if i.rule and _rule_of(i)[0] is not None)


def compute_levels(facts: Facts, instrument: Instrument | None = None) -> dict[int, ComputedLevel]:
    """Compute the levels of the instrument's indicators the registry's facts evidence.

    ``instrument`` defaults to 59/2020; the facts' blockers must carry its indicator numbers.
    """
    instrument = instrument or default_instrument()
    found = {}
    for indicator in instrument.indicators:
        if not indicator.rule:
            continue
        function, argument = _rule_of(indicator)
        if function is not None:
            found[indicator.number] = function(facts, indicator, argument)
    return found
