"""What the computed levels read and how a ladder is climbed (docs/reference.md §2-§4, §7).

A computed level is the highest level whose criteria the facts meet: the ladder is climbed
from level 1 and stops at the first criterion not met, or at the lowest cap of the blockers.
The rules of each instrument live beside this module (``levels``, ``levels_pemdi``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from arch_models.landscape import Landscape
from arch_models.messages import Msg

__all__ = ["AreaFacts", "ComputedLevel", "DocumentFacts", "Facts", "STATUS_LEVELS",
           "AUDIT_WINDOW", "climb", "in_window", "share"]

#: area status -> the level the instansi says it reached (shown, never proof on its own)
STATUS_LEVELS = {"none": 1, "planned": 2, "guided": 3, "reviewed": 4, "improved": 5}
#: audits count when they are from the last 2 years before the day judged (§3)
AUDIT_WINDOW = timedelta(days=730)


def in_window(day, start, end):
    """Tell whether a dated record falls in [start, end] (both bounds included)."""
    return day is not None and start is not None and start <= day <= end


@dataclass(frozen=True, slots=True)
class AreaFacts:
    """The dated records of one ICT management area (or audit area)."""

    status: str = "none"  #: what the instansi says; raises no level on its own
    plan: str = ""  #: its roadmap or plan reference
    guideline: str = ""  #: its guideline (pedoman) reference
    guideline_on: date | None = None  #: the date the guideline was set
    reviewed_on: date | None = None  #: its last review


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
    """Everything the computed levels read, beyond the landscape and its blockers.

    The blockers must have been found with the ``blocker_targets`` of the instrument the
    levels are computed for: they carry that instrument's indicator numbers.
    """

    landscape: Landscape
    blockers: tuple = ()
    areas: dict[str, AreaFacts] = field(default_factory=dict)
    documents: dict[str, DocumentFacts] = field(default_factory=dict)
    roadmap_areas: frozenset[str] = frozenset()  #: content areas with an initiative
    roadmap_budgeted_years: int = 0  #: of the last three years, how many carry a budget line
    #: OPDs with at least one staff member holding a digital-competence certificate valid now
    certified_units: frozenset[int] = frozenset()
    #: applications published in the public catalogue
    published_apps: frozenset[int] = frozenset()
    #: the day the facts are judged at (the end of the evaluation year, or today)
    as_of: date | None = None

    @property
    def year_start(self):
        """The first day of the evaluation year: reviews before it are last year's."""
        return None if self.as_of is None else date(self.as_of.year, 1, 1)

    def in_year(self, day):
        """Tell whether a dated record falls in the evaluation year, up to the day judged."""
        return self.as_of is not None and in_window(day, self.year_start, self.as_of)

    def area(self, key):
        """Return the records of a management area (empty when none is kept)."""
        return self.areas.get(key, AreaFacts())


@dataclass(frozen=True, slots=True)
class ComputedLevel:
    """A level with why: the criteria met, the ones not met, and the blockers of the next.

    The criteria are ``Msg`` values: they read as their Indonesian text and render in English
    with ``in_("en")``.
    """

    indicator: int
    level: int
    met: tuple[Msg, ...]
    not_met: tuple[Msg, ...]
    blockers: tuple = ()


def climb(indicator, steps, blockers=()):
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
        not_met = [Msg("capped", cap=cap, count=capping), met[cap - 1]]
        met = met[:cap - 1]
        level = cap
    # The records that stand between this level and the next.
    return ComputedLevel(indicator, level, tuple(met), tuple(not_met),
                         tuple(b for b in own if b.caps_at <= level))


def share(part, whole):
    """Say "k dari n" ("k of n") for a criterion's count, as the page reads it."""
    return Msg("share", part=part, whole=whole)
