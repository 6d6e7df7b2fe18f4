"""Levels the registry's facts can prove, with their explanation (docs/reference.md §2-§4).

Each indicator of an instrument names the rule that computes it (``rule`` in the instrument
file); the rules of PermenPANRB 59/2020 are here, those of the Indeks Pemdi (8/2026) in
``levels_pemdi``. A rule reads the facts and the indicator (its number and criteria) and climbs
the ladder of ``ladder.climb``.
"""

from __future__ import annotations

from arch_models import levels_pemdi
from arch_models.evidence import (
    area_steps,
    audit_steps,
    built,
    development_steps,
    document_followed_up,
    document_reviewed,
    exchanging,
    hosting,
    network_reach,
)
from arch_models.ladder import (
    STATUS_LEVELS,
    AreaFacts,
    ComputedLevel,
    DocumentFacts,
    Facts,
    climb,
    share,
)
from arch_models.landscape import AppKind, Channel, Lifecycle
from arch_models.messages import Msg
from arch_models.reference.documents import NATIONAL_DOMAINS
from arch_models.reference.instrument import Instrument, default_instrument
from arch_models.roadmap import CONTENT_AREAS

__all__ = ["AreaFacts", "ComputedLevel", "DocumentFacts", "Facts", "RULES", "STATUS_LEVELS",
           "compute_levels", "computed_indicators", "unknown_rules"]


def _architecture(facts, indicator, _arg):
    doc = facts.documents.get("arsitektur_spbe")
    coded = [a for a in facts.landscape.applications if a.reference_code]
    return climb(indicator.number, [
        (Msg("architecture_enacted"), doc is not None and doc.enacted and bool(doc.domains)),
        (Msg("architecture_all_domains"),
         doc is not None and doc.domains >= set(NATIONAL_DOMAINS)),
        (Msg("architecture_national"), doc is not None and doc.reviewed and bool(coded)),
        (Msg("updated_after_review"), doc is not None and doc.followed_up),
    ])


def _roadmap(facts, indicator, _arg):
    doc = facts.documents.get("peta_rencana")
    return climb(indicator.number, [
        (Msg("roadmap_enacted"), doc is not None and doc.enacted and bool(facts.roadmap_areas)),
        (Msg("roadmap_all_areas"), facts.roadmap_areas >= set(CONTENT_AREAS)),
        (Msg("roadmap_budgeted"),
         facts.roadmap_budgeted_years >= 3 and doc is not None and doc.reviewed),
        (Msg("updated_after_review"), doc is not None and doc.followed_up),
    ])


def _infrastructure_review(facts):
    # 16-18 are reviewed and improved through the Arsitektur Infrastruktur document.
    return (document_reviewed(facts, "infrastructure"),
            document_followed_up(facts, "infrastructure"))


def _application_development(facts, indicator, _arg):
    """Compute the level of 15: every own application consulted, controlled, reviewed, followed up.

    Own applications are the instansi's; the review is this year's.
    """
    return climb(indicator.number, development_steps(facts), facts.blockers)


def _service(facts, indicator, first, complete, beyond):
    reviewed, improved = _infrastructure_review(facts)
    return climb(indicator.number, [
        first, complete,
        (Msg("service_beyond_reviewed", beyond=beyond[0]), beyond[1] and reviewed),
        (Msg("service_improved"), improved),
    ], facts.blockers)


def _data_center(facts, indicator, _arg):
    """16: the instansi's own data centre (or PDN) hosts every application, with an SOP."""
    h = hosting(facts.landscape)
    return _service(
        facts, indicator,
        (Msg("dc_serves_some", served=share(h.served, h.units)), h.served > 0),
        (Msg("dc_hosts_all", inside=share(h.inside, h.built), with_sop=share(h.with_sop, h.own)),
         h.built > 0 and h.inside == h.built and h.with_sop == h.own),
        (Msg("dc_on_pdn", on_pdn=share(h.on_pdn, h.used)), h.used > 0 and h.on_pdn == h.used))


