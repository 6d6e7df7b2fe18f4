"""The first day of a real instansi (issue 18), in headless Chromium: an empty registry, its first
admin sets up the instansi and its OPDs on the set-up page, then imports the inventory the OPDs
typed by hand (no application codes, "-" for unknown years, status words in any case, addresses
typed any way), checks it first, and finds every row in the registry.
"""

import shutil

import pytest

from tests.e2e import browser
from tests.e2e.browser import DEMO_PASSWORD, expect
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.server import FIRST_ADMIN, demo_server

pytestmark = pytest.mark.e2e

OPD_LIST = ("DINKES\tDinas Kesehatan\tDinkes\nDISDIK; Dinas Pendidikan\n"
            "BAPPEDA; Badan Perencanaan Pembangunan Daerah")
#: the inventory as an OPD clerk types it: the template's headers, the city's own habits
INVENTORY = (
    "Nama Aplikasi,Kode OPD,Jenis,Status,Tahun Mulai,Alamat\n"
    "Sistem Informasi Kesehatan,DINKES,khusus,Aktif,2019,SIK.KotaContoh.go.id/\n"
    "Portal Sekolah,Disdik,Khusus,aktif,-,https://sekolah.kotacontoh.go.id\n"
    "e-Planning,BAPPEDA,khusus,AKTIF,–,eplanning.kotacontoh.go.id.\n"
)


@pytest.fixture(scope="module")
def empty_served(chromium, tmp_path_factory):
    """A registry with one admin and nothing else, served (after the browser is there)."""
    with demo_server(tmp_path_factory.mktemp("first-day"), demo=False) as server:
        yield server


@pytest.fixture
def first_day(chromium, empty_served, request):
    folder = ARTIFACTS / request.node.name.removeprefix("test_")
    shutil.rmtree(folder, ignore_errors=True)
    trip = browser.Journey(chromium, empty_served, folder)
    yield trip
    trip.close()


def test_an_admin_sets_up_the_instansi_and_imports_its_inventory(first_day, tmp_path):
    tab = first_day.tab()
    page = tab.page
    tab.goto("/auth/login")
    page.fill("#email", FIRST_ADMIN)
    page.fill("#password", DEMO_PASSWORD)
    tab.submit(page.get_by_role("button", name="Masuk"))
    assert tab.path == "/admin/agencies/new"
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Selamat datang! Siapkan instansi Anda")
    tab.step("set-up-page")

    page.fill("#f-name", "Pemerintah Kota Contoh")
    page.select_option("#f-kind", "kota")
    page.fill("#f-code", "KOTACONTOH")
    page.fill("#f-zone", "https://www.KotaContoh.go.id/")
    page.fill("#f-units", OPD_LIST)
    tab.step("set-up-filled")
    tab.submit(page.get_by_role("button", name="Buat instansi"))
    assert tab.path.startswith("/import")
    expect(page.locator(".alert-success")).to_contain_text("dengan 3 OPD")
    tab.step("import-page")

    sheet = tmp_path / "inventaris.csv"
    sheet.write_text(INVENTORY, encoding="utf-8")
    expect(page.locator("#dry_run")).to_be_checked()  # a first look writes nothing
    page.set_input_files("#file", str(sheet))
    tab.submit(page.get_by_role("button", name="Periksa / impor"))
    expect(page.locator("body")).to_contain_text("dibaca sebagai tidak diketahui")
    tab.step("dry-run")
    tab.submit(page.get_by_role("button", name="Impor sekarang"))
    expect(page.locator(".alert-success")).to_be_visible()
    tab.step("imported")

    tab.goto("/inventory/applications")
    expect(page.get_by_role("heading", level=1)).to_contain_text("3 aplikasi")
    for name in ("Sistem Informasi Kesehatan", "Portal Sekolah", "e-Planning"):
        expect(page.get_by_role("link", name=name)).to_be_visible()
    tab.step("applications")
