"""Evaluation instruments as data: (domains,) aspects, weighted indicators, predicates.

Two are built in, each for the evaluation years it governs: PermenPANRB 59/2020 (the SPBE
index, 4 domains, 8 aspects, 47 indicators; through 2025) and PermenPANRB 8/2026 (the Indeks
Pemerintah Digital, 7 aspects, 20 indicators, no domain layer; from 2026), docs/reference.md §1
and §7. Another instrument can be loaded from a JSON or YAML file, or from a mapping, in either
shape. Loading checks the instrument and names every problem it finds.

Names and level criteria may carry their English beside them (``name_en``, ``levels_en``,
``evidence_en``); an instrument without them reads in Indonesian in either language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

from arch_models.messages import language

__all__ = ["Aspect", "Catalogue", "Domain", "Indicator", "Instrument", "InstrumentError",
           "PredicateBand", "built_in_instruments", "default_instrument", "load_instrument"]

HERE = Path(__file__).parent
BUILT_IN = HERE / "permenpanrb_59_2020.json"
BUILT_IN_FILES = (BUILT_IN, HERE / "permenpanrb_8_2026.json")
LEVELS = (1, 2, 3, 4, 5)
#: what a record of the registry can cap (arch_models.reference.blocker_rules), per instrument
#: mapped to the indicator it caps there
BLOCKER_CONCERNS = ("application", "hosting", "data_center", "intra_network", "service_bus",
                    "integration_link", "service_integration", "audit_infrastructure",
                    "audit_application", "audit_security")
DEFAULT_LEVEL_NAMES = ("Rintisan", "Terkelola", "Terdefinisi", "Terpadu dan Terukur", "Optimum")


class InstrumentError(ValueError):
    """An instrument file is not usable; the message lists every problem."""


@dataclass(frozen=True, slots=True)
class Domain:
    """A domain of the instrument (59/2020 has four; the Indeks Pemdi has none)."""

    number: int
    name: str
    weight: Decimal
    name_en: str = ""

    def name_in(self, locale=None) -> str:
        """Return the name in the language of ``locale`` (Indonesian when no English)."""
        return _pick(self.name, self.name_en, locale)


@dataclass(frozen=True, slots=True)
class Aspect:
    """An aspect, in a domain when the instrument has domains."""

    number: int
    domain: int | None
    name: str
    weight: Decimal
    name_en: str = ""

    def name_in(self, locale=None) -> str:
        """Return the name in the language of ``locale`` (Indonesian when no English)."""
        return _pick(self.name, self.name_en, locale)


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator, scored at a level from 1 to 5."""

    number: int
    name: str
    domain: int | None
    aspect: int
    weight: Decimal  #: percent of the whole index
    kind: str  #: process or service
    levels: tuple[str, ...]  #: the criteria of levels 1-5
    evidence: str = ""
    #: the computed rule of arch_models.levels that evidences it ("" : entered by assessors)
    rule: str = ""
    #: the authority that computes its value (e.g. BSSN): entered with its source and date
    external: str = ""
    #: {instrument id: indicators of that instrument whose evidence carries over here}
    maps_from: dict[str, tuple[int, ...]] = field(default_factory=dict)
    name_en: str = ""  #: the English name ("": read the Indonesian)
    levels_en: tuple[str, ...] = ()  #: the English criteria of levels 1-5 (): the Indonesian
    evidence_en: str = ""

    def name_in(self, locale=None) -> str:
        """Return the name in the language of ``locale`` (Indonesian when no English)."""
        return _pick(self.name, self.name_en, locale)

    def level_text(self, level: int, locale=None) -> str:
        """Return the criterion of a level (1-5) in the language of ``locale``."""
        return self.levels_in(locale)[level - 1]

    def levels_in(self, locale=None) -> tuple[str, ...]:
        """Return the criteria of levels 1-5 in the language of ``locale``."""
        return self.levels_en if self.levels_en and language(locale) == "en" else self.levels

    def evidence_in(self, locale=None) -> str:
        """Return the usual evidence in the language of ``locale``."""
        return _pick(self.evidence, self.evidence_en, locale)


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
    index_name: str = "Indeks SPBE"
    valid_from: int | None = None  #: first evaluation year it governs (None: no bound)
    valid_until: int | None = None  #: last evaluation year it governs (None: no bound)
    level_names: tuple[str, ...] = DEFAULT_LEVEL_NAMES
    #: the architecture indicators the blocker summary always reports
    summary_indicators: tuple[int, ...] = ()
    #: blocker concern -> the indicator it caps (None: the service indicator of the record)
    blocker_targets: dict[str, int | None] = field(default_factory=dict)
    name_en: str = ""  #: the English name ("": read the Indonesian)

    def name_in(self, locale=None) -> str:
        """Return the name in the language of ``locale`` (Indonesian when no English)."""
        return _pick(self.name, self.name_en, locale)

    def indicator(self, number: int) -> Indicator:
        """Return the indicator with this number."""
        for indicator in self.indicators:
            if indicator.number == number:
                return indicator
        raise KeyError(number)

    def covers(self, year: int) -> bool:
        """Say whether the instrument governs the evaluation year."""
        return (self.valid_from is None or self.valid_from <= year) and \
            (self.valid_until is None or year <= self.valid_until)

    @property
    def groups(self):
        """The top layer of the structure: the domains, or the aspects when there are none."""
        return self.domains or self.aspects

    @property
    def group_key(self) -> str:
        """The Indicator attribute that names its group: ``domain`` or ``aspect``."""
        return "domain" if self.domains else "aspect"

    @property
    def audit_indicators(self) -> tuple[int, ...]:
        """The indicators the audit records cap (29-31 of 59/2020, 9 of the Indeks Pemdi)."""
        return tuple(sorted({n for concern, n in self.blocker_targets.items()
                             if concern.startswith("audit_") and n is not None}))

    def level_name(self, level: int) -> str:
        """Return the name of a level (1-5)."""
        return self.level_names[level - 1]