def _intra_network(facts, indicator, _arg):
    """17: every OPD on the intra network, which reaches the government intranet (JIP)."""
    land = facts.landscape
    units, reached = network_reach(land)
    on_jip = sum(1 for n in land.networks if n.connected_to_jip)
    return _service(
        facts, indicator,
        (Msg("intra_some", reached=share(len(reached), len(units))), bool(reached)),
        (Msg("intra_all", reached=share(len(reached), len(units))),
         bool(units) and reached == units),
        (Msg("intra_jip", on_jip=share(on_jip, len(land.networks))),
         bool(land.networks) and on_jip == len(land.networks)))


def _service_bus(facts, indicator, _arg):
    """Compute the level of 18: every OPD with a live application integrates through the bus only.

    Also the bus reaches SPLP, and every application is integrated and reviewed.
    """
    land = facts.landscape
    apps = {a.id: a for a in land.applications}
    live = built(land)
    owners = {a.unit_id for a in live}
    through_bus, bypassing, integrated = set(), set(), set()
    for link in exchanging(land):
        ends = [apps[x] for x in (link.provider_id, link.consumer_id) if x in apps]
        integrated.update(a.id for a in ends)
        touched = {a.unit_id for a in ends}
        (through_bus if link.channel is Channel.SERVICE_BUS else bypassing).update(touched)
    joined = (through_bus - bypassing) & owners
    running = [a for a in live if a.kind is AppKind.KHUSUS
               and a.lifecycle is Lifecycle.PRODUCTION]
    reviewed = sum(1 for a in running if facts.in_year(a.last_review_on))
    linked = sum(1 for a in live if a.id in integrated)
    reviewed_doc, improved = _infrastructure_review(facts)
    on_splp = bool(land.service_buses) and all(b.connected_to_splp for b in land.service_buses)
    return climb(indicator.number, [
        (Msg("bus_some", joined=share(len(through_bus & owners), len(owners))),
         bool(land.service_buses) and bool(through_bus & owners)),
        (Msg("bus_all", joined=share(len(joined), len(owners))),
         bool(owners) and joined == owners),
        (Msg("bus_splp_reviewed_this_year"), on_splp and reviewed_doc),
        (Msg("bus_all_apps", linked=share(linked, len(live)),
             reviewed=share(reviewed, len(running))),
         bool(live) and linked == len(live) and reviewed == len(running) and improved),
    ], facts.blockers)


def _managed_area(facts, indicator, area):
    """Compute the level of a managed area (24 ICT assets).

    It asks for a plan, a dated guideline, a review this year and an improvement.
    """
    what = Msg.literal(indicator.name, indicator.name_in("en"))
    return climb(indicator.number, area_steps(facts, (area,), what), facts.blockers)


def _audit(facts, indicator, kind):
    """Compute the level of an ICT audit (29-31) from the audit records of the last two years."""
    what = Msg.literal(indicator.name, indicator.name_in("en"))
    return climb(indicator.number, audit_steps(facts, (kind,), what), facts.blockers)


def _competence(facts, indicator, _arg):
    """Competence from the talent register and the dated records of competence management."""
    units = {u.id for u in facts.landscape.units}
    certified = len(units & facts.certified_units)
    _plan, guided, reviewed, improved = area_steps(
        facts, ("competence",), Msg.literal("Manajemen kompetensi", "Competence management"))
    return climb(indicator.number, [
        (Msg("competence_some", certified=share(certified, len(units))), certified > 0),
        (Msg("competence_all_guided", certified=share(certified, len(units)),
             guided=guided[0].params["count"]),
         bool(units) and certified == len(units) and guided[1]),
        reviewed, improved,
    ])


def _policy(facts, indicator, kind):
    """Compute the level of an internal policy: enacted, complete, beyond the instansi, renewed."""
    doc = facts.documents.get(kind)
    return climb(indicator.number, [
        (Msg("policy_enacted"), doc is not None and doc.enacted),
        (Msg("policy_complete"), doc is not None and doc.complete),
        (Msg("policy_beyond"), doc is not None and doc.beyond_instansi and doc.reviewed),
        (Msg("policy_renewed"), doc is not None and doc.followed_up),
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
    "audit": _audit,
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
