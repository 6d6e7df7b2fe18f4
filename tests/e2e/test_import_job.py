"""Issue 22: importing 30,000 applications from the page, with Redis and a worker, in headless
Chromium: the page answers at once with a job, its progress bar advances (static/job-progress.js
polling the JSON status, under the app's CSP) while a separate worker process imports, and the
job's page ends on the import report.

Needs the Redis on 127.0.0.1:6379 (database 11, flushed; REGISTRY_TEST_E2E_REDIS_URL): without
it the test is skipped, or fails under REGISTRY_E2E=1.
"""

import os
import re
import shutil
import subprocess

import pytest

from tests.e2e import browser
from tests.e2e.browser import expect
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.server import FLASK, ROOT, demo_server
from tests.registry.job_queue import flushed_redis

pytestmark = pytest.mark.e2e

REDIS_URL = os.environ.get("REGISTRY_TEST_E2E_REDIS_URL", "redis://127.0.0.1:6379/11")
APPLICATIONS = 30_000
#: the progress bar shows a share strictly between nothing and all
PART_WAY = re.compile(r"^[1-9][0-9]?$")


@pytest.fixture(scope="module")
def queued_server(chromium, tmp_path_factory):
    """The demo served with a job queue on Redis (no worker yet: the test starts it)."""
    shared = flushed_redis(REDIS_URL, "REGISTRY_E2E")
    scratch = tmp_path_factory.mktemp("import-job")
    settings = {"REGISTRY_REDIS_URL": REDIS_URL,
                "REGISTRY_IMPORT_STAGING_DIR": str(scratch / "staged")}
    try:
        with demo_server(scratch, settings=settings) as server:
            yield server
    finally:
        shared.flushdb()
        shared.close()


@pytest.fixture
def trip(chromium, queued_server, request):
    folder = ARTIFACTS / request.node.name.removeprefix("test_")
    shutil.rmtree(folder, ignore_errors=True)
    journey = browser.Journey(chromium, queued_server, folder)
    yield journey
    journey.close()


def test_an_import_of_30000_applications_is_a_job_whose_bar_advances_to_the_report(
        trip, queued_server, tmp_path):
    sheet = tmp_path / "aplikasi.csv"
    sheet.write_text("Kode Aplikasi;Nama Aplikasi;Kode OPD;Status\n" + "".join(
        f"JOB-{n:05d};Aplikasi Impor Besar {n};DINKES;aktif\n"
        for n in range(1, APPLICATIONS + 1)), encoding="utf-8")
    tab = trip.tab("arsitek@demo.go.id")
    page = tab.page
    tab.goto("/import")
    page.uncheck("#dry_run")
    page.set_input_files("#file", str(sheet))
    tab.submit(page.get_by_role("button", name="Periksa / impor"))
    assert re.fullmatch(r"/jobs/\d+", tab.path), tab.path
    bar = page.locator(".job-status .progress")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    expect(page.locator(".job-state")).to_have_text("menunggu pekerja")
    tab.step("job-waiting")

    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        worker = subprocess.Popen([FLASK, "--app", "registry", "worker", "--burst"],
                                  env=queued_server.env, cwd=ROOT, stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        # the bar moves while the worker reads the rows, without a reload of the page
        expect(bar).to_have_attribute("aria-valuenow", PART_WAY, timeout=60_000)
        expect(page.locator(".job-state")).to_have_text("sedang berjalan")
        tab.snapshot("job-running")
        # when the job ends the page reloads itself and shows the import report
        expect(page.locator(".alert-success")).to_contain_text(
            f"Impor selesai: {APPLICATIONS} baris dibaca dan disimpan.", timeout=180_000)
        assert worker.wait(timeout=60) == 0, log.read_text(errors="replace")
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    assert "Traceback" not in log.read_text(errors="replace")
    expect(page.locator("table.w-auto")).to_contain_text(str(APPLICATIONS))  # all new
    tab.step("job-report")
