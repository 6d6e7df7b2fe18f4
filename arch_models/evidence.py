"""Ladder steps proven by dated records: management areas and audits (docs/reference.md §3).

A status the instansi sets itself never raises a level on its own: each step names the dated
record that proves it (a plan, a guideline and its date, a review in the evaluation year, an
audit of the last two years), counted over the areas it needs ("2 dari 3 area").
"""

from __future__ import annotations

from dataclasses import dataclass

from arch_models.ladder import AUDIT_WINDOW, in_window, share
from arch_models.landscape import BUILT, AppKind, AuditorKind, Lifecycle, LinkStatus
from arch_models.messages import Msg

__all__ = ["Hosting", "area_steps", "audit_steps", "audits_in_window", "built",
           "development_steps", "document_followed_up", "document_reviewed", "exchanging",
           "hosting", "network_reach"]


def built(land):
    """Applications built or being built: planned ones prove nothing yet."""
    return [a for a in land.applications if a.lifecycle in BUILT]


def exchanging(land):
    """Active links that really move data (a hyperlink or a shared login does not)."""
    return [link for link in land.links
            if link.status is LinkStatus.ACTIVE and link.channel.exchanges_data]


def network_reach(land):
    """Return (the instansi's OPDs, those its intra networks reach)."""
    units = {u.id for u in land.units}
    return units, units & set().union(*(n.unit_ids for n in land.networks))


def document_reviewed(facts, kind):
    """Tell whether a document was reviewed in the evaluation year."""
    doc = facts.documents.get(kind)
    return doc is not None and doc.reviewed


def document_followed_up(facts, kind):
    """Tell whether that review of a document was followed up."""
    doc = facts.documents.get(kind)
    return doc is not None and doc.reviewed and doc.followed_up


def development_steps(facts):
    """Return the steps 2-5 of application development (15 of 59/2020, 13 of the Indeks Pemdi).

    Built with a lifecycle, every own application consulted with the ICT unit, controlled by it and
    reviewed this year, the review followed up. Aplikasi Umum are built nationally and prove nothing
    of the instansi's own development.
    """
    apps = built(facts.landscape)
    own = [a for a in apps if a.kind is AppKind.KHUSUS]
    running = [a for a in own if a.lifecycle is Lifecycle.PRODUCTION]
    consulted = sum(1 for a in own if a.consulted_ict_unit_on is not None)
    controlled = sum(1 for a in own if a.ict_controlled)
    reviewed = [a for a in running if facts.in_year(a.last_review_on)]
    followed = sum(1 for a in reviewed if a.review_followup.strip())
    return [
        (Msg("development_lifecycle", built=len(apps), umum=len(apps) - len(own)), bool(apps)),
        (Msg("development_consulted", consulted=share(consulted, len(own))),
         bool(own) and consulted == len(own)),
        (Msg("development_controlled", controlled=share(controlled, len(own)),
             reviewed=share(len(reviewed), len(running))),
         bool(running) and controlled == len(own) and len(reviewed) == len(running)),
        (Msg("development_followed_up", followed=share(followed, len(running))),
         bool(running) and followed == len(running)),
    ]


@dataclass(frozen=True, slots=True)
class Hosting:
    """Where the built applications run, counted for the data-centre criteria."""

    built: int  #: applications built or being built
    inside: int  #: of them, hosted in the instansi's own data centre or the PDN
    units: int  #: OPDs of the instansi
    served: int  #: OPDs with an application hosted inside
    used: int  #: data centres hosting them
    own: int  #: of those, the instansi's own (the PDN runs by the national SOP)
    with_sop: int  #: own centres with an operating SOP recorded
    on_pdn: int  #: centres that are, or are connected to, the PDN


def hosting(land):
    """Count where the built applications of a landscape run."""
    centers = {c.id: c for c in land.data_centers}
    apps = built(land)
    inside = [a for a in apps if a.hosting_id in centers
              and centers[a.hosting_id].kind.is_instansi_facility]
    used = {centers[a.hosting_id] for a in inside}
    units = {u.id for u in land.units}
    own = [c for c in used if not c.kind.is_national]
    return Hosting(
        built=len(apps), inside=len(inside), units=len(units),
        served=len({a.unit_id for a in inside} & units), used=len(used), own=len(own),
        with_sop=sum(1 for c in own if c.sop),
        on_pdn=sum(1 for c in used if c.uses_pdn or c.kind.is_national))


def area_steps(facts, keys, what, *, some_first=False):
    """Return the steps 2-5 of managed areas: planned, guided, reviewed this year, improved.

    With ``some_first`` the first step asks for part of the areas only (level 2 "sebagian").
    ``what`` names the areas: a text, or a ``Msg`` with its English.
    """
    areas = [facts.area(k) for k in keys]
    whole = len(areas)
    planned = sum(1 for a in areas if a.plan or a.guideline)
    guided = sum(1 for a in areas if a.guideline and a.guideline_on is not None
                 and facts.as_of is not None and a.guideline_on <= facts.as_of)
    reviewed = sum(1 for a in areas if facts.in_year(a.reviewed_on))
    improved = sum(1 for a in areas if a.status == "improved" and facts.in_year(a.reviewed_on))
    first = planned > 0 if some_first else planned == whole
    return [
        (Msg("area_planned", what=what, count=share(planned, whole)), first),
        (Msg("area_guided", what=what, count=share(guided, whole)), guided == whole),
        (Msg("area_reviewed", what=what, count=share(reviewed, whole)), reviewed == whole),
        (Msg("area_improved", what=what, count=share(improved, whole)), improved == whole),
    ]


def audits_in_window(facts):
    """Return the audit records of the last two years up to the day judged, whatever their kind."""
    if facts.as_of is None:
        return []
    start = facts.as_of - AUDIT_WINDOW
    return [a for a in facts.landscape.audits if in_window(a.performed_on, start, facts.as_of)]


def audit_steps(facts, kinds, what):
    """Return the steps 2-5 of the ICT audits, from the audit records of the window.

    The steps: planned, done to a guideline, by an external certified auditor, findings followed up.

    Every audit in the window counts: the best one proves the level, whatever its order.
    """
    found = audits_in_window(facts)
    whole = len(kinds)

    def kinds_with(test):
        return sum(1 for kind in kinds if any(a.type.value == kind and test(a) for a in found))

    def external(audit):
        return audit.auditor_kind is AuditorKind.EXTERNAL_CERTIFIED

    areas = {kind: facts.area(f"audit_{kind}") for kind in kinds}
    planned = sum(1 for kind in kinds if areas[kind].plan or areas[kind].guideline
                  or any(a.type.value == kind for a in found))
    guided = sum(1 for kind in kinds if areas[kind].guideline
                 and areas[kind].guideline_on is not None and facts.as_of is not None
                 and areas[kind].guideline_on <= facts.as_of
                 and any(a.type.value == kind for a in found))
    outside = kinds_with(external)
    followed = kinds_with(lambda a: external(a) and a.followed_up)
    return [
        (Msg("audit_planned", what=what, count=share(planned, whole)), planned == whole),
        (Msg("audit_guided", what=what, count=share(guided, whole)), guided == whole),
        (Msg("audit_external", what=what, count=share(outside, whole)), outside == whole),
        (Msg("audit_followed_up", what=what, count=share(followed, whole)),
         followed == whole),
    ]
