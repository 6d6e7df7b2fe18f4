"""Evidence files (issue 20): kept by their SHA-256 and checked on every read, typed from their
content, served as attachments; one file for several indicators; the evidence pack with the
report as a real PDF; the demo's evidence."""

import io
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

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

YEAR = 2026
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is not installed")

#: a Windows program: what a renamed .exe starts with
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 \
    + b"This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 200


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


@pytest.fixture
def opened(agency, make_user):
    """The 2026 assessment, opened by an architect: its Koordinator."""
    coordinator = make_user("architect", suffix="koordinator")
    return assessments.open_assessment(agency.id, YEAR, actor=coordinator), coordinator


# -- the store ----------------------------------------------------------------------------------


def test_the_store_keeps_bytes_under_their_sha256_and_gives_them_back(tmp_path):
    store = LocalEvidenceStore(tmp_path)
    data = pdf_document("Pergub 12/2024")
    sha256 = store.put(data)
    assert sha256 == digest(data) and store.exists(sha256)
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
    assert row.media_type == media_type and row.size == len(data)
    assert row.sha256 == digest(data) and get_store().read(row.sha256) == data


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
    assert len(name) <= 120 and "/" not in name and "\\" not in name


# -- files on indicators ------------------------------------------------------------------------


def test_one_file_serves_several_indicators_and_is_kept_once(opened):
    assessment, coordinator = opened
    data = pdf_document("Arsitektur Pemdi 2026")
    row = evidence.upload_evidence(assessment.id, 1, "arsitektur.pdf", data, actor=coordinator,
                                   title="Perkada Arsitektur Pemdi 2026")
    evidence.attach_evidence(assessment.id, 16, row.id, actor=coordinator)
    again = evidence.upload_evidence(assessment.id, 15, "salinan.pdf", data, actor=coordinator)
    assert again.id == row.id and db.session.query(models.EvidenceFile).count() == 1
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


# -- downloads ----------------------------------------------------------------------------------


def test_a_file_downloads_as_an_attachment_with_nosniff(client, auth, opened):
    assessment, coordinator = opened
    data = pdf_document("Notulen")
    row = evidence.upload_evidence(assessment.id, 13, "Notulen rapat.pdf", data,
                                   actor=coordinator)
    auth.login("viewer")
    response = client.get(f"/assessments/evidence/{row.id}")
    assert response.status_code == 200 and response.data == data
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "Notulen" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_a_tampered_file_is_never_served(client, auth, opened):
    assessment, coordinator = opened
    row = evidence.upload_evidence(assessment.id, 13, "sk.pdf", pdf_document("SK asli"),
                                   actor=coordinator)
    path = get_store().path_of(row.sha256)
    path.write_bytes(pdf_document("SK palsu"))
    auth.login("viewer")
    response = client.get(f"/assessments/evidence/{row.id}")
    assert response.status_code == 409 and b"SK palsu" not in response.data
    assert "SHA-256 tidak cocok" in response.text
    api = client.get(f"/api/v1/evidence-files/{row.id}/content")
    assert api.status_code == 409 and "SHA-256" in api.json["errors"]["_schema"][0]


def test_uploading_through_the_indicator_page(client, auth, agency, make_user):
    coordinator = auth.login("architect")
    assessment = assessments.open_assessment(agency.id, YEAR, actor=coordinator)
    data = pdf_document("SOP Layanan Bantuan")
    sent = client.post(f"/assessments/{assessment.id}/indicators/19/evidence",
                       data={"title": "SOP Layanan Bantuan No. 3/2026",
                             "files": [(io.BytesIO(data), "sop.pdf")]},
                       content_type="multipart/form-data")
    assert sent.status_code == 302
    both = client.post(f"/assessments/{assessment.id}/indicators/19/evidence",
                       data={"files": [(io.BytesIO(png_image()), "layar.png"),
                                       (io.BytesIO(pdf_document("Notulen")), "notulen.pdf")]},
                       content_type="multipart/form-data")
    assert both.status_code == 302
    page = client.get(f"/assessments/{assessment.id}/indicators/19").text
    assert "SOP Layanan Bantuan No. 3/2026" in page and "layar.png" in page
    assert "notulen.pdf" in page
    refused = client.post(f"/assessments/{assessment.id}/indicators/19/evidence",
                          data={"files": [(io.BytesIO(EXE), "setup.pdf")]},
                          content_type="multipart/form-data")
    assert refused.status_code == 422 and "bukan jenis yang diterima" in refused.text


