"""Evidence files on the pages: downloads, uploads and the evidence pack."""

import io
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import load_workbook

from registry.demo.evidence import pdf_document, png_image
from registry.services import assessments, evidence
from registry.services.evidence_store import (
    digest,
    get_store,
)
from tests.registry.builders import EXE, YEAR

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is not installed")

#: a Windows program: what a renamed .exe starts with


# -- downloads ----------------------------------------------------------------------------------


def test_a_file_downloads_as_an_attachment_with_nosniff(client, auth, opened):
    assessment, coordinator = opened
    data = pdf_document("Notulen")
    row = evidence.upload_evidence(assessment.id, 13, "Notulen rapat.pdf", data,
                                   actor=coordinator)
    auth.login("viewer")
    response = client.get(f"/assessments/evidence/{row.id}")
    assert response.status_code == 200
    assert response.data == data
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "Notulen" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


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
    assert "SOP Layanan Bantuan No. 3/2026" in page
    assert "layar.png" in page
    assert "notulen.pdf" in page
    refused = client.post(f"/assessments/{assessment.id}/indicators/19/evidence",
                          data={"files": [(io.BytesIO(EXE), "setup.pdf")]},
                          content_type="multipart/form-data")
    assert refused.status_code == 422
    assert "bukan jenis yang diterima" in refused.text


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
        assert digest(data) == sums[name]
        assert stored[sums[name]] == data
    sheet = load_workbook(io.BytesIO(pack.read("indeks-bukti.xlsx")))
    rows = list(sheet["Berkas bukti"].iter_rows(min_row=2, values_only=True))
    assert {(r[0], r[6], r[7]) for r in rows} == {(int(n.split("/")[1][:2]), n, sums[n])
                                                   for n in files}
    assert pack.read("laporan-CONTOHPROV-2026.pdf").startswith(b"%PDF-")


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
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=response.data,
                          capture_output=True, check=True).stdout.decode()
    assert "Pemerintah Provinsi Contoh" in text
    assert "2026" in text
    assert "PermenPANRB 8/2026" in text
    for stage, word in (("self", "Mandiri"), ("document", "Penilaian dokumen"),
                        ("interview", "Penilaian interviu")):
        line = next(line for line in text.splitlines() if line.strip().startswith(word))
        assert f"{stages[stage].rounded:.2f}" in line
        assert stages[stage].predicate in line
    assert stages["interview"].value > stages["document"].value > stages["self"].value


def test_a_pack_with_a_tampered_file_is_refused(client, auth, opened):
    assessment, coordinator = opened
    row = evidence.upload_evidence(assessment.id, 16, "integrasi.pdf",
                                   pdf_document("Integrasi"), actor=coordinator)
    get_store().path_of(row.sha256).write_bytes(b"%PDF-1.4 diubah")
    auth.login("viewer")
    response = client.get(f"/assessments/{assessment.id}/pack")
    assert response.status_code == 409
    assert "SHA-256 tidak cocok" in response.text
