"""Which records stand between the instansi and level 5, and why (spbe-reference.md §3-§4).

The rule table in ``reference.blocker_rules`` says which concern and level each fact caps and
what the reason reads; the instrument of the year says which of its indicators each concern is
(``Instrument.blocker_targets``). This module only decides, record by record, whether the fact
holds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter
from typing import NamedTuple

from arch_models.landscape import (
    AppKind,
    AuditorKind,
    Channel,
    DataCenterKind,
    Landscape,
    Lifecycle,
    LinkStatus,
)
from arch_models.reference.blocker_rules import AUDIT_CONCERNS, AUDIT_NAMES, rule
from arch_models.reference.instrument import default_instrument

__all__ = [
    "Blocker",
    "IndicatorSummary",
    "SUMMARY_INDICATORS",
    "blockers_by_application",
    "blockers_by_unit",
    "find_blockers",
    "summarise",
]

#: the architecture indicators of 59/2020 the summary always reports, blockers or not
SUMMARY_INDICATORS = (15, 16, 17, 18)
REVIEW_VALID_DAYS = 365
AUDIT_VALID_DAYS = 730  # audits count when they are from the last 2 years


class Blocker(NamedTuple):
    """One record that caps one indicator, with the reason and what to change.

    A NamedTuple, as the landscape's bulk snapshots are: a national run makes tens of thousands.
    """

    rule_id: str
    indicator: int
    caps_at: int
    subject_kind: str
    subject_id: int | None
    subject_code: str
    subject_name: str
    unit_id: int | None
    label: str = ""  #: the name the reason uses, when it differs from the record's name

    @property
    def reason(self) -> str:
        """Say in Bahasa Indonesia why the record caps the indicator."""
        # Formatted when read: a national run finds tens of thousands of blockers and most
        # are only counted.
        return rule(self.rule_id).reason.format(name=self.label or self.subject_name)

    @property
    def fix(self) -> str:
        """Say what to change."""
        return rule(self.rule_id).fix


@dataclass(frozen=True, slots=True)
class IndicatorSummary:
    """What stands between the instansi and level 5 on one indicator."""

    indicator: int
    max_level: int
    blocker_count: int
    application_count: int
    unit_count: int
    text: str
    name: str = ""  #: the indicator's name in the instrument the blockers are read for


class _Targets:
    """Concern -> indicator of the instrument in use, and the blockers made with it."""

    def __init__(self, targets):
        self.targets = targets

    def blocker(self, rule_id, *, subject_id, code, name, unit_id=None, concern=None,
                indicator=None, label=""):
        spec = rule(rule_id)
        found = self.targets.get(concern or spec.concern)
        return Blocker(rule_id, indicator if found is None else found, spec.caps_at,
                       spec.subject, subject_id, code, name, unit_id, label)


def _application_blockers(landscape, as_of, exchanging, make):
    centers = {c.id: c for c in landscape.data_centers}
    review_cutoff = as_of - timedelta(days=REVIEW_VALID_DAYS)
    for app in landscape.applications:
        if app.lifecycle is Lifecycle.RETIRED:
            continue
        found = []
        # An Aplikasi Umum is built, reviewed and hosted nationally: only its use is local.
        if app.kind is AppKind.KHUSUS:
            if app.consulted_ict_unit_on is None:
                found.append("app_not_consulted")
            if app.lifecycle is Lifecycle.PRODUCTION:
                if app.last_review_on is None:
                    found.append("app_never_reviewed")
                elif app.last_review_on < review_cutoff:
                    found.append("app_review_outdated")
                elif not app.review_followup.strip():
                    found.append("app_review_not_followed_up")
                if not app.ict_controlled:
                    found.append("app_outside_ict_control")
                center = centers.get(app.hosting_id)
                if center is None:
                    found.append("app_hosting_unknown")
                elif not center.kind.is_instansi_facility:
                    found.append("app_hosted_outside")
        for rule_id in found:
            yield make(rule_id, subject_id=app.id, code=app.code, name=app.name,
                       unit_id=app.unit_id)
        if app.service_indicator and app.id not in exchanging:
            yield make("service_app_not_integrated", subject_id=app.id, code=app.code,
                       name=app.name, unit_id=app.unit_id, indicator=app.service_indicator)


def _infrastructure_blockers(landscape, make):
    hosted = {a.hosting_id for a in landscape.applications if a.lifecycle is not Lifecycle.RETIRED}
    for center in landscape.data_centers:
        if (center.kind in (DataCenterKind.OWN, DataCenterKind.COLOCATION)
                and center.id in hosted and not center.uses_pdn):
            yield make("dc_not_using_pdn", subject_id=center.id, code=center.code,
                           name=center.name)
    if not landscape.networks:
        yield make("no_intra_network", subject_id=None, code="", name="")
    reached = set().union(*(n.unit_ids for n in landscape.networks))
    for unit in landscape.units:
        if landscape.networks and unit.id not in reached:
            yield make("unit_not_on_network", subject_id=unit.id, code=unit.code,
                           name=unit.name, unit_id=unit.id)
    for network in landscape.networks:
        if not network.connected_to_jip:
            yield make("network_not_jip", subject_id=network.id, code="", name=network.name)
    if not landscape.service_buses:
        yield make("no_service_bus", subject_id=None, code="", name="")
    for bus in landscape.service_buses:
        if not bus.connected_to_splp:
            yield make("bus_not_splp", subject_id=bus.id, code="", name=bus.name)


def _link_blockers(landscape, apps, make):
    point_to_point = {c for c in Channel if c.is_point_to_point}
    for link in landscape.links:
        if link.status is not LinkStatus.ACTIVE or link.channel not in point_to_point:
            continue
        provider, consumer = apps.get(link.provider_id), apps.get(link.consumer_id)
        if provider is None or consumer is None:
            continue
        yield make("link_point_to_point", subject_id=link.id, code=str(link.id),
                       name=f"{provider.name} → {consumer.name}", unit_id=provider.unit_id)


def _audit_blockers(landscape, as_of, make):
    cutoff = as_of - timedelta(days=AUDIT_VALID_DAYS)
    latest = {}
    for audit in landscape.audits:
        if audit.performed_on >= cutoff:
            kind = audit.type.value
            if kind not in latest or audit.performed_on > latest[kind].performed_on:
                latest[kind] = audit
    for kind, concern in AUDIT_CONCERNS.items():
        audit = latest.get(kind)
        label = AUDIT_NAMES[kind]
        if audit is None:
            rule_id = "audit_missing"
        elif audit.auditor_kind is not AuditorKind.EXTERNAL_CERTIFIED:
            rule_id = "audit_internal_only"
        elif not audit.followed_up:
            rule_id = "audit_not_followed_up"
        else:
            continue
        yield make(rule_id, subject_id=audit.id if audit else None, code=kind, name=label,
                   concern=concern, label=label)


_ORDER = attrgetter("indicator", "caps_at", "subject_kind", "subject_name", "rule_id")


def find_blockers(landscape: Landscape, *, as_of: date, audits: bool = True,
                  targets=None) -> list[Blocker]:
    """Return every blocker of the landscape, sorted by indicator, level, then record.

    ``targets`` maps each concern to the indicator it caps (an instrument's
    ``blocker_targets``; default: those of 59/2020). Retired applications and links that are
    not active never block. With ``audits=False`` the audit rules are skipped, for callers that
    keep no audit records.
    """
    make = _Targets(default_instrument().blocker_targets if targets is None else targets).blocker
    apps = {a.id: a for a in landscape.applications}
    exchanging = set()
    for link in landscape.links:
        if link.status is LinkStatus.ACTIVE and link.channel.exchanges_data:
            exchanging.update((link.provider_id, link.consumer_id))
    found = [
        *_application_blockers(landscape, as_of, exchanging, make),
        *_infrastructure_blockers(landscape, make),
        *_link_blockers(landscape, apps, make),
        *(_audit_blockers(landscape, as_of, make) if audits else ()),
    ]
    return sorted(found, key=_ORDER)


def blockers_by_application(blockers) -> dict[int, list[Blocker]]:
    """Group the application blockers by application id."""
    grouped = defaultdict(list)
    for blocker in blockers:
        if blocker.subject_kind == "application":
            grouped[blocker.subject_id].append(blocker)
    return dict(grouped)


def blockers_by_unit(blockers) -> dict[int, list[Blocker]]:
    """Group the blockers that belong to an OPD by unit id."""
    grouped = defaultdict(list)
    for blocker in blockers:
        if blocker.unit_id is not None:
            grouped[blocker.unit_id].append(blocker)
    return dict(grouped)


def summarise(blockers, always=SUMMARY_INDICATORS, names=None) -> list[IndicatorSummary]:
    """Summarise per indicator: the highest level reachable and what stands in the way.

    The indicators in ``always`` (an instrument's ``summary_indicators``) are reported even
    when nothing blocks them; ``names`` ({number: name}) names them.
    """
    names = names or {}
    by_indicator = defaultdict(list)
    for blocker in blockers:
        by_indicator[blocker.indicator].append(blocker)
    summaries = []
    for indicator in sorted(set(always) | set(by_indicator)):
        found = by_indicator.get(indicator, [])
        max_level = min((b.caps_at for b in found), default=5)
        apps = {b.subject_id for b in found if b.subject_kind == "application"}
        units = {b.unit_id for b in found if b.unit_id is not None}
        if not found:
            text = "Tidak ada hambatan yang tercatat menuju level 5."
        else:
            text = (f"Paling tinggi level {max_level}: {len(found)} hambatan"
                    f" ({len(apps)} aplikasi, {len(units)} OPD).")
        summaries.append(IndicatorSummary(indicator, max_level, len(found), len(apps),
                                          len(units), text, names.get(indicator, "")))
    return summaries