# -- the evidence pack --------------------------------------------------------------------------


def _pack(client, assessment_id):
    response = client.get(f"/assessments/{assessment_id}/pack")
    assert response.status_code == 200, response.text[:500]
    assert response.headers["Content-Type"] == "application/zip"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_the_packs_files_and_hashes_match_the_stored_ones(client, auth, opened):
    assessment, coordinator = opened
    sop = evidence.upload_evidence(assessment.id, 19, "sop.pdf", pdf_document("SOP"),
                                   actor=coordinator)
    evidence.attach_evidence(assessment.id, 20, sop.id, actor=coordinator)
    shot = evidence.upload_evidence(assessment.id, 17, "portal.png", png_image(),
                                    actor=coordinator)
    auth.login("viewer")
    pack = _pack(client, assessment.id)
    names = pack.namelist()
    assert names[:3] == ["laporan-CONTOHPROV-2026.pdf", "indeks-bukti.xlsx", "SHA256SUMS"]
    files = sorted(n for n in names if n.startswith("bukti/"))
    assert files == ["bukti/17-portal-layanan-digital-pemerintah/portal.png",
                     "bukti/19-fasilitas-dukungan-pengguna/sop.pdf",
                     "bukti/20-pengelolaan-kepuasan-pengguna/sop.pdf"]
    stored = {sop.sha256: get_store().read(sop.sha256), shot.sha256: get_store().read(shot.sha256)}
    sums = dict(line.split("  ")[::-1] for line in pack.read("SHA256SUMS").decode().splitlines())
    for name in files:
        data = pack.read(name)
        assert digest(data) == sums[name] and stored[sums[name]] == data
    sheet = load_workbook(io.BytesIO(pack.read("indeks-bukti.xlsx")))
    rows = list(sheet["Berkas bukti"].iter_rows(min_row=2, values_only=True))
    assert {(r[0], r[6], r[7]) for r in rows} == {(int(n.split("/")[1][:2]), n, sums[n])
                                                   for n in files}
    assert pack.read("laporan-CONTOHPROV-2026.pdf").startswith(b"%PDF-")


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
    assert 4 in {g.indicator for g in gaps} and 19 not in {g.indicator for g in gaps}
    assert {g.indicator for g in gaps} == above - {19}


@needs_pdftotext
def test_the_pdf_names_the_agency_the_year_the_instrument_and_the_index_per_stage(
        client, auth, agency, make_user):
    from registry.services import assessment_team

    coordinator = make_user("architect", suffix="k")
    assessment = assessments.open_assessment(agency.id, YEAR, actor=coordinator)
    evidence.upload_evidence(assessment.id, 19, "sop.pdf", pdf_document("SOP"),
                             actor=coordinator)
    for score in assessment.scores:
        for action in ("fill", "check"):
            assessment_team.move_indicator(assessment.id, score.indicator, action,
                                           actor=coordinator, expected_version=score.version)
    assessments.finalise(assessment.id, actor=coordinator, expected_version=assessment.version)
    asesor = make_user("asesor")
    score = assessments.score_of(assessments.get_assessment(assessment.id), 20)
    assessment_team.record_external(assessment.id, 20, {"document_level": 4},
                                    actor=asesor, expected_version=score.version)
    score = assessments.score_of(assessments.get_assessment(assessment.id), 20)
    assessment_team.record_external(assessment.id, 20, {"interview_level": 5},
                                    actor=asesor, expected_version=score.version)
    card = assessments.scorecard(assessments.get_assessment(assessment.id))
    stages = {s.stage: s.result for s in card.stages}
    auth.login("viewer")
    response = client.get(f"/assessments/{assessment.id}/report.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.data,
                          capture_output=True, check=True).stdout.decode()
    assert "Pemerintah Provinsi Contoh" in text
    assert "2026" in text and "PermenPANRB 8/2026" in text
    for stage, word in (("self", "Mandiri"), ("document", "Penilaian dokumen"),
                        ("interview", "Penilaian interviu")):
        line = next(line for line in text.splitlines() if line.strip().startswith(word))
        assert f"{stages[stage].rounded:.2f}" in line and stages[stage].predicate in line
    assert stages["interview"].value > stages["document"].value > stages["self"].value


