"""Shared by the job tests: an import's rows, a staged upload, a Redis queue and a worker.

The queue lives on database 12 of the Redis on 127.0.0.1:6379 (REGISTRY_TEST_JOBS_REDIS_URL),
flushed before and after: no other test uses that number. Without a reachable Redis the tests
that need it are skipped, unless REGISTRY_MULTISERVER=1 says Redis is required: then they fail.
"""

import os

import pytest
from sqlalchemy import func, select

from registry import models
from registry.extensions import db
from registry.jobs.queue import current_queue
from registry.services import jobs, staged_uploads

REDIS_URL = os.environ.get("REGISTRY_TEST_JOBS_REDIS_URL", "redis://127.0.0.1:6379/12")

ROWS = ("Kode Aplikasi;Nama Aplikasi;Kode OPD;Status\n"
        + "".join(f"APP-{n:04d};Sistem Uji {n};DINKES;aktif\n" for n in range(1, 2501)))


def applications():
    return db.session.scalar(select(func.count()).select_from(models.Application))


def stage(user, agency, body=ROWS, name="aplikasi.csv"):
    return staged_uploads.stage(body.encode(), name, user=user, agency_id=agency.id)


def import_job(user, agency, *, queue=None, dry_run=False, token=None):
    token = token or stage(user, agency)
    params = jobs.import_params(token, fresh=True, dry_run=dry_run, domains_from_urls=False)
    return jobs.submit("import", params, owner=user, agency_id=agency.id, queue=queue)


def flushed_redis(url, required_by):
    """Return a connection to the Redis database at ``url``, flushed.

    Without a reachable Redis the test is skipped, or failed when the environment variable
    ``required_by`` is "1" (CI requires it).
    """
    try:
        import redis

        connection = redis.Redis.from_url(url, socket_connect_timeout=2)
        connection.ping()
    except Exception as error:  # noqa: BLE001 -- any reason Redis cannot be used
        if os.environ.get(required_by) == "1":
            pytest.fail(f"no Redis at {url}: {error}; {required_by}=1 requires it",
                        pytrace=False)
        pytest.skip(f"no Redis at {url}: {error}")
    connection.flushdb()
    return connection


def queue_on_redis(app):
    """Point the app at a flushed Redis database and yield its queue (a fixture's body)."""
    connection = flushed_redis(REDIS_URL, "REGISTRY_MULTISERVER")
    app.config["REGISTRY_REDIS_URL"] = REDIS_URL
    yield current_queue()
    connection.flushdb()
    connection.flushdb()
    connection.close()


def work(queue):
    """Run the queued jobs in this process, as a worker would, then return."""
    from rq import SimpleWorker

    SimpleWorker([queue], connection=queue.connection).work(burst=True)
