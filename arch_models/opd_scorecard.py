"""A score per OPD, from the registry's facts, that an OPD can read and act on.

The score is a weighted share of what is already right, 0-100. Each component is a ratio of
the OPD's own records, so an OPD with three applications and one with three hundred are
measured alike; a component with nothing to measure (no live application, no domain) is left
out and the others share its weight. The components and weights are data (COMPONENTS), shown
on the page next to every score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from arch_models.reference.instrument import default_instrument

__all__ = ["COMPONENTS", "OpdFacts", "OpdScore", "rank", "score_opd"]

#: (key, weight, what it measures); the weights sum to 100
COMPONENTS = (
    ("integration", 25, "Aplikasi hidup yang bertukar data lewat service bus/SPLP"),
    ("hosting", 20, "Aplikasi hidup yang di-hosting di pusat data instansi atau PDN"),
    ("review", 20, "Aplikasi hidup yang direviu dan reviunya ditindaklanjuti"),
    ("consultation", 10, "Aplikasi yang dikonsultasikan dengan unit TIK sebelum dibangun"),
    ("domains", 10, "Domain aktif dengan aplikasi dan sertifikat TLS yang berlaku"),
    ("freshness", 5, "Aplikasi yang dikonfirmasi masih benar dalam 12 bulan terakhir"),
    ("competence", 10, "Pegawai bersertifikat kompetensi digital: satu per sepuluh aplikasi "
                       "hidup, paling sedikit satu"),
)
WEIGHTS = {key: weight for key, weight, _text in COMPONENTS}

#: one certified person is expected per this many live applications (at least one per OPD)
APPS_PER_CERTIFIED = 10


@dataclass(frozen=True)
class OpdFacts:
    """What the registry knows of one OPD, counted."""

    unit_id: int
    code: str
    name: str
    agency_id: int = 0
    apps_by_lifecycle: dict[str, int] = field(default_factory=dict)
    integrated: int = 0  #: live applications with an active link through the bus
    point_to_point: int = 0  #: active data-exchanging links bypassing the bus
    outside_dc: int = 0  #: live applications hosted nowhere known or in an OPD server room
    unreviewed: int = 0  #: live applications never reviewed
    unfollowed: int = 0  #: live applications reviewed without a follow-up document
    unconsulted: int = 0  #: live applications not consulted with the ICT unit
    stale: int = 0  #: live applications not confirmed in 12 months
    domains: int = 0  #: active domain names
    domains_without_tls: int = 0  #: active, with no certificate or an expired one
    domains_without_app: int = 0
    domains_healthy: int = 0  #: active, with an application and a certificate valid today
    pending_requests: int = 0
    certified_staff: int = 0  #: staff with a certificate valid today
    on_intra_network: bool = True

    @property
    def live(self) -> int:
        """Applications in development or production."""
        return self.apps_by_lifecycle.get("production", 0) + \
            self.apps_by_lifecycle.get("development", 0)

    @property
    def blockers(self) -> dict[int, int]:
        """How many of this OPD's records cap each indicator of 59/2020 (docs/reference.md §4)."""
        return self.blockers_for(default_instrument().blocker_targets)

    @property
    def blocker_counts(self) -> dict[str, int]:
        """How many of this OPD's records block each concern (application, hosting, ...)."""
        return {"application": self.unconsulted + self.unreviewed,
                "hosting": self.outside_dc,
                "intra_network": 0 if self.on_intra_network else 1,
                "integration_link": self.point_to_point}

    def blockers_for(self, targets) -> dict[int, int]:
        """Count how many of this OPD's records cap each indicator of an instrument.

        The indicators are its ``blocker_targets`` (15-18 under 59/2020; 13, 14 and 16 under the
        Indeks Pemdi).
        """
        found = {}
        for concern, n in self.blocker_counts.items():
            indicator = targets.get(concern)
            if n and indicator is not None:
                found[indicator] = found.get(indicator, 0) + n
        return dict(sorted(found.items()))


@dataclass(frozen=True)
class OpdScore:
    """An OPD's score with each component's share, and its place against its target."""

    facts: OpdFacts
    score: float | None
    components: dict[str, float | None]
    target: float | None = None
    rank: int | None = None

    @property
    def progress(self) -> float | None:
        """The score as a share of the target (1.0 = reached)."""
        if self.score is None or not self.target:
            return None
        return self.score / self.target

    @property
    def target_met(self) -> bool | None:
        """Tell whether the score reached the target; None when there is no target."""
        if self.score is None or self.target is None:
            return None
        return self.score >= self.target


def _ratio(good, total):
    return None if total <= 0 else max(0.0, min(1.0, good / total))


def component_ratios(facts: OpdFacts) -> dict[str, float | None]:
    """Return each component's share of what is right (None: nothing to measure)."""
    live = facts.live
    required = max(1, math.ceil(live / APPS_PER_CERTIFIED))
    return {
        "integration": _ratio(facts.integrated, live),
        "hosting": _ratio(live - facts.outside_dc, live),
        "review": _ratio(live - facts.unreviewed - facts.unfollowed, live),
        "consultation": _ratio(live - facts.unconsulted, live),
        "domains": _ratio(facts.domains_healthy, facts.domains),
        "freshness": _ratio(live - facts.stale, live),
        "competence": _ratio(min(facts.certified_staff, required), required) if live else None,
    }


def score_opd(facts: OpdFacts, *, target: float | None = None) -> OpdScore:
    """Score one OPD: 100 x the weighted mean of the components it has something for."""
    ratios = component_ratios(facts)
    weighed = [(WEIGHTS[key], value) for key, value in ratios.items() if value is not None]
    total = sum(weight for weight, _value in weighed)
    score = round(100 * sum(w * v for w, v in weighed) / total, 1) if total else None
    return OpdScore(facts, score, ratios, target)


def rank(scores: list[OpdScore]) -> list[OpdScore]:
    """Order by score (best first, unscored last) and number the places; ties share one."""
    ordered = sorted(scores, key=lambda s: (s.score is None, -(s.score or 0), s.facts.name))
    ranked, place, previous = [], 0, object()
    for index, item in enumerate(ordered, start=1):
        if item.score is None:
            ranked.append(item)
            continue
        if item.score != previous:
            place, previous = index, item.score
        ranked.append(OpdScore(item.facts, item.score, item.components, item.target, place))
    return ranked
