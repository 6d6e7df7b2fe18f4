"""Issue 22 item 2: long work as jobs (registry.services.jobs), run inline or by a worker.

Without a queue a job runs at once, in the caller; with Redis it waits on an RQ queue until a
worker (here RQ's SimpleWorker in this process, ``burst``) runs it. Either way its row tells its
state, progress and result, a failed job keeps its error and writes nothing half-way.
"""

from sqlalchemy import func, select

from registry import models
from registry.extensions import db
from registry.models import JobState
from registry.services import importing, jobs, staged_uploads
from tests.registry.job_queue import (
    applications,
    import_job,
    stage,
    work,
)


def test_without_a_queue_a_job_runs_at_once_and_keeps_its_report(agency, unit, make_user):
    architect = make_user("architect")
    job = import_job(architect, agency)
    assert job.state is JobState.DONE
    assert job.error is None
    assert job.started_at
    assert job.finished_at
    assert job.finished_at >= job.started_at
    assert (job.done, job.total, job.percent) == (2500, 2500, 100)
    assert job.owner_id == architect.id
    assert job.agency_id == agency.id
    report = job.result["report"]
    assert report["written"]
    assert report["rows"] == 2500
    assert report["counts"]["applications"]["created"] == 2500
    assert job.result["token"] is None  # written: the upload is dropped
    assert applications() == 2500


def test_a_job_writes_its_progress_where_other_servers_read_it(agency, unit, make_user,
                                                               monkeypatch):
    seen = []
    real_write = importing._write

    def write(plan, agency_, actor):
        # while the job's transaction is open, another connection sees how far it is
        with db.engine.connect() as other:
            row = other.execute(select(models.Job.__table__)).one()
        seen.append((row.state, row.done, row.total, row.step))
        real_write(plan, agency_, actor)

    monkeypatch.setattr(importing, "_write", write)
    import_job(make_user("architect"), agency)
    assert seen == [("running", 2500, 2500, "Menyimpan 2500 data")]


def test_a_failed_job_keeps_its_error_and_writes_nothing_half_way(agency, unit, make_user,
                                                                  monkeypatch):
    real_insert = importing._insert

    def insert_then_crash(*args):
        real_insert(*args)  # the applications are inserted in the job's transaction ...
        raise RuntimeError("disk full")  # ... when something breaks

    monkeypatch.setattr(importing, "_insert", insert_then_crash)
    architect = make_user("architect")
    logged = db.session.scalar(select(func.count()).select_from(models.ChangeLog))
    job = import_job(architect, agency)
    assert job.state is JobState.FAILED
    assert job.finished_at is not None
    assert "tidak ada yang disimpan" in job.error
    assert job.result is None
    assert applications() == 0
    assert db.session.scalar(select(func.count()).select_from(models.ChangeLog)) == logged


def test_a_job_whose_upload_is_gone_fails_with_why(agency, unit, make_user):
    architect = make_user("architect")
    token = stage(architect, agency)
    staged_uploads.discard(token)
    job = import_job(architect, agency, token=token)
    assert job.state is JobState.FAILED
    assert "pilih berkasnya lagi" in job.error


def test_a_job_of_a_user_without_the_right_fails_with_why(agency, unit, make_user):
    viewer = make_user("viewer")
    job = import_job(viewer, agency)
    assert job.state is JobState.FAILED
    assert job.error
    assert applications() == 0


def test_the_status_json_has_a_fixed_shape(agency, unit, make_user):
    job = import_job(make_user("architect"), agency)
    status = jobs.status(job)
    assert set(status) == {"id", "kind", "state", "finished", "progress", "error",
                           "created_at", "started_at", "finished_at"}
    assert status["progress"] == {"done": 2500, "total": 2500, "percent": 100,
                                  "step": "Selesai"}
    assert (status["id"], status["kind"], status["state"], status["finished"],
            status["error"]) == (job.id, "import", "done", True, None)


def test_a_running_job_stays_short_of_full_until_it_is_done():
    job = models.Job(kind="import", state=JobState.RUNNING, done=0, total=0)
    assert job.percent == 0
    job.done, job.total = 1000, 4000
    assert job.percent == 25
    job.done = 4000  # every row read; the checks and the writing are still to come
    assert job.percent == 95
    job.state = JobState.DONE
    assert job.percent == 100


def test_a_lost_job_is_failed_and_a_finished_one_is_left_alone(agency, unit, make_user):
    architect = make_user("architect")
    queued = models.Job(kind="import", owner_id=architect.id, params={}, step="")
    db.session.add(queued)
    db.session.commit()
    jobs.fail_lost(queued.id, "killed")
    db.session.refresh(queued)
    assert queued.state is JobState.FAILED
    assert "Pekerja berhenti" in queued.error
    done = import_job(architect, agency)
    jobs.fail_lost(done.id, "late")
    db.session.refresh(done)
    assert done.state is JobState.DONE


def test_a_queued_job_waits_for_the_worker_which_runs_it(agency, unit, make_user, redis_queue):
    architect = make_user("architect")
    job = import_job(architect, agency, queue=redis_queue)
    assert job.state is JobState.QUEUED
    assert job.step == "Menunggu pekerja"
    assert applications() == 0
    assert redis_queue.count == 1
    work(redis_queue)
    db.session.refresh(job)
    assert job.state is JobState.DONE, job.error
    assert job.result["report"]["counts"]["applications"]["created"] == 2500
    assert applications() == 2500
    assert redis_queue.count == 0


def test_a_queue_that_cannot_be_reached_fails_the_job(agency, unit, make_user):
    from redis import Redis
    from rq import Queue

    architect = make_user("architect")
    token = stage(architect, agency)
    nowhere = Queue(jobs.QUEUE_NAME, connection=Redis(port=1, socket_connect_timeout=1))
    job = import_job(architect, agency, queue=nowhere, token=token)
    assert job.state is JobState.FAILED
    assert "Antrean pekerjaan" in job.error
    assert staged_uploads.load(token, user=architect) is None




def test_the_worker_command_needs_redis(runner):
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code != 0
    assert "REGISTRY_REDIS_URL is not set" in result.output
