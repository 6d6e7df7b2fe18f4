"""The RQ queue on the app's Redis (``REGISTRY_REDIS_URL``), or None on one machine."""

from datetime import timedelta

from flask import current_app

from registry.models import JobState
from registry.models.base import utcnow
from registry.services import jobs

EXTENSION = "registry_jobs_queue"
#: a queued job RQ does not know this long after it was recorded was lost with Redis's data
LOST_AFTER = timedelta(minutes=5)


def _connection(url):
    import redis

    return redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5)


def current_queue():
    """Return the queue the app puts jobs on, or None when no Redis is configured.

    Without one, jobs run inline, as on one machine.
    """
    url = current_app.config.get("REGISTRY_REDIS_URL")
    if not url:
        return None
    cached = current_app.extensions.get(EXTENSION)
    if cached is None or cached[0] != url:
        from rq import Queue

        cached = (url, Queue(jobs.QUEUE_NAME, connection=_connection(url)))
        current_app.extensions[EXTENSION] = cached
    return cached[1]


def export_limit():
    """Return how many rows (or applications) an export may hold and still run in the request."""
    return int(current_app.config.get("REGISTRY_JOB_EXPORT_ROWS") or 0)


def check_lost(job):
    """Fail ``job`` if RQ says its run ended without it (a killed worker, a timeout)."""
    queue = current_queue()
    if queue is None or job.finished:
        return
    from rq.exceptions import NoSuchJobError
    from rq.job import Job as RqJob

    try:
        status = RqJob.fetch(jobs.rq_id(job.id), connection=queue.connection).get_status()
    except NoSuchJobError:
        # not on the queue: a moment after the row was written that is normal; long after,
        # Redis lost the job (flushed, restarted without its data)
        if job.state is JobState.QUEUED and utcnow() - job.created_at > LOST_AFTER:
            jobs.fail_lost(job.id, "not on the queue")
        return
    except Exception:  # noqa: BLE001 -- a Redis that fails leaves the page as the row says
        current_app.logger.warning("job %s: RQ status unknown", job.id, exc_info=True)
        return
    if status in ("failed", "stopped", "canceled"):
        jobs.fail_lost(job.id, f"RQ status {status}")
