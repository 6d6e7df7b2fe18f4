"""Backups carry the evidence files (issue 20): export-all writes them beside the document,
restore checks every hash, and the round trip is byte-identical (SQLite here; PostgreSQL when
REGISTRY_TEST_DATABASE_URL is set, as every test of the suite).
"""

import json
import shutil

import pytest
from sqlalchemy import select

from registry import models
from registry.demo.evidence import pdf_document, png_image
from registry.extensions import db
from registry.services import assessments, backup, demo, evidence
from registry.services.evidence_store import digest, get_store


@pytest.fixture
def landscape(app):
    """The demo (its 2026 assessment carries evidence) and one more file on two indicators."""
    demo.load_demo(apps=30)
    agency = db.session.scalars(select(models.Agency)).first()
    current = assessments.find_assessment(agency.id, 2026)
    row = evidence.upload_evidence(current.id, 16, "ba-integrasi.png", png_image(seed=3),
                                   actor=None, title="BA integrasi SPLP")
    evidence.attach_evidence(current.id, 18, row.id, actor=None)
    return current


def _wipe_database_and_store(app):
    db.session.remove()
    db.drop_all()
    db.create_all()
    shutil.rmtree(app.config["REGISTRY_EVIDENCE_DIR"])


def _folder_bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_the_round_trip_with_evidence_files_is_byte_identical(app, runner, landscape,
                                                              tmp_path):
    first = runner.invoke(args=["export-all", str(tmp_path / "first.json")])
    assert first.exit_code == 0, first.output
    folder = tmp_path / "first.evidence"
    stored = {r.sha256 for r in db.session.scalars(select(models.EvidenceFile))}
    assert len(stored) >= 4
    assert set(_folder_bytes(folder)) == stored
    assert all(digest(data) == name for name, data in _folder_bytes(folder).items())
    assert f"{len(stored)} berkas bukti" in first.output
    document = json.loads((tmp_path / "first.json").read_text())
    assert document["tables"]["evidence_files"]
    assert document["tables"]["indicator_evidence"]
    assert document["tables"]["indicator_fillers"]

    _wipe_database_and_store(app)
    restored = runner.invoke(args=["restore", str(tmp_path / "first.json")])
    assert restored.exit_code == 0, restored.output
    assert f"{len(stored)} berkas bukti diperiksa" in restored.output
    for sha256 in stored:
        assert get_store().read(sha256)

    second = runner.invoke(args=["export-all", str(tmp_path / "second.json")])
    assert second.exit_code == 0, second.output
    assert (tmp_path / "second.json").read_bytes() == (tmp_path / "first.json").read_bytes()
    assert _folder_bytes(tmp_path / "second.evidence") == _folder_bytes(folder)


def test_restore_refuses_a_tampered_or_missing_file_and_writes_nothing(app, runner, landscape,
                                                                       tmp_path):
    assert runner.invoke(args=["export-all", str(tmp_path / "b.json")]).exit_code == 0
    folder = tmp_path / "b.evidence"
    victim = sorted(folder.iterdir())[0]
    victim.write_bytes(pdf_document("diubah"))
    _wipe_database_and_store(app)
    refused = runner.invoke(args=["restore", str(tmp_path / "b.json")])
    assert refused.exit_code == 1
    assert victim.name[:12] in refused.output
    assert "SHA-256" in refused.output
    assert sum(backup.table_counts().values()) == 0
    victim.unlink()
    missing = runner.invoke(args=["restore", str(tmp_path / "b.json")])
    assert missing.exit_code == 1
    assert "tidak ada" in missing.output
    assert sum(backup.table_counts().values()) == 0
    shutil.rmtree(folder)
    no_folder = runner.invoke(args=["restore", str(tmp_path / "b.json")])
    assert no_folder.exit_code == 1
    assert "b.evidence" in no_folder.output


def test_a_second_export_into_the_same_place_leaves_no_stale_file(app, runner, landscape,
                                                                  tmp_path):
    assert runner.invoke(args=["export-all", str(tmp_path / "b.json")]).exit_code == 0
    stale = tmp_path / "b.evidence" / ("0" * 64)
    stale.write_bytes(b"lama")
    assert runner.invoke(args=["export-all", str(tmp_path / "b.json")]).exit_code == 0
    assert not stale.exists()
