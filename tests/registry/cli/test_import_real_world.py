"""Issue 18 on the command line: a city's hand-typed inventory imports with a map."""

import re

import pytest
from sqlalchemy import select

from registry import models
from registry.extensions import db
from registry.services import import_mappings, infrastructure
from tests.registry.builders import city_sheet, import_city_bytes, row_count
from tests.registry.city_workbook import (
    APPLICATIONS,
    DASH_YEARS,
    NAKTIF,
    OPDS,
    application_rows,
)

STORED_STATUS = {"aktif": "production", "naktif": "retired", "nonaktif": "retired",
                 "pengembangan": "development", "direncanakan": "planned",
                 "dalam pengembangan": "development", "tidak aktif": "retired",
                 "non aktif": "retired"}


@pytest.fixture
def city_centres(city):
    for code, name, kind in (("DC-PEMDA", "Pusat Data Pemda", "own"),
                             ("PDNS", "PDN Sementara", "pdns")):
        infrastructure.create_record(models.DataCenter, {"agency_id": city.id, "code": code,
                                                         "name": name, "kind": kind}, actor=None)


def test_a_hand_typed_city_inventory_comes_in_whole_after_one_map_and_again_changes_nothing(
        runner, city, city_file):
    refused = runner.invoke(args=["import", str(city_file)])
    assert refused.exit_code == 1, refused.output
    out = refused.output
    # the unknown word is named once, with its rows and the option that maps it
    assert out.count("\u201cnaktif\u201d") == 1, out
    assert f"{NAKTIF} baris" in out
    assert '--map "Status:naktif=nonaktif"' in out
    # problems come grouped, not one line per row
    assert len(out.splitlines()) < 40, out
    assert row_count(models.Application) == 0
    assert row_count(models.Unit) == 0

    done = runner.invoke(args=["import", str(city_file), "--map", "Status:naktif=nonaktif"])
    assert done.exit_code == 0, done.output
    assert f"{DASH_YEARS} baris: \u201c-\u201d di Tahun Mulai dibaca sebagai tidak diketahui" \
        in done.output
    assert f"applications: {APPLICATIONS} baru" in done.output
    assert f"units: {len(OPDS)} baru" in done.output
    assert "di luar zona" in done.output
    assert "alamat IP" in done.output
    assert "localhost" in done.output
    assert "Keterangan Tambahan" in done.output  # a column it does not know: listed, no error

    apps = db.session.scalars(select(models.Application)).all()
    assert len(apps) == APPLICATIONS
    assert all(re.fullmatch(r"APP-\d{4}", a.code) for a in apps)
    assert len({a.code for a in apps}) == APPLICATIONS
    by_key = {(a.owner_unit.name, a.name): a for a in apps}
    assert {u.name for u in db.session.scalars(select(models.Unit))} == {n for n, _ in OPDS}
    for _row, expected in application_rows():
        stored = by_key[(expected["opd"], expected["name"])]
        word = " ".join(expected["status"].lower().split())
        assert stored.lifecycle.value == STORED_STATUS[word], expected
        assert stored.url == expected["url"], expected
        if expected["year"] in ("-", "belum ada", "\u2014"):
            assert stored.started_on is None
        else:
            assert stored.started_on.year in (2015, 2018, 2019, 2020)
    assert row_count(models.Application, models.Application.started_on.is_(None)) >= DASH_YEARS
    assert [(m.group, m.word, m.value) for m in import_mappings.list_mappings(city.id)] == [
        ("lifecycle", "naktif", "retired")]

    logged = row_count(models.ChangeLog)
    again = runner.invoke(args=["import", str(city_file)])
    assert again.exit_code == 0, again.output
    assert (f"applications: 0 baru, 0 diperbarui, {APPLICATIONS} tidak berubah"
            in again.output)
    assert f"units: 0 baru, 0 diperbarui, {len(OPDS)} tidak berubah" in again.output
    assert row_count(models.ChangeLog) == logged
    assert {a.code for a in db.session.scalars(select(models.Application))} == {
        a.code for a in apps}


def test_a_dry_run_with_a_map_saves_nothing_not_even_the_map(runner, city, city_file):
    tried = runner.invoke(args=["import", str(city_file), "--dry-run",
                                "--map", "Status:naktif=nonaktif"])
    assert tried.exit_code == 0, tried.output
    assert row_count(models.Application) == 0
    assert import_mappings.list_mappings(city.id) == []


