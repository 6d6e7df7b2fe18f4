"""Serve the demo registry on a scratch database and photograph its pages in headless Chromium.

Usage: .venv/bin/python scripts/screenshots.py [OUTPUT_DIR]   (default test-artifacts/screenshots)
Needs Debian's chromium (/usr/bin/chromium) and the playwright package (extra "browser").
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FLASK = str(ROOT / ".venv" / "bin" / "flask")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(database_url, port):
    env = os.environ | {"REGISTRY_DATABASE_URL": database_url, "REGISTRY_SECRET_KEY": "shots"}
    for args in (["db", "upgrade"], ["demo", "--if-empty"]):
        subprocess.run([FLASK, "--app", "registry", *args], env=env, check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
    server = subprocess.Popen([FLASK, "--app", "registry", "run", "--port", str(port)], env=env,
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the app did not start")


def _shoot(page, base, out, name, path, width=1400):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base + path)
    page.screenshot(path=str(out / f"{name}.png"), full_page=True)
    print(f"{name}: {page.title()}")


def _shoot_assessment(page, base, out):
    """Shoot the self-assessment pages.

    The list, the 2026 Indeks Pemdi scorecard, a live what-if, an indicator, the printed report, and
    the 2025 scorecard under 59/2020.
    """
    _shoot(page, base, out, "21-assessments", "/assessments")
    page.click("table >> text=Buka kartu skor >> nth=1")
    _shoot(page, base, out, "21b-scorecard-2025", page.url[len(base):])
    page.goto(base + "/assessments")
    page.click("table >> text=Buka kartu skor >> nth=0")
    scorecard = page.url[len(base):]
    _shoot(page, base, out, "22-scorecard", scorecard)
    page.select_option("select[name=w19]", "5")
    page.select_option("select[name=w20]", "4")
    print("live what-if:", page.inner_text("#what-if-live"))
    page.click("#what-if button")
    page.wait_for_load_state()
    page.screenshot(path=str(out / "23-scorecard-what-if.png"), full_page=False)
    _shoot(page, base, out, "24-indicator", scorecard + "/indicators/16")
    _shoot(page, base, out, "25-report", scorecard + "/report", width=1000)
    page.emulate_media(media="print")
    page.screenshot(path=str(out / "26-report-print.png"), full_page=True)
    pdf = page.pdf(path=str(out / "report.pdf"), format="A4", print_background=True)
    print(f"report.pdf: {len(pdf)} bytes, {pdf.count(b'/Type /Page') - pdf.count(b'/Type /Pages')}"
          " pages")
    page.emulate_media(media="screen")


def _signed_in(browser, base, email):
    page = browser.new_context().new_page()
    page.goto(base + "/auth/login")
    page.fill("#email", email)
    page.fill("#password", "spbe-demo-2026")
    page.click("button.btn-primary")
    return page


def _shoot_requests(browser, base, out):
    """Shoot an operator asking for a sub-domain and a new application, and a reviewer approving."""
    operator = _signed_in(browser, base, "operator@demo.go.id")
    _shoot(operator, base, out, "27-requests-operator", "/requests")
    operator.goto(base + "/requests/new/subdomain")
    operator.fill("#f-label", "www")
    # expect() polls from outside the page: the CSP forbids the eval wait_for_function needs
    expect(operator.locator("#label-live")).not_to_be_empty()
    print("live check of 'www':", operator.inner_text("#label-live"))
    operator.fill("#f-label", "klinik-sehat")
    expect(operator.locator("#label-live")).to_contain_text("klinik-sehat")
    print("live check of 'klinik-sehat':", operator.inner_text("#label-live"))
    operator.fill("#f-purpose", "Pendaftaran klinik kesehatan daerah")
    operator.screenshot(path=str(out / "28-subdomain-form.png"), full_page=True)
    operator.click("button:has-text('Simpan dan ajukan')")
    operator.wait_for_load_state()
    operator.screenshot(path=str(out / "29-subdomain-submitted.png"), full_page=True)
    print("operator submitted:", operator.url[len(base):], operator.title())
    operator.goto(base + "/requests/new/application")
    operator.fill("#f-name", "Sistem Informasi Manajemen Pegawai Dinkes")
    operator.fill("#f-acronym", "SIMPEG-DINKES")
    operator.fill("#f-purpose", "Data kepegawaian dan cuti pegawai dinas kesehatan")
    operator.click("button:has-text('Simpan dan ajukan')")
    operator.wait_for_load_state()
    operator.screenshot(path=str(out / "30-application-duplicates.png"), full_page=True)
    print("duplicates shown:", operator.locator("table.duplicates tbody tr").count())

    reviewer = _signed_in(browser, base, "reviewer@demo.go.id")
    _shoot(reviewer, base, out, "31-requests-queue", "/requests")
    reviewer.click("text=klinik-sehat.contohprov.go.id")
    reviewer.fill("#reason-approve", "Label sesuai pedoman penamaan; aplikasi jelas.")
    reviewer.click("form.action-approve button")
    reviewer.wait_for_load_state()
    reviewer.screenshot(path=str(out / "32-subdomain-approved.png"), full_page=True)
    print("reviewer decided:", reviewer.inner_text(".request-state"))
    _shoot(reviewer, base, out, "33-domains", "/domains?q=klinik")
    _shoot(reviewer, base, out, "34-domains-flags", "/domains?flag=tls_expiring")
    _shoot(operator, base, out, "35-inbox-operator", "/inbox")
    _shoot(operator, base, out, "36-requests-phone", "/requests", width=390)


def _shoot_opd(browser, base, out, scratch):
    """Shoot the OPD pages and the import page.

    The OPD scorecard, a desk on a desktop and a phone, the talent register, the catalogue, and the
    import page reporting a bad file.
    """
    architect = _signed_in(browser, base, "arsitek@demo.go.id")
    _shoot(architect, base, out, "37-opd-scorecard", "/opd-scorecard")
    architect.click("table.opd-scorecard >> text=Dinas Kesehatan")
    desk = architect.url[len(base):]
    operator = _signed_in(browser, base, "operator@demo.go.id")
    _shoot(operator, base, out, "38-desk", desk)
    _shoot(operator, base, out, "39-desk-phone", desk, width=390)
    operator.set_viewport_size({"width": 1400, "height": 900})
    operator.click("text=Konfirmasi yang dicentang masih benar")
    operator.wait_for_load_state()
    print("desk after confirming:", operator.inner_text(".alert").strip())
    _shoot(operator, base, out, "40-talent", "/talent")
    visitor = browser.new_context().new_page()
    _shoot(visitor, base, out, "41-katalog", "/katalog")
    _shoot(visitor, base, out, "42-katalog-phone", "/katalog?q=layanan", width=390)
    print("catalogue entries:", visitor.locator(".catalogue-entry").count())
    bad = Path(scratch) / "aplikasi.csv"
    bad.write_text("Kode Aplikasi;Nama Aplikasi;Kode OPD;Status;Tahun Mulai\n"
                   "SIMPEG;Sistem Kepegawaian;BKD;aktif;2019\n"
                   "X1;;BKD;hidup;20x9\n"
                   "X2;Aplikasi Baru;TIDAKADA;aktif;2020\n", encoding="utf-8")
    architect.goto(base + "/import")
    architect.set_input_files("#file", str(bad))
    architect.click("button:has-text('Periksa / impor')")
    architect.wait_for_load_state()
    architect.screenshot(path=str(out / "43-import-report.png"), full_page=True)
    print("import report rows:", architect.locator("table.import-problems tbody tr").count())


def main():
    """Serve the demo and take the screenshots into the folder given (or test-artifacts)."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "test-artifacts" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as scratch:
        server = _serve(f"sqlite:///{scratch}/shots.sqlite", port)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=CHROMIUM_ARGS)
                page = browser.new_page()
                _shoot(page, base, out, "01-login", "/auth/login", width=1000)
                page.fill("#email", "arsitek@demo.go.id")
                page.fill("#password", "spbe-demo-2026")
                page.click("button.btn-primary")
                _shoot(page, base, out, "02-applications", "/inventory/applications")
                _shoot(page, base, out, "03-applications-filtered",
                       "/inventory/applications?q=sistem&lifecycle=production&integrated=false")
                page.click("table tbody tr a")
                _shoot(page, base, out, "04-application-detail", page.url[len(base):])
                page.click("text=Ubah")
                page.fill("#f-name", "")
                page.fill("#f-url", "bukan-url")
                page.click("button:has-text('Simpan')")
                page.screenshot(path=str(out / "05-application-form-errors.png"), full_page=True)
                _shoot(page, base, out, "06-units", "/inventory/units")
                _shoot(page, base, out, "07-changes", "/changes/")
                _shoot(page, base, out, "10-infrastructure", "/architecture/infrastructure")
                _shoot(page, base, out, "11-links", "/integrations/links?channel=direct_api")
                _shoot(page, base, out, "12-graph", "/integrations/graph")
                _shoot(page, base, out, "13-graph-opd", "/integrations/graph?unit=7")
                _shoot(page, base, out, "14-blockers", "/integrations/blockers")
                _shoot(page, base, out, "14b-blockers-2025", "/integrations/blockers?year=2025")
                _shoot(page, base, out, "15-blockers-opd",
                       "/integrations/blockers?unit=13&only_blockers=1")
                _shoot(page, base, out, "16-management", "/architecture/management")
                _shoot(page, base, out, "17-roadmap", "/architecture/roadmap")
                _shoot(page, base, out, "18-roadmap-timeline", "/architecture/roadmap/timeline")
                _shoot(page, base, out, "19-completeness", "/architecture/completeness")
                _shoot(page, base, out, "20-reference", "/architecture/reference")
                _shoot_assessment(page, base, out)
                _shoot_requests(browser, base, out)
                _shoot_opd(browser, base, out, scratch)
                page.goto(base + "/integrations/blockers?unit=13")
                page.locator("svg a[*|href]").first.click()
                page.wait_for_load_state()
                print("clicked a blockers node ->", page.url[len(base):], page.title())
                _shoot(page, base, out, "08-applications-en",
                       "/auth/language/en?next=/inventory/applications")
                _shoot(page, base, out, "09-applications-phone", "/inventory/applications",
                       width=390)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