def test_the_cli_writes_the_pack(runner, opened, tmp_path):
    assessment, coordinator = opened
    row = evidence.upload_evidence(assessment.id, 16, "integrasi.pdf",
                                   pdf_document("Integrasi"), actor=coordinator)
    out = tmp_path / "paket.zip"
    result = runner.invoke(args=["evidence-pack", "--agency", "contohprov", "--year", "2026",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 berkas" in result.output
    with zipfile.ZipFile(out) as pack:
        entry = next(n for n in pack.namelist() if n.endswith("integrasi.pdf"))
        assert digest(pack.read(entry)) == row.sha256
    missing = runner.invoke(args=["evidence-pack", "--agency", "CONTOHPROV", "--year", "2019",
                                  "-o", str(tmp_path / "x.zip")])
    assert missing.exit_code == 1 and "Belum ada penilaian" in missing.output


def test_a_pack_with_a_tampered_file_is_refused(client, auth, opened):
    assessment, coordinator = opened
    row = evidence.upload_evidence(assessment.id, 16, "integrasi.pdf",
                                   pdf_document("Integrasi"), actor=coordinator)
    get_store().path_of(row.sha256).write_bytes(b"%PDF-1.4 diubah")
    auth.login("viewer")
    response = client.get(f"/assessments/{assessment.id}/pack")
    assert response.status_code == 409 and "SHA-256 tidak cocok" in response.text


# -- the demo -----------------------------------------------------------------------------------


def test_the_demos_2026_assessment_has_evidence_so_the_pack_is_not_empty(app):
    demo.load_demo(apps=30)
    agency = db.session.query(models.Agency).first()
    current = assessments.find_assessment(agency.id, 2026)
    with_files = sorted(s.indicator for s in current.scores if s.attachments)
    assert len(with_files) >= 3
    entries = evidence_pack.pack_entries(current)
    assert entries and all(get_store().read(e.file.sha256) for e in entries)
    assert current.coordinator is not None and current.coordinator.email == "arsitek@demo.go.id"
    assert any(s.fillers for s in current.scores) and any(s.responsible for s in current.scores)


def test_the_api_uploads_lists_and_downloads_evidence(client, agency, token_for):
    headers = token_for("architect")
    opened = client.post("/api/v1/assessments", json={"agency_id": agency.id, "year": YEAR},
                         headers=headers).json
    assessment_id = opened["assessment"]["id"]
    data = pdf_document("Notulen forum koordinasi")
    sent = client.post(f"/api/v1/assessments/{assessment_id}/indicators/4/evidence-files",
                       data={"file": (io.BytesIO(data), "notulen.pdf"), "title": "Notulen"},
                       headers=headers, content_type="multipart/form-data")
    assert sent.status_code == 201, sent.json
    assert sent.json["sha256"] == digest(data) and sent.json["title"] == "Notulen"
    refused = client.post(f"/api/v1/assessments/{assessment_id}/indicators/4/evidence-files",
                          data={"file": (io.BytesIO(EXE), "notulen.pdf")}, headers=headers,
                          content_type="multipart/form-data")
    assert refused.status_code == 422 and "file" in refused.json["errors"]
    listed = client.get(f"/api/v1/assessments/{assessment_id}/evidence", headers=headers).json
    four = next(row for row in listed if row["indicator"] == 4)
    assert [f["sha256"] for f in four["files"]] == [digest(data)]
    assert four["state"] == "not_filled"
    body = client.get(f"/api/v1/evidence-files/{sent.json['id']}/content", headers=headers)
    assert body.data == data and body.headers["Content-Disposition"].startswith("attachment")
    stages = client.get(f"/api/v1/assessments/{assessment_id}", headers=headers).json["stages"]
    assert [s["stage"] for s in stages] == ["self", "document", "interview"]
    assert stages[1]["index"] is None


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
    assert carried and carried <= {16, 18}
