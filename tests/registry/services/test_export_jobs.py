"""Issue 22 item 2: exports past a size as jobs (a list as XLSX/CSV, the ArchiMate file).

The job writes the file to the result folder under a temporary name and renames it when
complete; the job's row keeps its name, size and media type. Run inline (no queue) or by RQ's
SimpleWorker in this process (Redis database 12), the stored file holds the same bytes as the
immediate export of the same filters; a failed export keeps its error and leaves no file.
"""

import io
import os
import time

import pytest
from openpyxl import load_workbook

from registry import models
from registry.errors import NotFoundError, ValidationFailedError
from registry.extensions import db
from registry.models import JobState
from registry.services import exporting, job_files, jobs
from registry.services.archimate import export_archimate
from registry.services.inventory import ApplicationFilters
from tests.registry.job_queue import work


@pytest.fixture
def inventory_of_twelve(make_application):
    for n in range(12):
        make_application(kind="umum" if n % 3 == 0 else "khusus",
                         lifecycle="retired" if n == 5 else "production")


def export_job(user, name, fmt, filters, *, queue=None):
    return jobs.submit("export", jobs.export_params(name, fmt, filters), owner=user, queue=queue)


def stored(job):
    return job_files.path_of(job).read_bytes()


def job_owner(job):
    return db.session.get(models.User, job.owner_id)


def files_in(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_without_a_queue_an_export_job_writes_the_file_of_the_immediate_export(
        agency, make_user, inventory_of_twelve, results):
    filters = ApplicationFilters(kind="khusus", live=True, sort="-code")
    job = export_job(make_user("architect"), "applications", "csv", filters)
    assert job.state is JobState.DONE, job.error
    body = exporting.export_list("applications", filters, "csv")
    assert stored(job) == body
    assert job.result["filename"] == "applications.csv"
    assert job.result["mimetype"] == "text/csv; charset=utf-8"
    assert job.result["size"] == len(body)
    assert job.result["rows"] == 7
    assert (job.done, job.total, job.percent) == (7, 7, 100)
    assert files_in(results) == [job.result["file"]]


def test_an_xlsx_export_job_holds_the_rows_of_the_immediate_export(agency, make_user,
                                                                   inventory_of_twelve, results):
    filters = ApplicationFilters(kind="umum")
    job = export_job(make_user("architect"), "applications", "xlsx", filters)
    assert job.state is JobState.DONE, job.error
    assert job.result["mimetype"] == ("application/vnd.openxmlformats-officedocument."
                                      "spreadsheetml.sheet")

    def cells(body):
        sheet = load_workbook(io.BytesIO(body), read_only=True).active
        return [list(row) for row in sheet.iter_rows(values_only=True)]

    rows = cells(stored(job))
    assert rows == cells(exporting.export_list("applications", filters, "xlsx"))
    assert len(rows) == 1 + 4


def test_the_rows_are_counted_as_the_list_counts_them(agency, unit, inventory_of_twelve):
    assert exporting.count_rows("applications", ApplicationFilters(kind="umum")) == 4
    assert exporting.count_rows("applications", ApplicationFilters()) == 12
    assert exporting.count_rows("units", {"agency_id": agency.id, "q": None}) == 1
    assert exporting.count_rows("units", {"agency_id": agency.id, "q": "zzz"}) == 0


def test_a_queued_export_waits_for_the_worker_which_writes_the_file(
        agency, make_user, inventory_of_twelve, results, redis_queue):
    filters = ApplicationFilters(q="Uji 1")
    job = export_job(make_user("architect"), "applications", "csv", filters, queue=redis_queue)
    assert job.state is JobState.QUEUED
    assert files_in(results) == []
    work(redis_queue)
    job = jobs.get_job(job.id, job_owner(job))
    assert job.state is JobState.DONE, job.error
    assert stored(job) == exporting.export_list("applications", filters, "csv")
    assert job.result["rows"] == 4  # 1, 10, 11, 12


def test_an_archimate_job_writes_the_exchange_file(agency, make_user, inventory_of_twelve,
                                                   results, redis_queue):
    job = jobs.submit("archimate", jobs.archimate_params(agency.id),
                      owner=make_user("architect"), agency_id=agency.id, queue=redis_queue)
    work(redis_queue)
    job = jobs.get_job(job.id, job_owner(job))
    assert job.state is JobState.DONE, job.error
    assert stored(job) == export_archimate(agency.id)
    assert job.result["filename"] == "contohprov-archimate.xml"
    assert job.result["mimetype"] == "application/xml"
    assert (job.done, job.total) == (2, 2)


def test_a_failed_export_keeps_its_error_and_leaves_no_file(agency, make_user,
                                                            inventory_of_twelve, results,
                                                            monkeypatch):
    rows_of, extra = exporting._SOURCES["applications"]

    def rows_then_crash(filters):
        for n, row in enumerate(rows_of(filters)):
            if n == 6:
                raise RuntimeError("database gone")
            yield row

    monkeypatch.setitem(exporting._SOURCES, "applications", (rows_then_crash, extra))
    # rows flushed to the disk as they are written: the temporary file held a part of them
    monkeypatch.setattr(job_files, "BUFFER", 16)
    job = export_job(make_user("architect"), "applications", "csv", ApplicationFilters())
    assert job.state is JobState.FAILED
    assert "tidak ada yang disimpan" in job.error
    assert job.result is None
    assert files_in(results) == []


def test_an_unknown_list_or_format_is_refused_before_any_job():
    with pytest.raises(ValidationFailedError) as refused:
        jobs.export_params("passwords", "csv", {})
    assert set(refused.value.errors) == {"list"}
    with pytest.raises(ValidationFailedError) as refused:
        jobs.export_params("applications", "pdf", ApplicationFilters())
    assert set(refused.value.errors) == {"format"}


def test_a_file_is_removed_a_week_after_it_was_written(agency, make_user, inventory_of_twelve,
                                                     results):
    job = export_job(make_user("architect"), "applications", "csv", ApplicationFilters())
    path = job_files.path_of(job)
    week_ago = time.time() - job_files.LIFETIME - 60
    os.utime(path, (week_ago, week_ago))
    job_files.purge_expired()
    assert files_in(results) == []
    with pytest.raises(NotFoundError):
        job_files.path_of(job)
