"""Rules of the Peta Rencana SPBE (roadmap): content areas, the five-year window, budget lines."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

__all__ = ["CONTENT_AREAS", "MAX_WINDOW_YEARS", "roadmap_problems"]

#: the seven contents a Peta Rencana must cover (indicator 12, docs/reference.md §3)
CONTENT_AREAS = ("tata_kelola", "manajemen", "layanan", "infrastruktur", "aplikasi", "keamanan",
                 "audit_tik")
MAX_WINDOW_YEARS = 5


def roadmap_problems(start_year, end_year, years, indicators=()) -> dict[str, list[str]]:
    """Return what is wrong with an initiative's window, yearly lines and indicators, per field.

    ``years`` is a list of mappings with ``year`` and ``amount``; amounts may be text.
    """
    problems: dict[str, list[str]] = {}

    def add(field, message):
        problems.setdefault(field, []).append(message)

    if end_year < start_year:
        add("end_year", "Tahun akhir tidak boleh sebelum tahun awal.")
    elif end_year - start_year + 1 > MAX_WINDOW_YEARS:
        add("end_year", f"Jendela Peta Rencana paling lama {MAX_WINDOW_YEARS} tahun.")
    seen = set()
    for index, line in enumerate(years):
        year = line.get("year")
        if year in seen:
            add(f"years.{index}.year", f"Tahun {year} tercatat dua kali.")
        seen.add(year)
        if year is not None and not start_year <= year <= end_year:
            add(f"years.{index}.year",
                f"Tahun {year} di luar jendela {start_year}-{end_year}.")
        amount = line.get("amount")
        if amount is not None:
            try:
                value = Decimal(str(amount))
            except InvalidOperation:
                add(f"years.{index}.amount", "Pagu harus berupa angka.")
                continue
            if value < 0:
                add(f"years.{index}.amount", "Pagu tidak boleh negatif.")
    for indicator in indicators:
        if not 1 <= indicator <= 47:
            add("indicators", f"Indikator {indicator} tidak ada (1-47).")
    return problems
