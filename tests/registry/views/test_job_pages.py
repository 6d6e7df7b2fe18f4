"""Issue 22 item 2 on the pages: with Redis the import page answers at once with a job, whose
page shows a progress bar (static/job-progress.js polls its JSON status) and then the import
report; only the owner and the admins see it. Without Redis the page imports as before.
"""

import io
import re

from sqlalchemy import func, select

from registry import models
from registry.extensions import db
from registry.services import importing, jobs
from tests.registry.job_queue import (
    ROWS,
    applications,
    work,
)


def post_import(client, agency, *, dry_run=False, body=ROWS):
    data = {"agency_id": str(agency.id), "file": (io.BytesIO(body.encode()), "aplikasi.csv")}
    if dry_run:
        data["dry_run"] = "1"
    return client.post("/import", data=data, content_type="multipart/form-data")


def test_without_redis_the_import_page_imports_in_the_request_as_before(client, auth, agency,
                                                                        unit):
    auth.login("architect")
    response = post_import(client, agency)
    assert response.status_code == 200
    assert "Impor selesai" in response.text
    assert applications() == 2500
    assert db.session.scalar(select(func.count()).select_from(models.Job)) == 0


def test_with_redis_the_import_page_answers_with_a_job_the_worker_runs(client, auth, agency,
                                                                       unit, redis_queue):
    auth.login("architect")
    response = post_import(client, agency)
    assert response.status_code == 303
    job_url = response.headers["Location"]
    assert re.fullmatch(r"/jobs/\d+", job_url)
    assert applications() == 0
    waiting = client.get(job_url)
    assert waiting.status_code == 200
    assert 'class="progress' in waiting.text
    assert "job-progress.js" in waiting.text
    assert "menunggu pekerja" in waiting.text
    assert "<script>" not in waiting.text  # the CSP allows no inline script
    status = client.get(job_url + ".json").get_json()
    assert status["state"] == "queued"
    assert status["progress"]["percent"] == 0

    work(redis_queue)
    status = client.get(job_url + ".json").get_json()
    assert status["state"] == "done"
    assert status["progress"]["percent"] == 100
    page = client.get(job_url)
    assert page.status_code == 200
    assert "Impor selesai: 2500 baris dibaca dan disimpan." in page.text
    assert "job-progress.js" not in page.text
    assert applications() == 2500


def test_a_dry_run_job_offers_import_now_which_is_a_job_too(client, auth, agency, unit,
                                                            redis_queue):
    auth.login("architect")
    tried = post_import(client, agency, dry_run=True)
    work(redis_queue)
    page = client.get(tried.headers["Location"])
    assert "Uji selesai: 2500 baris" in page.text
    assert "Impor sekarang" in page.text
    token = re.search(r'name="token" value="([A-Za-z0-9_-]+)"', page.text)[1]
    now = client.post("/import", data={"token": token})
    assert now.status_code == 303
    assert now.headers["Location"] != tried.headers["Location"]
    assert applications() == 0
    work(redis_queue)
    assert "Impor selesai" in client.get(now.headers["Location"]).text
    assert applications() == 2500


def test_a_failed_job_shows_its_error_on_its_page(client, auth, agency, unit, redis_queue,
                                                  monkeypatch):
    monkeypatch.setattr(importing, "_write", lambda *args: 1 / 0)
    auth.login("architect")
    job_url = post_import(client, agency).headers["Location"]
    work(redis_queue)
    status = client.get(job_url + ".json").get_json()
    assert status["state"] == "failed"
    assert "tidak ada yang disimpan" in status["error"]
    page = client.get(job_url)
    assert page.status_code == 200
    assert "tidak ada yang disimpan" in page.text
    assert "alert-danger" in page.text
    assert applications() == 0


def test_a_job_killed_in_the_worker_is_failed_when_its_page_is_read(client, auth, agency, unit,
                                                                    redis_queue):
    from rq.job import Job as RqJob
    from rq.job import JobStatus

    auth.login("architect")
    job_url = post_import(client, agency).headers["Location"]
    job_id = int(job_url.rsplit("/", 1)[1])
    # what RQ records when the job's process was killed or timed out
    RqJob.fetch(jobs.rq_id(job_id), connection=redis_queue.connection).set_status(
        JobStatus.FAILED)
    status = client.get(job_url + ".json").get_json()
    assert status["state"] == "failed"
    assert "Pekerja berhenti" in status["error"]


def test_only_the_owner_and_the_admins_see_a_job(client, auth, agency, unit, make_user,
                                                 redis_queue):
    auth.login("architect")
    job_url = post_import(client, agency).headers["Location"]
    client.post("/auth/logout")
    auth.login("architect", suffix="2")  # another architect of the same instansi
    assert client.get(job_url).status_code == 404
    assert client.get(job_url + ".json").status_code == 404
    assert client.get("/jobs/999999").status_code == 404
    client.post("/auth/logout")
    auth.login("admin")
    assert client.get(job_url).status_code == 200
    assert client.get(job_url + ".json").get_json()["state"] == "queued"


def test_an_unknown_instansi_is_refused_before_any_job(client, auth, agency, unit, redis_queue):
    auth.login("architect")
    response = client.post("/import", data={
        "agency_id": "987654", "file": (io.BytesIO(ROWS.encode()), "aplikasi.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Instansi tidak dikenal." in response.text
    assert db.session.scalar(select(func.count()).select_from(models.Job)) == 0
