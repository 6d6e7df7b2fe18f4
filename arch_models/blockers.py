"""Which records stand between the instansi and level 5, and why (docs/reference.md §3-§4).

The rule table in ``reference.blocker_rules`` says which concern and level each fact caps and
what the reason reads; the instrument of the year says which of its indicators each concern is
(``Instrument.blocker_targets``). This module only decides, record by record, whether the fact
holds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby
from operator import attrgetter, itemgetter
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
from arch_models.reference.blocker_rules import AUDIT_CONCERNS, AUDIT_NAMES, render, rule
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

    def reason_in(self, locale=None) -> str:
        """Say why the record caps the indicator, in the language of ``locale``."""
        return render(self.rule_id, "reason", locale, name=self.label or self.subject_name,
                      code=self.subject_code)

    def fix_in(self, locale=None) -> str:
        """Say what to change, in the language of ``locale``."""
        return render(self.rule_id, "fix", locale)


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


_new_tuple = tuple.__new__


class _Targets:
    """Concern -> indicator of the instrument in use, and the blockers made with it."""

    def __init__(self, targets):
        self.targets = targets
        # rule (and concern) -> (indicator or None, level, subject kind), worked out once per
        # rule: a national run makes tens of thousands of blockers from a dozen rules.
        self._heads = {}

    def blocker(self, rule_id, *, subject_id, code, name, unit_id=None, concern=None,
                indicator=None, label=""):
        key = rule_id if concern is None else (rule_id, concern)
        head = self._heads.get(key)
        if head is None:
            spec = rule(rule_id)
            head = self._heads[key] = (self.targets.get(concern or spec.concern),
                                       spec.caps_at, spec.subject)
        found, caps_at, subject = head
        # tuple.__new__ skips the Python-level __new__ of the NamedTuple, with the same result.
        return _new_tuple(Blocker, (rule_id, indicator if found is None else found, caps_at,
                                    subject, subject_id, code, name, unit_id, label))


def _application_blockers(landscape, as_of, exchanging, make):
    # centre id -> whether it is the instansi's (or a national) facility: the property is read
    # once per centre, not once per application
    in_house = {c.id: c.kind.is_instansi_facility for c in landscape.data_centers}
    # A review counts in the evaluation year only: not the year before, not after the day
    # judged (a review dated in the future proves nothing yet).
    year_start = date(as_of.year, 1, 1)
    retired, production, khusus = Lifecycle.RETIRED, Lifecycle.PRODUCTION, AppKind.KHUSUS
    development = Lifecycle.DEVELOPMENT
    for app in landscape.applications:
        lifecycle = app.lifecycle
        if lifecycle is retired:
            continue
        found = []
        # An Aplikasi Umum is built, reviewed and hosted nationally: only its use is local.
        if app.kind is khusus:
            if app.consulted_ict_unit_on is None:
                found.append("app_not_consulted")
            if lifecycle is development and not app.ict_controlled:
                # built outside the ICT unit's control: caught while it is being built
                found.append("app_outside_ict_control")
            if lifecycle is production:
                last_review_on = app.last_review_on
                if last_review_on is None:
                    found.append("app_never_reviewed")
                elif not year_start <= last_review_on <= as_of:
                    found.append("app_review_outdated")
                elif not app.review_followup.strip():
                    found.append("app_review_not_followed_up")
                if not app.ict_controlled:
                    found.append("app_outside_ict_control")
                hosted_in_house = in_house.get(app.hosting_id)
                if hosted_in_house is None:
                    found.append("app_hosting_unknown")
                elif not hosted_in_house:
                    found.append("app_hosted_outside")
        app_id, code, name, unit_id = app.id, app.code, app.name, app.unit_id
        for rule_id in found:
            yield make(rule_id, subject_id=app_id, code=code, name=name, unit_id=unit_id)
        if app.service_indicator and app_id not in exchanging:
            yield make("service_app_not_integrated", subject_id=app_id, code=code,
                       name=name, unit_id=unit_id, indicator=app.service_indicator)


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


def _link_blockers(moving, apps, make):
    # ``moving``: the active links that exchange data (see find_blockers)
    get = apps.get
    for link in moving:
        if link.channel not in _POINT_TO_POINT:
            continue
        provider, consumer = get(link.provider_id), get(link.consumer_id)
        if provider is None or consumer is None:
            continue
        yield make("link_point_to_point", subject_id=link.id, code=str(link.id),
                       name=f"{provider.name} → {consumer.name}", unit_id=provider.unit_id)


def _audit_rank(audit):
    """Rank how far an audit proves the ladder.

    External and followed up beats external beats internal; then the later one, then the higher id,
    so the choice never depends on row order.
    """
    external = audit.auditor_kind is AuditorKind.EXTERNAL_CERTIFIED
    return (external and audit.followed_up, external, audit.performed_on, audit.id)


def _audit_blockers(landscape, as_of, make):
    # every audit of the two years up to the day judged counts, and the best one wins
    cutoff = as_of - timedelta(days=AUDIT_VALID_DAYS)
    best = {}
    for audit in landscape.audits:
        if cutoff <= audit.performed_on <= as_of:
            kind = audit.type.value
            if kind not in best or _audit_rank(audit) > _audit_rank(best[kind]):
                best[kind] = audit
    for kind, concern in AUDIT_CONCERNS.items():
        audit = best.get(kind)
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


#: the order of find_blockers, which _sorted gives for less work
_ORDER = attrgetter("indicator", "caps_at", "subject_kind", "subject_name", "rule_id")
_EXCHANGING = frozenset(c for c in Channel if c.exchanges_data)
_POINT_TO_POINT = frozenset(c for c in Channel if c.is_point_to_point)
_PROVIDER, _CONSUMER = attrgetter("provider_id"), attrgetter("consumer_id")
_NAME, _RULE = itemgetter(6), itemgetter(0)
_INDICATOR_AND_KIND, _CAPS = itemgetter(1, 3), itemgetter(2)
_SUBJECT_ID, _UNIT = itemgetter(4), itemgetter(7)


def _sorted(found):
    """Return the blockers sorted by ``_ORDER``, for less work than one sort on that key.

    The first three fields (indicator, level, kind) take a handful of values: group by them,
    then sort each group by name and rule, last tie-break first (sorts are stable).
    """
    groups = {}
    for blocker in found:
        head = blocker[1:4]  # indicator, level, kind
        group = groups.get(head)
        if group is None:
            groups[head] = [blocker]
        else:
            group.append(blocker)
    ordered = []
    for head in sorted(groups):
        group = groups[head]
        group.sort(key=_RULE)
        group.sort(key=_NAME)
        ordered += group
    return ordered


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
    # the active links that exchange data, picked once: the service rule needs who they join,
    # the point-to-point rule those not through the bus
    active = LinkStatus.ACTIVE
    moving = [link for link in landscape.links
              if link.status is active and link.channel in _EXCHANGING]
    exchanging = set(map(_PROVIDER, moving))
    exchanging.update(map(_CONSUMER, moving))
    found = [
        *_application_blockers(landscape, as_of, exchanging, make),
        *_infrastructure_blockers(landscape, make),
        *_link_blockers(moving, apps, make),
        *(_audit_blockers(landscape, as_of, make) if audits else ()),
    ]
    return _sorted(found)


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
    # indicator -> (its blockers, the ids of the applications among them), filled run by run
    # of one indicator and kind: find_blockers sorts by both, so a national list is a few
    # dozen runs, each handled whole (any other order gives more runs, the same result)
    by_indicator = {}
    for (indicator, kind), run in groupby(blockers, key=_INDICATOR_AND_KIND):
        found, apps = by_indicator.setdefault(indicator, ([], set()))
        run = list(run)
        found.extend(run)
        if kind == "application":
            apps.update(map(_SUBJECT_ID, run))
    summaries = []
    for indicator in sorted(set(always) | set(by_indicator)):
        found, apps = by_indicator.get(indicator, ((), ()))
        max_level = min(set(map(_CAPS, found)), default=5)  # a few distinct levels
        units = set(map(_UNIT, found))
        units.discard(None)
        if not found:
            text = "Tidak ada hambatan yang tercatat menuju level 5."
        else:
            text = (f"Paling tinggi level {max_level}: {len(found)} hambatan"
                    f" ({len(apps)} aplikasi, {len(units)} OPD).")
        summaries.append(IndicatorSummary(indicator, max_level, len(found), len(apps),
                                          len(units), text, names.get(indicator, "")))
    return summaries