@dataclass(frozen=True)
class Catalogue:
    """The instruments an installation knows; the one of an evaluation year is chosen by year.

    Instruments loaded from a file come first: for the years they declare (every year when
    they declare none) they win over the built-in ones.
    """

    instruments: tuple[Instrument, ...]
    preferred: tuple[str, ...] = ()  #: ids loaded from a file, in preference order

    def get(self, instrument_id: str) -> Instrument:
        """Return the instrument with this id.

        :raises KeyError: when no instrument has it.
        """
        for instrument in self.instruments:
            if instrument.id == instrument_id:
                return instrument
        raise KeyError(instrument_id)

    def for_year(self, year: int) -> Instrument:
        """Return the instrument that governs an evaluation year."""
        covering = [i for i in self.instruments if i.covers(year)]
        if not covering:
            raise KeyError(year)
        preferred = [i for i in covering if i.id in self.preferred]
        if preferred:
            return preferred[0]
        # The most specific built-in: the one whose range starts latest.
        return max(covering, key=lambda i: -10**6 if i.valid_from is None else i.valid_from)

    def ids(self) -> tuple[str, ...]:
        """Return the ids of every instrument, in order."""
        return tuple(i.id for i in self.instruments)


def _pick(indonesian, english, locale):
    return english if english and language(locale) == "en" else indonesian


def _dec(value):
    return Decimal(str(value))


def _english(item, field_name, label, problems):
    """Return an optional English text of an item, or name the field when it is no text."""
    value = item.get(field_name)
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(f"{label}: {field_name} harus teks, tertulis {value!r}")
        return ""
    return value


def _english_levels(item, label, problems):
    """Return the optional English criteria of levels 1-5, or name levels_en when malformed."""
    levels = item.get("levels_en")
    if levels is None:
        return ()
    if not isinstance(levels, dict) or sorted(str(k) for k in levels) != [
            str(n) for n in LEVELS]:
        shown = sorted(str(k) for k in levels) if isinstance(levels, dict) else levels
        problems.append(f"{label}: levels_en harus berisi level 1 sampai 5, tertulis {shown!r}")
        return ()
    texts = [levels[k] for k in sorted(levels, key=int)]
    if not all(isinstance(t, str) and t.strip() for t in texts):
        problems.append(f"{label}: levels_en harus teks untuk setiap level")
        return ()
    return tuple(texts)


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
        raise InstrumentError("Berkas instrumen harus berisi satu objek (id, aspects,"
                              " indicators, predicates; domains bila ada).")
    return raw


def _optional_int(value, name, problems):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(f"{name} harus bilangan bulat, tertulis {value!r}")
        return None
    return value


