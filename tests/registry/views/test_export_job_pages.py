"""Issue 22 item 2 on the pages: an export past REGISTRY_JOB_EXPORT_ROWS becomes a job.

With Redis, the list export (``/export/<list>.<fmt>``) and the ArchiMate export past the
threshold answer with the job's page; the worker writes the file and the page offers it at
``/jobs/<id>/download`` (its owner and the admins only). Below the threshold, or without Redis,
the download is immediate as before.
"""

import re
import time

import pytest
from sqlalchemy import func, select

from registry import models
from registry.extensions import db
from registry.services import exporting, job_files
from tests.registry.job_queue import work

EXPORT = "/export/applications.csv?kind=khusus&sort=-code&q=Uji"


@pytest.fixture
def results(app, results):
    app.config["REGISTRY_JOB_EXPORT_ROWS"] = 5  # twelve applications make a large export
    return results


@pytest.fixture
def inventory_of_twelve(make_application):
    for n in range(12):
        make_application(kind="umum" if n % 3 == 0 else "khusus")


def job_count():
    return db.session.scalar(select(func.count()).select_from(models.Job))


def fetch(client, url):
    """Return the answer to GET ``url``, read and closed (a download streams its file)."""
    response = client.get(url)
    response.get_data()
    response.close()
    return response


def immediate(app, client, url):
    """Return the export of ``url`` as the request sends it, with no job."""
    limit = app.config["REGISTRY_JOB_EXPORT_ROWS"]
    app.config["REGISTRY_JOB_EXPORT_ROWS"] = 10**9
    try:
        response = client.get(url)
    finally:
        app.config["REGISTRY_JOB_EXPORT_ROWS"] = limit
    assert response.status_code == 200
    return response


def test_the_threshold_defaults_to_5000_rows(app):
    assert app.config["REGISTRY_JOB_EXPORT_ROWS"] == 5000


def test_without_redis_a_large_export_is_immediate_as_before(client, auth, agency,
                                                             inventory_of_twelve, results):
    auth.login("architect")
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="applications.csv"'
    assert job_count() == 0


def test_with_redis_a_small_export_is_immediate(client, auth, agency, make_application,
                                                results, redis_queue):
    for _n in range(5):
        make_application()
    auth.login("architect")
    response = client.get("/export/applications.xlsx")
    assert response.status_code == 200
    assert response.data[:2] == b"PK"
    assert job_count() == 0


def test_with_redis_a_large_export_is_a_job_whose_file_the_page_offers(
        app, client, auth, agency, inventory_of_twelve, results, redis_queue):
    auth.login("architect")
    response = client.get(EXPORT)
    assert response.status_code == 303
    job_url = response.headers["Location"]
    assert re.fullmatch(r"/jobs/\d+", job_url)
    waiting = client.get(job_url)
    assert "menunggu pekerja" in waiting.text
    assert "job-progress.js" in waiting.text
    assert fetch(client, job_url + "/download").status_code == 404  # not written yet

    work(redis_queue)
    page = client.get(job_url)
    assert page.status_code == 200
    assert f'href="{job_url}/download"' in page.text
    assert "applications.csv" in page.text
    assert "job-progress.js" not in page.text
    download = fetch(client, job_url + "/download")
    assert download.status_code == 200
    now = immediate(app, client, EXPORT)
    assert download.data == now.data
    assert download.headers["Content-Type"] == now.headers["Content-Type"]
    assert download.headers["Content-Disposition"] == now.headers["Content-Disposition"]


def test_an_expired_file_is_not_offered_and_the_page_says_so(
        client, auth, agency, inventory_of_twelve, results, redis_queue):
    auth.login("architect")
    job_url = client.get(EXPORT).headers["Location"]
    work(redis_queue)
    assert f'href="{job_url}/download"' in client.get(job_url).text
    job_files.purge_expired(now=time.time() + job_files.LIFETIME + 1)
    page = client.get(job_url).text
    assert f'href="{job_url}/download"' not in page
    assert "Berkasnya sudah dihapus (disimpan 7 hari)" in page
    assert fetch(client, job_url + "/download").status_code == 404


def test_only_the_owner_and_the_admins_download_the_file(client, auth, agency,
                                                         inventory_of_twelve, results,
                                                         redis_queue):
    auth.login("architect")
    job_url = client.get(EXPORT).headers["Location"]
    work(redis_queue)
    assert fetch(client, job_url + "/download").status_code == 200
    client.post("/auth/logout")
    auth.login("architect", suffix="2")
    assert fetch(client, job_url + "/download").status_code == 404
    assert fetch(client, "/jobs/999999/download").status_code == 404
    client.post("/auth/logout")
    auth.login("admin")
    assert fetch(client, job_url + "/download").status_code == 200


def test_an_import_job_has_no_file_to_download(client, auth, agency, unit, results):
    from tests.registry.job_queue import import_job

    architect = auth.login("architect")
    job = import_job(architect, agency)
    assert fetch(client, f"/jobs/{job.id}/download").status_code == 404


def test_a_large_archimate_export_is_a_job_with_the_same_file(app, client, auth, agency,
                                                              inventory_of_twelve, results,
                                                              redis_queue):
    auth.login("architect")
    url = f"/integrations/archimate.xml?agency={agency.id}"
    response = client.get(url)
    assert response.status_code == 303
    job_url = response.headers["Location"]
    work(redis_queue)
    download = fetch(client, job_url + "/download")
    assert download.status_code == 200
    now = immediate(app, client, url)
    assert download.data == now.data
    assert download.headers["Content-Type"] == now.headers["Content-Type"]
    assert download.headers["Content-Disposition"] == now.headers["Content-Disposition"]


def test_a_failed_export_shows_its_error_and_offers_nothing(client, auth, agency,
                                                            inventory_of_twelve, results,
                                                            redis_queue, monkeypatch):
    monkeypatch.setitem(exporting._SOURCES, "applications",
                        (lambda filters: 1 / 0, ()))
    auth.login("architect")
    job_url = client.get(EXPORT).headers["Location"]
    work(redis_queue)
    page = client.get(job_url)
    assert "alert-danger" in page.text
    assert "tidak ada yang disimpan" in page.text
    assert "/download" not in page.text
    assert fetch(client, job_url + "/download").status_code == 404
    assert not results.exists() or not list(results.iterdir())
