"""Setting up an instansi: zones as typed, OPD lists as pasted."""

import re

import pytest

from arch_models.agencies import normalise_zone, parse_unit_list


@pytest.mark.parametrize(("typed", "stored"), [
    ("kotacontoh.go.id", "kotacontoh.go.id"),
    ("  KotaContoh.GO.ID. ", "kotacontoh.go.id"),
    ("https://www.kotacontoh.go.id/portal/", "kotacontoh.go.id"),
    ("kotacontoh.go.id:443", "kotacontoh.go.id"),
])
def test_zones_are_stored_as_dns_compares_them(typed, stored):
    assert normalise_zone(typed) == stored


@pytest.mark.parametrize("typed", ["localhost", "kota contoh.go.id", "-x.go.id", "", "http://"])
def test_what_is_not_a_zone_is_refused(typed):
    with pytest.raises(ValueError, match=f"^{re.escape(typed.removeprefix('http://'))}$"):
        normalise_zone(typed)


def test_a_pasted_list_reads_names_codes_and_acronyms():
    text = ("Kode\tNama\tSingkatan\n"
            "DINKES\tDinas Kesehatan\tDinkes\n"
            "Badan Perencanaan Pembangunan Daerah\n"
            "DISDIK; Dinas Pendidikan\n"
            "\n"
            "|Dinas Komunikasi dan Informatika|Diskominfo\n")
    units, problems = parse_unit_list(text)
    assert problems == []
    assert [(u.code, u.name, u.acronym) for u in units] == [
        ("DINKES", "Dinas Kesehatan", "Dinkes"),
        ("BPPD", "Badan Perencanaan Pembangunan Daerah", None),
        ("DISDIK", "Dinas Pendidikan", None),
        ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "Diskominfo"),
    ]


def test_made_codes_never_clash():
    units, problems = parse_unit_list("Dinas Kesehatan\nDinas Kebudayaan\nDK; Dinas Koperasi")
    assert problems[0].problem == "duplicate_code"
    assert problems[0].line == 3
    assert [u.code for u in units] == ["DK", "DK-2"]


def test_every_problem_is_named_by_line():
    units, problems = parse_unit_list(
        "A;B;C;D\nX Y;Dinas Sosial\nDINKES;Dinas Kesehatan\nZ;dinas kesehatan")
    assert [(p.line, p.problem) for p in problems] == [
        (1, "too_many_columns"), (2, "bad_code"), (4, "duplicate_name")]
    assert [u.code for u in units] == ["DINKES"]