def _indicator(item, position, aspects, problems):
    label = f"indikator {item.get('number', f'ke-{position}')}"
    missing = [f for f in ("number", "name", "aspect", "weight", "levels") if f not in item]
    if missing:
        problems.append(f"{label}: kolom {', '.join(missing)} tidak ada")
        return None
    levels = item["levels"]
    keys = sorted(int(k) for k in levels)
    if keys != list(LEVELS):
        problems.append(f"{label}: level harus 1 sampai 5, tertulis {keys}")
        return None
    aspect = aspects.get(int(item["aspect"]))
    domain = item.get("domain", aspect.domain if aspect is not None else None)
    maps_from = {}
    for other, numbers in (item.get("maps_from") or {}).items():
        if not isinstance(numbers, list) or not all(
                isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            problems.append(f"{label}: maps_from {other} harus daftar nomor indikator")
            continue
        maps_from[str(other)] = tuple(numbers)
    return Indicator(
        int(item["number"]), str(item["name"]), None if domain is None else int(domain),
        int(item["aspect"]), _dec(item["weight"]), str(item.get("kind", "process")),
        tuple(str(levels[str(k)] if str(k) in levels else levels[k]) for k in LEVELS),
        str(item.get("evidence", "")), str(item.get("rule") or ""),
        str(item.get("external") or ""), maps_from,
        name_en=_english(item, "name_en", label, problems),
        levels_en=_english_levels(item, label, problems),
        evidence_en=_english(item, "evidence_en", label, problems))


def load_instrument(source) -> Instrument:
    """Load and check an instrument from a path or a mapping, with or without domains.

    :raises InstrumentError: listing every problem (weights, duplicates, bands, fields).
    """
    raw = _read(source)
    problems = []
    try:
        domains = tuple(Domain(int(d["number"]), str(d["name"]), _dec(d["weight"]),
                               _english(d, "name_en", f"domain {d['number']}", problems))
                        for d in raw.get("domains") or ())
        aspects = tuple(Aspect(int(a["number"]),
                               None if a.get("domain") is None else int(a["domain"]),
                               str(a["name"]), _dec(a["weight"]),
                               _english(a, "name_en", f"aspek {a['number']}", problems))
                        for a in raw["aspects"])
        predicates = tuple(PredicateBand(str(p["name"]), _dec(p["min"]), _dec(p["max"]))
                           for p in raw["predicates"])
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:
        raise InstrumentError(f"Domain, aspek atau predikat tidak lengkap: {error}") from error
    by_number = {a.number: a for a in aspects}
    indicators = []
    for position, item in enumerate(raw.get("indicators") or [], start=1):
        try:
            found = _indicator(item, position, by_number, problems)
        except (TypeError, ValueError, ArithmeticError, AttributeError) as error:
            problems.append(f"indikator ke-{position}: {error}")
            continue
        if found is not None:
            indicators.append(found)
    years = raw.get("years") or {}
    if not isinstance(years, dict):
        problems.append("years harus berisi from dan/atau until")
        years = {}
    valid_from = _optional_int(years.get("from"), "years.from", problems)
    valid_until = _optional_int(years.get("until"), "years.until", problems)
    if valid_from is not None and valid_until is not None and valid_from > valid_until:
        problems.append(f"years.from {valid_from} sesudah years.until {valid_until}")
    level_names = tuple(str(n) for n in raw.get("level_names") or DEFAULT_LEVEL_NAMES)
    if len(level_names) != len(LEVELS):
        problems.append(f"level_names harus lima nama, tertulis {len(level_names)}")
    summary = tuple(raw.get("summary_indicators") or ())
    targets = dict(raw.get("blocker_targets") or {})
    name_en = _english(raw, "name_en", "instrumen", problems)
    problems += _check(domains, aspects, indicators, predicates)
    problems += _check_references(indicators, summary, targets)
    if problems:
        raise InstrumentError("Instrumen ditolak: " + "; ".join(problems) + ".")
    return Instrument(str(raw.get("id", "")), str(raw.get("name", "")), domains, aspects,
                      tuple(sorted(indicators, key=lambda i: i.number)), predicates,
                      index_name=str(raw.get("index_name") or "Indeks SPBE"),
                      valid_from=valid_from, valid_until=valid_until, level_names=level_names,
                      summary_indicators=summary, blocker_targets=targets, name_en=name_en)


def _num(value):
    """Write a Decimal as people do: 100.7, not 100.70 or 1E+2."""
    return f"{value.normalize():f}"


def _check_references(indicators, summary, targets):
    problems = []
    numbers = {i.number for i in indicators}
    for number in summary:
        if number not in numbers:
            problems.append(f"summary_indicators: indikator {number} tidak ada")
    for concern, number in targets.items():
        if concern not in BLOCKER_CONCERNS:
            problems.append(f"blocker_targets: {concern} tidak dikenal (pilih dari"
                            f" {', '.join(BLOCKER_CONCERNS)})")
        elif number is not None and number not in numbers:
            problems.append(f"blocker_targets: {concern} menunjuk indikator {number} yang"
                            " tidak ada")
    return problems


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
    aspect_domains = {a.number: a.domain for a in aspects}
    for aspect in aspects:
        if domains and aspect.domain not in domain_numbers:
            problems.append(f"aspek {aspect.number}: domain {aspect.domain} tidak ada")
        elif not domains and aspect.domain is not None:
            problems.append(f"aspek {aspect.number}: menyebut domain {aspect.domain}, tetapi"
                            " instrumen tidak memiliki domain")
    for indicator in indicators:
        if indicator.aspect not in aspect_domains:
            problems.append(f"indikator {indicator.number}: aspek {indicator.aspect} tidak ada")
        elif domains and indicator.domain != aspect_domains[indicator.aspect]:
            problems.append(f"indikator {indicator.number}: domain {indicator.domain} bukan"
                            f" domain aspeknya ({aspect_domains[indicator.aspect]})")
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
def built_in_instruments() -> tuple[Instrument, ...]:
    """Return the built-in instruments: PermenPANRB 59/2020, then PermenPANRB 8/2026."""
    return tuple(load_instrument(path) for path in BUILT_IN_FILES)


def default_instrument() -> Instrument:
    """Return the built-in PermenPANRB 59/2020 instrument."""
    return built_in_instruments()[0]
