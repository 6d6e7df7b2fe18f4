"""The evidence journey (issue 20) in headless Chromium: the OPD operator uploads a file to the
indicator assigned to them, the person in charge checks it, the Koordinator finalises it and
sends the assessment, the external asesor records the document level, and the evidence pack
downloads with the file, its hash and the report as a PDF.

The report's pages are saved as PNG (pdftoppm) beside the screenshots in test-artifacts/e2e/,
for a person to look at.
"""

import hashlib
import json
import re
import shutil
import subprocess
import urllib.request
import zipfile

import pytest

from registry.demo.evidence import pdf_document
from tests.e2e.browser import expect

pytestmark = pytest.mark.e2e

ARCHITECT = "arsitek@demo.go.id"  # the Koordinator of the demo's 2026 assessment
REVIEWER = "reviewer@demo.go.id"  # the person in charge of 19
OPERATOR = "operator@demo.go.id"  # staff of 19 (Fasilitas Dukungan Pengguna)
ASESOR = "asesor@demo.go.id"


def _api(server, token, method, path, body=None):
    request = urllib.request.Request(
        server.url + path, method=method, data=json.dumps(body).encode() if body else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def _open_indicator(tab, number):
    page = tab.page
    tab.submit(page.get_by_role("link", name="Penilaian", exact=True))
    tab.submit(page.locator("table tbody tr").first.get_by_role("link", name="Buka kartu skor"))
    tab.submit(page.locator(f"tr#i{number} td:nth-child(2) a").first)
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{number}.")
    return re.fullmatch(r"/assessments/(\d+)/indicators/\d+", tab.path).group(1)


def test_upload_check_finalise_send_assess_and_download_the_pack(journey, tmp_path):
    server = journey.server
    # -- the operator fills in indicator 19 with a document ------------------------------------
    tab = journey.tab(OPERATOR)
    page = tab.page
    assessment_id = _open_indicator(tab, 19)
    expect(page.locator("#state")).to_have_text("Diisi")
    expect(page.locator("#fillers")).to_contain_text("Operator Dinas Kesehatan")
    document = pdf_document("Laporan Pemantauan Pengaduan 2026",
                            ["Pengaduan SP4N-LAPOR! ditindaklanjuti dalam 5 hari kerja."])
    upload = tmp_path / "Laporan pemantauan pengaduan.pdf"
    upload.write_bytes(document)
    page.set_input_files("#f-files", str(upload))
    page.fill("#f-title", "Laporan Pemantauan Pengaduan 2026")
    tab.submit(page.get_by_role("button", name="Unggah", exact=True))
    files = page.locator("#file-list")
    expect(files).to_contain_text("Laporan Pemantauan Pengaduan 2026")
    expect(files).to_contain_text(f"SHA-256 {hashlib.sha256(document).hexdigest()[:12]}")
    tab.step("operator-uploaded")
    # a program renamed .pdf is refused, with the reason, and nothing is added
    fake = tmp_path / "setup.pdf"
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 200)
    page.set_input_files("#f-files", str(fake))
    tab.submit(page.get_by_role("button", name="Unggah", exact=True), status=422)
    expect(page.locator("#files .alert-danger")).to_contain_text("program Windows")
    expect(page.locator("#file-list li")).to_have_count(2)  # the demo's SOP and the new one
    tab.step("renamed-exe-refused")
    # the operator is not on indicator 13's team: no form, no upload
    tab.goto(f"/assessments/{assessment_id}/indicators/13")
    expect(page.locator("#not-editable")).to_contain_text("bukan tim indikator ini")
    expect(page.locator("#upload-form")).to_have_count(0)
    tab.step("not-on-13")

    # -- the person in charge checks it --------------------------------------------------------
    checker = journey.tab(REVIEWER)
    checker.goto(f"/assessments/{assessment_id}/indicators/19")
    checker.submit(checker.page.get_by_role("button", name="Tandai sudah diperiksa"))
    expect(checker.page.locator("#state")).to_have_text("Diperiksa")
    checker.step("checked")

    # -- the Koordinator finalises it, has the rest checked, and sends -------------------------
    coordinator = journey.tab(ARCHITECT)
    cpage = coordinator.page
    coordinator.goto(f"/assessments/{assessment_id}/indicators/19")
    coordinator.submit(cpage.get_by_role("button", name="Finalkan indikator"))
    expect(cpage.locator("#state")).to_have_text("Final")
    coordinator.step("indicator-final")
    token = server.cli("create-token", "--email", ARCHITECT, "--name", "e2e").strip()
    for row in _api(server, token, "GET", f"/api/v1/assessments/{assessment_id}/evidence"):
        version = row["version"]
        for action in {"not_filled": ("fill", "check"), "filled": ("check",)}.get(
                row["state"], ()):
            version = _api(server, token, "POST", f"/api/v1/assessments/{assessment_id}/"
                           f"indicators/{row['indicator']}/steps",
                           {"action": action, "version": version})["version"]
    coordinator.goto(f"/assessments/{assessment_id}")
    expect(cpage.locator("#team")).to_contain_text("Semua indikator sudah diperiksa")
    coordinator.step("all-checked")
    coordinator.submit(cpage.get_by_role("button", name="Finalkan dan kirim"))
    expect(cpage.locator(".alert-success")).to_contain_text("final dan terkirim")
    coordinator.step("sent")

    # -- the external asesor records the document level of 19 ---------------------------------
    asesor = journey.tab(ASESOR)
    apage = asesor.page
    asesor.goto(f"/assessments/{assessment_id}/indicators/19")
    apage.select_option("#f-document_level", "2")
    apage.fill("#f-improvement_note", "Lampirkan rekap tindak lanjut pengaduan per triwulan.")
    asesor.submit(apage.get_by_role("button", name="Simpan penilaian asesor"))
    expect(apage.locator("#document-level")).to_have_text("2")
    asesor.step("asesor-document-level")
    asesor.goto(f"/assessments/{assessment_id}")
    stages = apage.locator("#stages")
    expect(stages.locator("#stage-document")).to_contain_text("1/20")
    asesor.step("scorecard-stages")

    # -- the pack downloads: the file, its hash, the report as PDF ------------------------------
    with apage.expect_download() as download:
        apage.locator("#pack-link").click()
    pack_path = tmp_path / download.value.suggested_filename
    download.value.save_as(pack_path)
    assert pack_path.name == "paket-bukti-CONTOHPROV-2026.zip"
    with zipfile.ZipFile(pack_path) as pack:
        names = pack.namelist()
        ours = next(n for n in names if n.endswith("Laporan pemantauan pengaduan.pdf"))
        assert ours.startswith("bukti/19-")
        assert pack.read(ours) == document
        sums = pack.read("SHA256SUMS").decode()
        assert f"{hashlib.sha256(document).hexdigest()}  {ours}" in sums
        report = pack.read("laporan-CONTOHPROV-2026.pdf")
    assert report.startswith(b"%PDF-")
    folder = journey.folder
    (folder / "laporan.pdf").write_bytes(report)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(folder / "laporan.pdf"),
                        str(folder / "laporan-halaman")], check=True)
        assert list(folder.glob("laporan-halaman-*.png"))
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(folder / "laporan.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "Pemerintah Provinsi Contoh" in text
        assert "PermenPANRB 8/2026" in text
        assert "Penilaian dokumen" in text
        assert "1 dari 20" in text
