"""Typed text: what input refuses and how exports neutralise formulas (issue 17.3-17.4)."""

import pytest

from arch_models.text import csv_cell, is_formula_like, printable, text_problem


@pytest.mark.parametrize(("value", "problem"), [
    ("Sistem Informasi", None), ("baris\nbaru\tdan tab", None), ("", None), ("   ", None),
    ("a\x00b", "control"), ("a\x1fb", "control"), ("a\x7fb", "control"),
    ("a\ud800b", "surrogate"), ("\u200b", "invisible"), (" \u200d\ufeff ", "invisible"),
])
def test_text_problem(value, problem):
    assert text_problem(value) == problem


def test_formula_like_text_is_neutralised_for_csv_and_controls_replaced():
    assert [is_formula_like(v) for v in ("=1", "+1", "-1", "@a", "\tx", "\rx", "a=1", 5)] == [
        True, True, True, True, True, True, False, False]
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_cell(-5) == -5
    assert printable("a\x01b\ud800") == "a\ufffdb\ufffd"
