"""Rules for spreadsheets typed by many hands (issue 18): blank words, names, guesses, codes,
web addresses.
"""

import re

import pytest

from arch_models.import_rules import (
    CodeSequence,
    MapSpec,
    guess_choice,
    guess_column,
    host_class,
    is_blank_word,
    name_key,
    parse_map_spec,
)
from arch_models.reference.import_sheets import SYNONYMS
from arch_models.tabular import parse_sheet
from arch_models.text import web_address


@pytest.mark.parametrize("text", ["-", "–", "—", "n/a", "N/A", "?", "tidak ada", "belum ada",
                                  " Tidak  Ada ", "BELUM ADA", "--", "#N/A"])
def test_blank_words_mean_unknown(text):
    assert is_blank_word(text)


@pytest.mark.parametrize("text", ["2019", "ada", "aktif", "-1", "Dinas", "na"])
def test_other_words_are_not_blank(text):
    assert not is_blank_word(text)


def test_name_keys_ignore_case_spaces_and_punctuation():
    assert name_key(" Sistem  Informasi Kepegawaian. ") == name_key("SISTEM INFORMASI KEPEGAWAIAN")
    assert name_key("e-Kinerja") == name_key("eKinerja") == "ekinerja"
    assert name_key("SIMPEG") != name_key("SIMPEG 2")


@pytest.mark.parametrize(("word", "value"), [
    ("naktif", "retired"), ("n.aktif", "retired"), ("tdk aktif", "retired"),
    ("t. aktif", "retired"), ("aktf", "production"), ("prod", "production"),
    ("renc", "planned"), ("pengemb", "development"), ("NonAktif", "retired"),
])
def test_the_best_guess_for_a_status_word(word, value):
    assert guess_choice(word, SYNONYMS["lifecycle"]) == value


def test_no_guess_when_nothing_is_close():
    assert guess_choice("xyzzy", SYNONYMS["lifecycle"]) is None
    assert guess_choice("", SYNONYMS["lifecycle"]) is None


def test_a_hosting_guess_by_initials_and_by_a_name():
    words = {"pusat data pemda": "DC-PEMDA", "dc-pemda": "DC-PEMDA", "pdn sementara": "PDNS"}
    assert guess_choice("PDP", words) == "DC-PEMDA"
    assert guess_choice("pusat data pemkot", words) == "DC-PEMDA"


COLUMNS = {"name": ["Nama Aplikasi", "nama", "aplikasi"], "started_year": ["Tahun Mulai", "tahun"],
           "url": ["Alamat Web", "url", "link"], "description": ["Deskripsi", "keterangan"]}
KINDS = {"name": "text", "started_year": "year", "url": "url", "description": "long_text"}


def test_a_header_guess_by_its_words_by_its_content_and_by_what_is_missing():
    assert guess_column("Nama Aplikasinya", COLUMNS) == "name"
    assert guess_column("Thn", COLUMNS, samples=["2019", "2020", "-"], kinds=KINDS) == (
        "started_year")
    assert guess_column("Website", COLUMNS, samples=["simpeg.kota.go.id", "x.go.id/app"],
                        kinds=KINDS) == "url"
    assert guess_column("judul", COLUMNS, samples=["Sistem Informasi Kepegawaian", "e-Kinerja"],
                        kinds=KINDS, missing=["name"]) == "name"
    assert guess_column("Warna", COLUMNS, samples=["merah"], kinds=KINDS) is None


def test_generated_codes_follow_the_registry_pattern_and_skip_taken_ones():
    codes = CodeSequence("APP-", {"APP-0001", "app-0003", "SIMPEG", "APP-X"})
    assert [codes() for _ in range(3)] == ["APP-0004", "APP-0005", "APP-0006"]
    assert CodeSequence("OPD-", set(), width=3)() == "OPD-001"


@pytest.mark.parametrize(("typed", "stored"), [
    ("simpeg.kotacontoh.go.id", "https://simpeg.kotacontoh.go.id"),
    ("SIMPEG.KOTACONTOH.GO.ID", "https://simpeg.kotacontoh.go.id"),
    ("HTTP://Sipd.KotaContoh.go.id/", "http://sipd.kotacontoh.go.id"),
    ("www.kotacontoh.go.id/layanan/Izin/", "https://www.kotacontoh.go.id/layanan/Izin"),
    ("https://sipp.kotacontoh.go.id.", "https://sipp.kotacontoh.go.id"),
    ("https://sipp.kotacontoh.go.id./login", "https://sipp.kotacontoh.go.id/login"),
    ("https://x.go.id:443/", "https://x.go.id"),
    ("http://10.10.1.5:8080/simpeg", "http://10.10.1.5:8080/simpeg"),
    ("localhost:8080/app", "https://localhost:8080/app"),
    ("http://lama.contohprov.go.id/app", "http://lama.contohprov.go.id/app"),
])
def test_web_addresses_are_stored_normalised(typed, stored):
    assert web_address(typed) == stored
    assert web_address(stored) == stored


@pytest.mark.parametrize("typed", ["javascript:alert(1)", "JavaScript:alert(1)",
                                   "javascript://%0aalert(1)", "ftp://berkas.go.id",
                                   "data:text/html,x", "bukan alamat", "simpeg", "https://",
                                   "vbscript:msgbox(1)", "http://x.go.id:99999"])
def test_what_is_not_a_web_address_is_still_refused(typed):
    with pytest.raises(ValueError, match=re.escape(typed.rstrip("/"))):  # names what was typed
        web_address(typed)


