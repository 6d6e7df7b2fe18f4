"""Evidence files (issue 20) in the services: kept by SHA-256, typed by content, linked, copied."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from registry import models
from registry.demo.evidence import pdf_document, png_image
from registry.errors import PermissionDeniedError, ValidationFailedError
from registry.extensions import db
from registry.services import assessments, demo, evidence, evidence_pack
from registry.services.evidence_store import (
    EvidenceIntegrityError,
    LocalEvidenceStore,
    digest,
    get_store,
    sanitise_filename,
)
from tests.registry.builders import EXE

#: a Windows program: what a renamed .exe starts with


def xlsx_bytes():
    book = Workbook()
    book.active.append(["Aplikasi", "OPD"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


# -- the store ----------------------------------------------------------------------------------


def test_the_store_keeps_bytes_under_their_sha256_and_gives_them_back(tmp_path):
    store = LocalEvidenceStore(tmp_path)
    data = pdf_document("Pergub 12/2024")
    sha256 = store.put(data)
    assert sha256 == digest(data)
    assert store.exists(sha256)
    assert store.path_of(sha256) == tmp_path / sha256[:2] / sha256[2:4] / sha256
    assert store.read(sha256) == data
    assert store.put(data) == sha256  # the same bytes are one file
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [sha256]


def test_a_tampered_file_is_refused_on_read(tmp_path):
    store = LocalEvidenceStore(tmp_path)
    sha256 = store.put(pdf_document("Laporan reviu"))
    path = store.path_of(sha256)
    path.write_bytes(path.read_bytes().replace(b"reviu", b"REVIU"))
    with pytest.raises(EvidenceIntegrityError, match="SHA-256 tidak cocok"):
        store.read(sha256)
    path.unlink()
    with pytest.raises(EvidenceIntegrityError, match="tidak ada"):
        store.read(sha256)
    with pytest.raises(EvidenceIntegrityError):
        store.read("../../etc/passwd")


# -- what an upload may be ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data", "media_type"), [
    ("SK Tim.pdf", pdf_document("SK"), "application/pdf"),
    ("portal.png", png_image(), "image/png"),
    ("inventaris.xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument"
                                      ".spreadsheetml.sheet"),
    ("notulen.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument"
                                   ".wordprocessingml.document"),
])
def test_pdf_images_and_office_documents_are_kept_with_the_type_of_their_content(
        opened, name, data, media_type):
    assessment, coordinator = opened
    row = evidence.upload_evidence(assessment.id, 13, name, data, actor=coordinator)
    assert row.media_type == media_type
    assert row.size == len(data)
    assert row.sha256 == digest(data)
    assert get_store().read(row.sha256) == data


def test_a_renamed_exe_sent_as_pdf_is_refused_and_nothing_is_kept(opened):
    assessment, coordinator = opened
    with pytest.raises(ValidationFailedError) as refused:
        evidence.upload_evidence(assessment.id, 13, "laporan-audit.pdf", EXE, actor=coordinator)
    assert "bukan jenis yang diterima" in refused.value.errors["file"][0]
    assert "program Windows" in refused.value.errors["file"][0]
    assert db.session.query(models.EvidenceFile).count() == 0
    assert not get_store().exists(digest(EXE))


@pytest.mark.parametrize(("name", "data", "says"), [
    ("gambar.pdf", png_image(), "isinya PNG"),
    ("laporan.docx", pdf_document("x"), "isinya PDF"),
    ("halaman.pdf", b"<html><script>alert(1)</script></html>", "HTML/XML/SVG"),
    ("ikon.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "bukan jenis yang diterima"),
    ("arsip.zip", zipfile.ZipFile.__doc__.encode()[:0] + b"PK\x03\x04" + b"\x00" * 40,
     "bukan jenis yang diterima"),
    ("kosong.pdf", b"", "kosong"),
])
def test_uploads_whose_content_is_not_what_the_name_says_are_refused(opened, name, data, says):
    assessment, coordinator = opened
    with pytest.raises(ValidationFailedError) as refused:
        evidence.upload_evidence(assessment.id, 13, name, data, actor=coordinator)
    assert says in refused.value.errors["file"][0]


def test_the_size_limit_is_configurable(app, opened):
    assessment, coordinator = opened
    app.config["REGISTRY_EVIDENCE_MAX_MB"] = 1
    big = pdf_document("Besar") + b"%" + b"x" * (1024 * 1024)
    with pytest.raises(ValidationFailedError, match="paling besar 1 MB"):
        evidence.upload_evidence(assessment.id, 13, "besar.pdf", big, actor=coordinator)


@pytest.mark.parametrize(("given", "kept"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\ani\\Laporan <final>.PDF", "Laporan _final.pdf"),
    ("\x00\x1bSK\u202e.pdf", "SK.pdf"),
    (".htaccess.pdf", "htaccess.pdf"),
    ("Notulen Rapat Tim Pemdi.pdf", "Notulen Rapat Tim Pemdi.pdf"),
    ("Surat Kepala Dinas Komunikasi dan Informatika " * 5 + ".pdf", None),
    ("", "berkas"),
])
def test_names_are_sanitised(given, kept):
    name = sanitise_filename(given)
    if kept is not None:
        assert name == kept
    assert len(name) <= 120
    assert "/" not in name
    assert "\\" not in name


# -- files on indicators ------------------------------------------------------------------------


def test_one_file_serves_several_indicators_and_is_kept_once(opened):
    assessment, coordinator = opened
    data = pdf_document("Arsitektur Pemdi 2026")
    row = evidence.upload_evidence(assessment.id, 1, "arsitektur.pdf", data, actor=coordinator,
                                   title="Perkada Arsitektur Pemdi 2026")
    evidence.attach_evidence(assessment.id, 16, row.id, actor=coordinator)
    again = evidence.upload_evidence(assessment.id, 15, "salinan.pdf", data, actor=coordinator)
    assert again.id == row.id
    assert db.session.query(models.EvidenceFile).count() == 1
    refreshed = assessments.get_assessment(assessment.id)
    on = {s.indicator for s in refreshed.scores if s.attachments}
    assert on == {1, 15, 16}
    evidence.detach_evidence(assessment.id, 16, row.id, actor=coordinator)
    refreshed = assessments.get_assessment(assessment.id)
    assert not assessments.score_of(refreshed, 16).attachments
    assert assessments.score_of(refreshed, 1).attachments[0].file.title \
        == "Perkada Arsitektur Pemdi 2026"


def test_links_to_registry_records_stay_beside_the_files(opened):
    assessment, coordinator = opened
    score = assessments.score_of(assessment, 13)
    assessments.set_indicator(assessment.id, 13, {"evidence": [
        {"label": "Reviu aplikasi SIMPEG", "url": "/inventory/applications/1"}]},
        actor=coordinator, expected_version=score.version)
    evidence.upload_evidence(assessment.id, 13, "reviu.pdf", pdf_document("Reviu"),
                             actor=coordinator)
    score = assessments.score_of(assessments.get_assessment(assessment.id), 13)
    assert score.evidence == [{"label": "Reviu aplikasi SIMPEG",
                               "url": "/inventory/applications/1"}]
    assert [a.file.filename for a in score.attachments] == ["reviu.pdf"]


def test_a_viewer_cannot_upload(opened, make_user):
    assessment, _coordinator = opened
    with pytest.raises(PermissionDeniedError):
        evidence.upload_evidence(assessment.id, 13, "x.pdf", pdf_document("x"),
                                 actor=make_user("viewer"))


def test_the_completeness_check_lists_indicators_above_level_1_without_evidence(opened):
    assessment, coordinator = opened
    for number, level in ((4, 3), (19, 2)):
        score = assessments.score_of(assessment, number)
        assessments.set_indicator(assessment.id, number, {"entered_level": level},
                                  actor=coordinator, expected_version=score.version)
    evidence.upload_evidence(assessment.id, 19, "sop.pdf", pdf_document("SOP"),
                             actor=coordinator)
    refreshed = assessments.get_assessment(assessment.id)
    gaps = evidence.completeness(refreshed, assessments.instrument_of(refreshed))
    above = {s.indicator for s in refreshed.scores if s.level > 1}
    assert 4 in {g.indicator for g in gaps}
    assert 19 not in {g.indicator for g in gaps}
    assert {g.indicator for g in gaps} == above - {19}


# -- the demo -----------------------------------------------------------------------------------


def test_the_demos_2026_assessment_has_evidence_so_the_pack_is_not_empty(app):
    demo.load_demo(apps=30)
    agency = db.session.query(models.Agency).first()
    current = assessments.find_assessment(agency.id, 2026)
    with_files = sorted(s.indicator for s in current.scores if s.attachments)
    assert len(with_files) >= 3
    entries = evidence_pack.pack_entries(current)
    assert entries
    assert all(get_store().read(e.file.sha256) for e in entries)
    assert current.coordinator is not None
    assert current.coordinator.email == "arsitek@demo.go.id"
    assert any(s.fillers for s in current.scores)
    assert any(s.responsible for s in current.scores)


def test_files_go_with_the_evidence_when_copied_forward(agency, make_user):
    architect = make_user("architect")
    last = assessments.open_assessment(agency.id, 2025, actor=architect)
    row = evidence.upload_evidence(last.id, 18, "splp.pdf", pdf_document("SPLP"),
                                   actor=architect)
    assessments.finalise(last.id, actor=None, expected_version=last.version)
    new = assessments.copy_forward(last.id, actor=architect)
    # 18 (SPLP, 59/2020) maps into the Indeks Pemdi's 16 and 18
    carried = {s.indicator for s in new.scores if any(a.evidence_file_id == row.id
                                                      for a in s.attachments)}
    assert carried
    assert carried <= {16, 18}
