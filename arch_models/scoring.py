"""The index of an instrument: weighted levels, sub-indices, predicate, what-if, best moves.

Index = Σ level × weight / 100; a domain or aspect sub-index is Σ level × w / Σ w
(docs/reference.md §1 and §7: the same arithmetic for the SPBE index and the Indeks Pemdi).
The predicate is read from the index as published, to two decimals, so the number a reader
sees and its predicate always agree (2.5995 is shown 2.60 and is Baik under 59/2020).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from arch_models.reference.instrument import Instrument

__all__ = ["IndexResult", "Move", "best_moves", "index", "next_level_gaps", "predicate",
           "published", "what_if"]


def published(value) -> Decimal:
    """Return an index as it is published: two decimals, half up."""
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class IndexResult:
    """An index with its sub-indices and predicate; values are exact Decimals."""

    value: Decimal
    predicate: str
    domains: dict[int, Decimal]  #: empty for an instrument without domains
    aspects: dict[int, Decimal]

    @property
    def rounded(self) -> Decimal:
        """Return the index as published: two decimals."""
        return published(self.value)


@dataclass(frozen=True, slots=True)
class Move:
    """Raising one indicator to a higher level, and what it adds to the index."""

    indicator: int
    from_level: int
    to_level: int
    index_gain: Decimal
    gain_per_level: Decimal


def _checked(levels: Mapping[int, int], instrument: Instrument) -> dict[int, int]:
    """Return the levels of every indicator; missing indicators are an error, not level 1."""
    result = {}
    missing = []
    for indicator in instrument.indicators:
        level = levels.get(indicator.number)
        if level is None:
            missing.append(indicator.number)
            continue
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
            raise ValueError(f"Indikator {indicator.number}: level {level!r} bukan 1 sampai 5.")
        result[indicator.number] = level
    if missing:
        raise ValueError(f"Level belum diisi untuk indikator {', '.join(map(str, missing))}.")
    return result


def predicate(value, instrument: Instrument) -> str:
    """Return the predicate of an index value as published.

    Two decimals; the top band includes its upper bound.
    """
    value = published(value)
    bands = sorted(instrument.predicates, key=lambda p: p.low)
    for band in bands:
        if band.low <= value < band.high:
            return band.name
    if value == bands[-1].high:
        return bands[-1].name
    raise ValueError(f"Indeks {value} di luar rentang predikat.")


def index(levels: Mapping[int, int], instrument: Instrument) -> IndexResult:
    """Compute the index, its domain and aspect sub-indices, and its predicate."""
    checked = _checked(levels, instrument)
    total = sum((checked[i.number] * i.weight for i in instrument.indicators), Decimal(0)) / 100

    def sub_index(group):
        weight = sum((i.weight for i in group), Decimal(0))
        return sum((checked[i.number] * i.weight for i in group), Decimal(0)) / weight

    domains = {d.number: sub_index([i for i in instrument.indicators if i.domain == d.number])
               for d in instrument.domains}
    aspects = {a.number: sub_index([i for i in instrument.indicators if i.aspect == a.number])
               for a in instrument.aspects}
    return IndexResult(total, predicate(total, instrument), domains, aspects)


def what_if(levels: Mapping[int, int], changes: Mapping[int, int],
            instrument: Instrument) -> IndexResult:
    """Return the index if the given indicators were at the given levels."""
    return index({**levels, **changes}, instrument)


def best_moves(levels: Mapping[int, int], instrument: Instrument, *, limit: int = 10):
    """Return the next-level move of each indicator below 5, the largest gain first.

    The index is linear, so a level gained is worth the indicator's weight whatever the level;
    among equal weights the indicator furthest behind comes first (its next level is the
    easiest to prove).
    """
    checked = _checked(levels, instrument)
    moves = [Move(i.number, checked[i.number], checked[i.number] + 1, i.weight / 100,
                  i.weight / 100)
             for i in instrument.indicators if checked[i.number] < 5]
    moves.sort(key=lambda m: (-m.gain_per_level, m.from_level, m.indicator))
    return moves[:limit]


def next_level_gaps(levels: Mapping[int, int], instrument: Instrument):
    """Return (indicator, current level, criteria of the next level) for each below 5."""
    checked = _checked(levels, instrument)
    return [(i.number, checked[i.number], i.levels[checked[i.number]])
            for i in instrument.indicators if checked[i.number] < 5]