@pytest.mark.parametrize(("host", "kind"), [
    ("simpeg.kotacontoh.go.id", "zone"), ("kotacontoh.go.id", "zone"),
    ("siasn.bkn.go.id", "outside"), ("notkotacontoh.go.id", "outside"),
    ("10.10.1.5", "ip"), ("::1", "ip"), ("localhost", "localhost"),
])
def test_hosts_are_told_apart_by_the_zone(host, kind):
    assert host_class(host, "kotacontoh.go.id") == kind


def test_map_options_read_column_word_and_target():
    assert parse_map_spec("Status:naktif=nonaktif") == MapSpec("Status", "naktif", "nonaktif")
    assert parse_map_spec(" Header : judul = Nama Aplikasi ") == MapSpec(
        "Header", "judul", "Nama Aplikasi")
    assert parse_map_spec("Hosting:Server a=b=DC-1") == MapSpec("Hosting", "Server a=b", "DC-1")
    for bad in ("Status", "Status:naktif", ":x=y", "Status:=y"):
        with pytest.raises(ValueError, match=f"^{re.escape(bad)}$"):
            parse_map_spec(bad)


# -- the sheet reader with these rules ----------------------------------------------------------

APPS = ["Nama Aplikasi", "Nama OPD", "Status", "Tahun Mulai", "Alamat Web", "Singkatan"]


def test_blank_words_in_optional_columns_are_unknown_and_tallied():
    sheet = parse_sheet("applications", APPS, [
        ["Satu", "Dinas A", "aktif", "-", "?", "n/a"],
        ["Dua", "Dinas A", "AKTIF", "–", "tidak ada", "-"],
        ["Tiga", "Dinas A", "Aktif ", "belum ada", "—", None],
    ])
    assert sheet.errors == []
    assert [values for _line, values in sheet.rows] == [
        {"name": n, "unit_name": "Dinas A", "lifecycle": "production"}
        for n in ("Satu", "Dua", "Tiga")]
    blanks = {(n.column, n.value): n.count for n in sheet.notes if n.kind == "blank"}
    assert blanks[("Tahun Mulai", "-")] == 1
    assert blanks[("Alamat Web", "?")] == 1
    assert sum(n.count for n in sheet.notes if n.kind == "blank") == 8


def test_an_unknown_word_is_one_problem_per_row_carrying_its_group():
    sheet = parse_sheet("applications", APPS, [["Satu", "Dinas A", "naktif", None, None, None]])
    [error] = sheet.errors
    assert (error.problem.value, error.value, error.group) == ("unknown_choice", "naktif",
                                                              "lifecycle")


def test_a_remembered_word_reads_as_its_value_and_a_header_as_its_column():
    sheet = parse_sheet("applications", ["judul", "OPD", "Status"],
                        [["Satu", "Dinas A", "naktif"]],
                        words={"lifecycle": {"naktif": "retired"}},
                        headers={"judul": "name"})
    assert sheet.errors == []
    assert sheet.rows[0][1]["lifecycle"] == "retired"
    assert sheet.rows[0][1]["name"] == "Satu"
    assert [(n.kind, n.value, n.detail) for n in sheet.notes] == [("mapped", "naktif", "retired")]


def test_a_word_remembered_as_unknown_reads_as_blank():
    sheet = parse_sheet("applications", APPS, [["Satu", "Dinas A", "lihat ket", None, None, None]],
                        words={"lifecycle": {"lihat ket": ""}})
    assert sheet.errors == []
    assert "lifecycle" not in sheet.rows[0][1]


def test_codes_are_optional_but_an_opd_is_required_by_code_or_name():
    sheet = parse_sheet("applications", ["Nama Aplikasi", "Kode OPD", "Nama OPD"], [
        ["Satu", None, "Dinas A"], ["Dua", "DINA", None], ["Tiga", "-", "?"]])
    assert [(e.line, e.column, e.problem.value) for e in sheet.errors] == [
        (4, "Kode OPD", "required")]
    missing = parse_sheet("applications", ["Nama Aplikasi", "Status"], [])
    assert [(e.column, e.problem.value) for e in missing.errors] == [
        ("Kode OPD", "missing_column")]


def test_a_row_with_problems_is_kept_aside_for_reference_checks():
    sheet = parse_sheet("applications", ["Nama Aplikasi", "Kode OPD", "Tahun Mulai"],
                        [["Satu", "HANTU", "20x9"]])
    assert sheet.rows == []
    assert sheet.bad_rows == [(2, {"name": "Satu", "unit_code": "HANTU"})]


def test_the_template_example_rows_are_skipped_with_a_note():
    from arch_models.reference.import_sheets import EXAMPLES
    from arch_models.tabular import all_columns

    columns = all_columns("applications")
    header = [c[1] + (" *" if c[3] else "") for c in columns]
    examples = [[row.get(c[0]) for c in columns] for row in EXAMPLES["applications"]]
    sheet = parse_sheet("applications", header, [*examples, ["X", "Satu", *[None] * 3, "D"]])
    assert [values["name"] for _line, values in sheet.rows] == ["Satu"]
    assert [(n.kind, n.count) for n in sheet.notes] == [("example", len(examples))]


def test_a_row_like_an_example_in_a_sheet_without_the_template_columns_is_data():
    sheet = parse_sheet("units", ["Nama OPD", "Singkatan"],
                        [["Contoh: Dinas Komunikasi dan Informatika", "Diskominfo"]])
    assert len(sheet.rows) == 1
    assert sheet.notes == []
