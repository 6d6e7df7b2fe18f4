"""The SPBE evaluation instrument as data: domains, aspects, weighted indicators, predicates.

The built-in one is PermenPANRB 59/2020 (spbe-reference.md §1); another instrument can be loaded
from a JSON or YAML file, or from a mapping. Loading checks the
instrument and names every problem it finds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

__all__ = ["Aspect", "Domain", "Indicator", "Instrument", "InstrumentError", "PredicateBand",
           "default_instrument", "load_instrument"]

BUILT_IN = Path(__file__).with_name("permenpanrb_59_2020.json")
LEVELS = (1, 2, 3, 4, 5)


class InstrumentError(ValueError):
    """An instrument file is not usable; the message lists every problem."""


@dataclass(frozen=True, slots=True)
class Domain:
    """A domain of the instrument."""

    number: int
    name: str
    weight: Decimal


@dataclass(frozen=True, slots=True)
class Aspect:
    """An aspect of a domain."""

    number: int
    domain: int
    name: str
    weight: Decimal


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator, scored at a level from 1 to 5."""

    number: int
    name: str
    domain: int
    aspect: int
    weight: Decimal  #: percent of the whole index
    kind: str  #: process or service
    levels: tuple[str, ...]  #: the criteria of levels 1-5
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class PredicateBand:
    """A predicate and its index band: ``low`` included, ``high`` excluded but for the top band."""

    name: str
    low: Decimal
    high: Decimal


@dataclass(frozen=True, slots=True)
class Instrument:
    """A whole evaluation instrument."""

    id: str
    name: str
    domains: tuple[Domain, ...]
    aspects: tuple[Aspect, ...]
    indicators: tuple[Indicator, ...]
    predicates: tuple[PredicateBand, ...]

    def indicator(self, number: int) -> Indicator:
        """Return the indicator with this number."""
        for indicator in self.indicators:
            if indicator.number == number:
                return indicator
        raise KeyError(number)


def _dec(value):
    return Decimal(str(value))


def _read(source):
    if isinstance(source, dict):
        return source
    path = Path(source)
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            raw = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise InstrumentError(f"Berkas bukan YAML yang sah: {error}") from error
    else:
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as error:
            raise InstrumentError(f"Berkas bukan JSON yang sah: {error}") from error
    if not isinstance(raw, dict):
        raise InstrumentError("Berkas instrumen harus berisi satu objek (id, domains, aspects,"
                              " indicators, predicates).")
    return raw


def load_instrument(source) -> Instrument:
    """Load and check an instrument from a path or a mapping.

    :raises InstrumentError: listing every problem (weights, duplicates, bands, fields).
    """
    raw = _read(source)
    problems = []
    try:
        domains = tuple(Domain(int(d["number"]), str(d["name"]), _dec(d["weight"]))
                        for d in raw["domains"])
        aspects = tuple(Aspect(int(a["number"]), int(a["domain"]), str(a["name"]),
                               _dec(a["weight"])) for a in raw["aspects"])
        predicates = tuple(PredicateBand(str(p["name"]), _dec(p["min"]), _dec(p["max"]))
                           for p in raw["predicates"])
    except (KeyError, TypeError, ValueError) as error:
        raise InstrumentError(f"Domain, aspek atau predikat tidak lengkap: {error}") from error
    indicators = []
    for position, item in enumerate(raw.get("indicators") or [], start=1):
        label = f"indikator {item.get('number', f'ke-{position}')}"
        missing = [f for f in ("number", "name", "domain", "aspect", "weight", "levels")
                   if f not in item]
        if missing:
            problems.append(f"{label}: kolom {', '.join(missing)} tidak ada")
            continue
        levels = item["levels"]
        keys = sorted(int(k) for k in levels)
        if keys != list(LEVELS):
            problems.append(f"{label}: level harus 1 sampai 5, tertulis {keys}")
            continue
        indicators.append(Indicator(
            int(item["number"]), str(item["name"]), int(item["domain"]), int(item["aspect"]),
            _dec(item["weight"]), str(item.get("kind", "process")),
            tuple(str(levels[str(k)] if str(k) in levels else levels[k]) for k in LEVELS),
            str(item.get("evidence", ""))))
    problems += _check(domains, aspects, indicators, predicates)
    if problems:
        raise InstrumentError("Instrumen ditolak: " + "; ".join(problems) + ".")
    return Instrument(str(raw.get("id", "")), str(raw.get("name", "")), domains, aspects,
                      tuple(sorted(indicators, key=lambda i: i.number)), predicates)


def _num(value):
    """Write a Decimal as people do: 100.7, not 100.70 or 1E+2."""
    return f"{value.normalize():f}"


def _check(domains, aspects, indicators, predicates):
    problems = []
    total = sum((i.weight for i in indicators), Decimal(0))
    if total != 100:
        problems.append(f"jumlah bobot indikator {_num(total)}, seharusnya 100")
    numbers = [i.number for i in indicators]
    duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
    if duplicates:
        problems.append(f"nomor indikator ganda: {', '.join(map(str, duplicates))}")
    domain_numbers = {d.number for d in domains}
    aspect_numbers = {a.number for a in aspects}
    for indicator in indicators:
        if indicator.domain not in domain_numbers:
            problems.append(f"indikator {indicator.number}: domain {indicator.domain} tidak ada")
        if indicator.aspect not in aspect_numbers:
            problems.append(f"indikator {indicator.number}: aspek {indicator.aspect} tidak ada")
    for aspect in aspects:
        weight = sum((i.weight for i in indicators if i.aspect == aspect.number), Decimal(0))
        if weight != aspect.weight:
            problems.append(f"aspek {aspect.number}: bobot {_num(aspect.weight)}, tetapi jumlah"
                            f" bobot indikatornya {_num(weight)}")
    for domain in domains:
        weight = sum((a.weight for a in aspects if a.domain == domain.number), Decimal(0))
        if weight != domain.weight:
            problems.append(f"domain {domain.number}: bobot {_num(domain.weight)}, tetapi jumlah"
                            f" bobot aspeknya {_num(weight)}")
    bands = sorted(predicates, key=lambda p: p.low)
    for lower, upper in zip(bands, bands[1:], strict=False):
        if upper.low < lower.high:
            problems.append(f"predikat {lower.name} dan {upper.name} bertumpang tindih"
                            f" ({upper.low} < {lower.high})")
        elif upper.low > lower.high:
            problems.append(f"ada celah antara predikat {lower.name} dan {upper.name}"
                            f" ({lower.high} sampai {upper.low})")
    if bands and (bands[0].low > 1 or bands[-1].high < 5):
        problems.append("predikat harus mencakup indeks 1 sampai 5")
    return problems


@cache
def default_instrument() -> Instrument:
    """Return the built-in instrument (PermenPANRB 59/2020)."""
    return load_instrument(BUILT_IN)