def test_a_bad_map_option_is_refused_with_the_words_it_knows(runner, city, city_file):
    result = runner.invoke(args=["import", str(city_file), "--map", "Status:naktif=hidup"])
    assert result.exit_code != 0
    assert "hidup" in result.output
    assert "nonaktif" in result.output
    result = runner.invoke(args=["import", str(city_file), "--map", "Warna:x=y"])
    assert result.exit_code != 0
    assert "Warna" in result.output


def test_a_header_the_registry_does_not_know_is_mapped_and_remembered(runner, city, tmp_path):
    path = tmp_path / "judul.xlsx"
    path.write_bytes(city_sheet([["Sistem Kepegawaian", "Dinas Kesehatan", "aktif"]],
                                header=("judul", "OPD", "Status")))
    report = import_city_bytes(city, path.read_bytes(), dry_run=True)
    assert [(p.column, p.code) for p in report.problems] == [("Nama Aplikasi", "missing_column")]
    [unknown] = report.unknown_headers
    assert (unknown.header, unknown.guess, unknown.samples) == (
        "judul", "name", ["Sistem Kepegawaian"])
    refused = runner.invoke(args=["import", str(path)])
    assert refused.exit_code == 1
    assert '--map "Header:judul=Nama Aplikasi"' in refused.output
    done = runner.invoke(args=["import", str(path), "--map", "Header:judul=Nama Aplikasi"])
    assert done.exit_code == 0, done.output
    assert db.session.scalars(select(models.Application.name)).all() == ["Sistem Kepegawaian"]
    assert import_city_bytes(city, path.read_bytes()).counts["applications"].unchanged == 1


def test_hosting_is_read_by_the_names_the_pages_show(city, city_centres, runner, tmp_path):
    header = ("Nama Aplikasi", "Nama OPD", "Hosting")
    rows = [["A", "Dinas A", "Pusat Data Pemda"], ["B", "Dinas A", "PUSAT DATA PEMDA"],
            ["C", "Dinas A", "dc-pemda"], ["D", "Dinas A", "PDN Sementara"],
            ["E", "Dinas A", "Pusat data sendiri"], ["F", "Dinas A", "Server Dinas"],
            ["G", "Dinas A", "Server Dinas"]]
    path = tmp_path / "hosting.xlsx"
    path.write_bytes(city_sheet(rows, header=header))
    report = import_city_bytes(city, path.read_bytes(), dry_run=True)
    [unknown] = report.unknown_words
    assert (unknown.group, unknown.word, unknown.lines, unknown.guess) == (
        "hosting", "Server Dinas", [7, 8], None)
    assert ("DC-PEMDA", "Pusat Data Pemda (DC-PEMDA)") in unknown.options
    done = runner.invoke(args=["import", str(path), "--map",
                               "Hosting:server dinas=Pusat Data Pemda"])
    assert done.exit_code == 0, done.output
    hosted = dict(db.session.execute(select(models.Application.name, models.DataCenter.code)
                                     .join(models.DataCenter,
                                           models.DataCenter.id == models.Application.hosting_id))
                  .all())
    assert hosted == {"A": "DC-PEMDA", "B": "DC-PEMDA", "C": "DC-PEMDA", "D": "PDNS",
                      "E": "DC-PEMDA", "F": "DC-PEMDA", "G": "DC-PEMDA"}


def test_hosts_under_the_zone_become_domains_when_asked(city, runner, city_file):
    done = runner.invoke(args=["import", str(city_file), "--map", "Status:naktif=nonaktif",
                               "--domains-from-urls"])
    assert done.exit_code == 0, done.output
    domains = {d.fqdn: d for d in db.session.scalars(select(models.DomainName))}
    assert set(domains) == {"simpeg.kotacontoh.go.id", "sipd.kotacontoh.go.id",
                            "www.kotacontoh.go.id", "sipp.kotacontoh.go.id",
                            "lapor.kotacontoh.go.id"}
    simpeg = domains["simpeg.kotacontoh.go.id"]
    assert simpeg.application.url == "https://simpeg.kotacontoh.go.id"
    assert simpeg.unit_id == simpeg.application.owner_unit_id
    logged = row_count(models.ChangeLog)
    again = runner.invoke(args=["import", str(city_file), "--domains-from-urls"])
    assert again.exit_code == 0
    assert "domains: 0 baru, 0 diperbarui" in again.output
    assert row_count(models.ChangeLog) == logged
