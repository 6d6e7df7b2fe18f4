"""Full backup and restore: export-all, restore into an empty database, export-all: identical."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from registry import models
from registry.extensions import db
from registry.services import backup, demo, organisation, users
from tests.registry.builders import total_rows, wipe_schema


@pytest.fixture
def landscape(app):
    """Load a small but complete registry: every kind of row, the change log included."""
    demo.load_demo(apps=40)
    architect = db.session.scalar(select(models.User).where(models.User.role == "architect"))
    users.create_token(architect, "integrasi", actor=None)
    architect.last_login_at = datetime(2026, 3, 4, 5, 6, 7, 890123)
    line = db.session.scalars(select(models.InitiativeYear).order_by(models.InitiativeYear.id)
                              ).first()
    line.amount = Decimal("1234567.89")
    db.session.commit()


def _export(runner, path):
    result = runner.invoke(args=["export-all", str(path)])
    assert result.exit_code == 0, result.output
    return path.read_bytes()


def test_round_trip_through_an_empty_database_gives_the_same_document(runner, landscape,
                                                                      tmp_path):
    first = _export(runner, tmp_path / "first.json")
    document = json.loads(first)
    for name in ("agencies", "units", "users", "api_tokens", "applications",
                 "integration_links", "domain_names", "network_units", "assessments",
                 "indicator_scores", "initiatives", "initiative_years", "change_log"):
        assert document["tables"][name], f"the landscape has no {name}"
    wipe_schema()
    restored = runner.invoke(args=["restore", str(tmp_path / "first.json")])
    assert restored.exit_code == 0, restored.output
    assert f"  applications: {len(document['tables']['applications'])}" in restored.output
    assert _export(runner, tmp_path / "second.json") == first


def test_the_document_has_the_header_and_a_deterministic_layout(runner, landscape, tmp_path):
    body = _export(runner, tmp_path / "backup.json").decode()
    document = json.loads(body)
    assert list(document) == ["format", "version", "schema_revision", "tables"]
    assert document["format"] == "spbe-registry-backup"
    assert document["version"] == 1
    assert document["schema_revision"] == backup.schema_revision()
    assert list(document["tables"]) == [t.name for t in backup.backup_tables()]
    assert "alembic_version" not in document["tables"]
    for rows in document["tables"].values():
        for row in rows:
            assert list(row) == sorted(row)
    ids = [row["id"] for row in document["tables"]["applications"]]
    assert ids == sorted(ids)
    links = [(r["network_id"], r["unit_id"]) for r in document["tables"]["network_units"]]
    assert links == sorted(links)


def test_values_come_back_as_their_python_types(runner, landscape, tmp_path):
    _export(runner, tmp_path / "backup.json")
    document = json.loads((tmp_path / "backup.json").read_text())
    line = min(document["tables"]["initiative_years"], key=lambda r: r["id"])
    assert line["amount"] == "1234567.89"
    wipe_schema()
    assert runner.invoke(args=["restore", str(tmp_path / "backup.json")]).exit_code == 0
    restored = db.session.get(models.InitiativeYear, line["id"])
    assert restored.amount == Decimal("1234567.89")
    architect = db.session.scalar(select(models.User).where(models.User.role == "architect"))
    assert architect.last_login_at == datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)
    assert architect.role is models.Role.ARCHITECT
    assert isinstance(db.session.scalars(select(models.Application.started_on)
                                         .where(models.Application.started_on.is_not(None))
                                         ).first(), date)
    assert users.authenticate("arsitek@demo.go.id", demo.DEMO_PASSWORD) is not None


def test_new_rows_after_a_restore_get_new_ids(runner, landscape, tmp_path):
    _export(runner, tmp_path / "backup.json")
    wipe_schema()
    assert runner.invoke(args=["restore", str(tmp_path / "backup.json")]).exit_code == 0
    top_unit = db.session.scalar(select(func.max(models.Unit.id)))
    top_log = db.session.scalar(select(func.max(models.ChangeLog.id)))
    agency = db.session.scalars(select(models.Agency)).first()
    unit = organisation.create_unit({"agency_id": agency.id, "code": "BARU", "name": "Dinas Baru",
                                     "acronym": "DB", "is_ict_unit": False}, actor=None)
    assert unit.id > top_unit
    assert db.session.scalar(select(func.max(models.ChangeLog.id))) > top_log


def test_restore_refuses_a_database_that_is_not_empty_and_writes_nothing(runner, landscape,
                                                                         tmp_path):
    _export(runner, tmp_path / "backup.json")
    before = backup.table_counts()
    result = runner.invoke(args=["restore", str(tmp_path / "backup.json")])
    assert result.exit_code == 1
    assert "tidak kosong" in result.stderr
    assert "applications (40)" in result.stderr
    assert "--replace" in result.stderr
    assert backup.table_counts() == before


def test_restore_with_replace_puts_back_exactly_the_backup(runner, landscape, tmp_path):
    first = _export(runner, tmp_path / "first.json")
    organisation.create_unit({"agency_id": db.session.scalars(select(models.Agency)).first().id,
                              "code": "SESUDAH", "name": "Dibuat sesudah cadangan"}, actor=None)
    result = runner.invoke(args=["restore", "--replace", "--yes", str(tmp_path / "first.json")])
    assert result.exit_code == 0, result.output
    assert _export(runner, tmp_path / "second.json") == first


def test_replace_asks_before_emptying_the_registry(runner, landscape, tmp_path):
    _export(runner, tmp_path / "backup.json")
    organisation.create_unit({"agency_id": db.session.scalars(select(models.Agency)).first().id,
                              "code": "SESUDAH", "name": "Dibuat sesudah cadangan"}, actor=None)
    before = backup.table_counts()
    result = runner.invoke(args=["restore", "--replace", str(tmp_path / "backup.json")],
                           input="n\n")
    assert result.exit_code == 1
    assert "Lanjutkan?" in result.output
    assert backup.table_counts() == before


def _restore_text(runner, tmp_path, body):
    path = tmp_path / "broken.json"
    path.write_text(body, encoding="utf-8")
    return runner.invoke(args=["restore", str(path)])


def _edit(body, change):
    document = json.loads(body)
    change(document)
    return json.dumps(document)


def _unit(document, n=1):
    return document["tables"]["units"][n]


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d["tables"].update({"planets": []}), ["tidak dikenal", "planets"]),
    (lambda d: _unit(d).update({"colour": "red"}),
     ["units", "baris 2 (id=2)", "tidak dikenal", "colour"]),
    (lambda d: _unit(d).pop("name"), ["units", "baris 2 (id=2)", "tidak ada", "name"]),
    (lambda d: _unit(d).update({"agency_id": "satu"}),
     ["units", "baris 2 (id=2)", "kolom agency_id", "bilangan bulat"]),
    (lambda d: _unit(d).update({"is_ict_unit": 1}), ["units", "kolom is_ict_unit", "true"]),
    (lambda d: _unit(d).update({"created_at": "kemarin"}), ["units", "kolom created_at", "ISO"]),
    (lambda d: _unit(d).update({"name": None}), ["units", "kolom name", "null"]),
    (lambda d: _unit(d).update({"code": "X" * 41}), ["units", "kolom code", "40"]),
    (lambda d: d["tables"]["agencies"][0].update({"kind": "negara"}),
     ["agencies", "baris 1 (id=1)", "kolom kind", "provinsi"]),
    (lambda d: d["tables"]["units"].append([1, 2]), ["units", "baris 4", "objek"]),
    (lambda d: d["tables"].update({"units": {}}), ["units", "daftar baris"]),
    (lambda d: d["tables"].pop("network_units"), ["tidak ada", "network_units"]),
    (lambda d: d.update({"tables": dict(reversed(d["tables"].items()))}),
     ["sebelum tabel yang dirujuknya"]),
])
def test_restore_refuses_a_malformed_file_naming_where_and_writes_nothing(
        runner, small_backup, tmp_path, change, expected):
    result = _restore_text(runner, tmp_path, _edit(small_backup, change))
    assert result.exit_code == 1
    for part in expected:
        assert part in result.stderr
    assert total_rows() == 0


def test_a_wrong_value_in_the_last_table_rolls_back_the_tables_before_it(runner, small_backup,
                                                                         tmp_path):
    def break_last_unit(document):
        document["tables"]["units"][-1]["agency_id"] = 1.5

    result = _restore_text(runner, tmp_path, _edit(small_backup, break_last_unit))
    assert result.exit_code == 1
    assert "baris 3 (id=3), kolom agency_id" in result.stderr
    assert total_rows() == 0


@pytest.mark.parametrize("cut", [
    lambda body: body[: len(body) // 2],
    lambda body: body.replace('"name": "Unit 1"', '"name": "Unit 1",,'),
    lambda body: "",
    lambda body: body + "[]",
])
def test_restore_refuses_a_file_that_is_not_json(runner, small_backup, tmp_path, cut):
    result = _restore_text(runner, tmp_path, cut(small_backup))
    assert result.exit_code == 1
    assert "JSON" in result.stderr
    assert total_rows() == 0


def test_bad_json_inside_a_table_names_the_table_row_and_line(runner, small_backup, tmp_path):
    body = small_backup.replace('"name": "Unit 1"', '"name": Unit 1')
    result = _restore_text(runner, tmp_path, body)
    line = body.splitlines().index(next(x for x in body.splitlines() if "Unit 1" in x)) + 1
    assert "Tabel units, baris 2" in result.stderr
    assert f"baris {line} berkas" in result.stderr


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("format", "something-else", "bukan cadangan registri SPBE"),
    ("version", 2, "Versi format cadangan 2"),
    ("version", True, "Versi format cadangan true"),
    ("schema_revision", "0001", "revisi skema \"0001\""),
])
def test_restore_refuses_another_format_version_or_revision(runner, small_backup, tmp_path,
                                                            key, value, expected):
    result = _restore_text(runner, tmp_path,
                           _edit(small_backup, lambda d: d.update({key: value})))
    assert result.exit_code == 1
    assert expected in result.stderr
    assert total_rows() == 0
