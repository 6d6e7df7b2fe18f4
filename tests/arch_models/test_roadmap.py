"""Peta Rencana rules: the window, the yearly lines, the indicators."""

from arch_models.roadmap import CONTENT_AREAS, roadmap_problems


def test_seven_content_areas():
    assert len(CONTENT_AREAS) == 7
    assert "audit_tik" in CONTENT_AREAS


def test_a_sound_initiative_has_no_problems():
    years = [{"year": 2025, "amount": "1500000000"}, {"year": 2026, "amount": 0}]
    assert roadmap_problems(2025, 2029, years, [15, 18]) == {}


def test_window_longer_than_five_years_or_reversed_is_refused():
    assert "end_year" in roadmap_problems(2025, 2030, [])
    assert "end_year" in roadmap_problems(2026, 2025, [])


def test_years_outside_the_window_and_duplicates_are_named():
    problems = roadmap_problems(2025, 2027, [{"year": 2024}, {"year": 2026}, {"year": 2026}])
    assert "di luar jendela 2025-2027" in problems["years.0.year"][0]
    assert "dua kali" in problems["years.2.year"][0]
    assert "years.1.year" not in problems


def test_negative_or_non_numeric_amounts_are_refused():
    problems = roadmap_problems(2025, 2027, [{"year": 2025, "amount": -5},
                                             {"year": 2026, "amount": "banyak"}])
    assert problems["years.0.amount"] == ["Pagu tidak boleh negatif."]
    assert problems["years.1.amount"] == ["Pagu harus berupa angka."]


def test_unknown_indicator_is_refused():
    assert "indicators" in roadmap_problems(2025, 2026, [], [12, 48])
