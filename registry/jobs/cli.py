"""``flask --app registry worker``: run the queued jobs (RQ) with the app's context.

Each job runs in a process forked for it (RQ's Worker), which opens its own database
connections; a job whose process dies is failed with why, and its open transaction, never
committed, leaves nothing behind.
"""

import click
from flask import current_app
from flask.cli import with_appcontext

from registry.extensions import db
from registry.services import jobs


def _job_id(rq_job):
    prefix = jobs.rq_id("")
    return int(rq_job.id[len(prefix):]) if rq_job.id.startswith(prefix) else None


def _worker_class():
    from rq import Worker

    class AppWorker(Worker):
        """An RQ worker whose forked job processes leave the parent's connections alone."""

        def main_work_horse(self, job, queue):
            # the pool's connections were inherited from the parent: drop them without closing
            # (closing would end the parent's sessions) and open fresh ones for this job
            db.engine.dispose(close=False)
            super().main_work_horse(job, queue)

    return AppWorker


def _horse_killed(rq_job, _pid, _status, _rusage):
    """Fail the job for its owner when the job's process died (killed, out of memory)."""
    job_id = _job_id(rq_job)
    if job_id is not None:
        jobs.fail_lost(job_id, "work horse killed")
        db.session.remove()


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the jobs waiting now, then stop.")
@click.option("--name", default=None, help="The worker's name (default: host and process).")
@with_appcontext
def worker_command(burst, name):
    """Run the queued jobs (imports, large exports, recomputed levels) from REGISTRY_REDIS_URL."""
    import redis
    from rq import Queue

    url = current_app.config.get("REGISTRY_REDIS_URL")
    if not url:
        raise click.ClickException(
            "REGISTRY_REDIS_URL is not set: without Redis the jobs run inline in the web "
            "request and no worker is needed.")
    connection = redis.Redis.from_url(url)
    queue = Queue(jobs.QUEUE_NAME, connection=connection)
    worker = _worker_class()([queue], connection=connection, name=name,
                             work_horse_killed_handler=_horse_killed)
    worker.work(burst=burst, logging_level="INFO")
