"""Long work as jobs: recorded in the database, run by a worker from a queue, or inline.

A web request that would work for many seconds (importing 30,000 applications takes 15-20 s)
records a job and hands it to a queue; a worker (``flask --app registry worker``) runs it and
writes its state, progress and result to the ``jobs`` row, which every app server reads, so the
owner follows it from any server behind the proxy. Without a queue (no ``REGISTRY_REDIS_URL``:
the one-machine install) ``submit`` runs the job at once, in the caller.

The queue is RQ (python-rq) on the Redis the app servers already share: a maintained library
that needs nothing besides that Redis, runs a plain function by its dotted name and, forking a
fresh process per job, keeps a job's memory from the next. Celery would bring a second
configuration and a broker abstraction the registry has no use for.

A job writes nothing half-way: its work runs in one transaction (an import is all or nothing);
a job that fails is rolled back and keeps its error for the owner, and a worker that dies in the
middle leaves an uncommitted transaction, which the database drops.

This module imports no Flask: the caller hands it the queue (an ``rq.Queue`` or None).
"""

import io
import logging

from flask_babel import gettext as _
from sqlalchemy import update

from registry import models
from registry.errors import (
    NotFoundError,
    PermissionDeniedError,
    RegistryError,
    ValidationFailedError,
)
from registry.extensions import db
from registry.models import JobState
from registry.models.base import utcnow
from registry.services import (
    assessments,
    exporting,
    importing,
    job_files,
    organisation,
    staged_uploads,
)
from registry.services._tx import transaction
from registry.services.import_report import report_to_json

log = logging.getLogger(__name__)

#: the RQ queue the app servers put jobs on and the workers take them from
QUEUE_NAME = "registry"
#: how long a worker may run one job before RQ stops it (seconds)
JOB_TIMEOUT = 3600
#: how long RQ keeps its own record of a job after it ended; the ``jobs`` row stays
RQ_KEEP_SECONDS = 7 * 24 * 3600
#: the dotted name RQ calls, in the worker
PERFORM = "registry.services.jobs.perform"


def rq_id(job_id):
    """Return the id of the job's RQ counterpart."""
    return f"registry-job-{job_id}"


def submit(kind, params, *, owner, agency_id=None, queue=None):
    """Record a job of ``kind`` and put it on ``queue`` for a worker; run it here if None.

    Return the job; a queue that cannot be reached fails the job with why, for its owner.
    """
    if kind not in KINDS:
        raise ValidationFailedError(_("Jenis pekerjaan tidak dikenal."),
                                    errors={"kind": [_("Jenis pekerjaan tidak dikenal.")]})
    job = models.Job(kind=kind, owner_id=owner.id if owner else None, agency_id=agency_id,
                     params=params, state=JobState.QUEUED, done=0, total=0,
                     step=_("Menunggu pekerja"))
    with transaction():
        db.session.add(job)
    if queue is None:
        perform(job.id)
    else:
        try:
            queue.enqueue(PERFORM, job.id, job_id=rq_id(job.id), job_timeout=JOB_TIMEOUT,
                          result_ttl=RQ_KEEP_SECONDS, failure_ttl=RQ_KEEP_SECONDS,
                          description=f"{kind} #{job.id}")
        except Exception as error:  # noqa: BLE001 -- any reason the queue refused it
            log.error("job %s could not be queued: %s", job.id, error)
            _cleanup(job.kind, job.params)
            _finish(job.id, JobState.FAILED,
                    error=_("Antrean pekerjaan tidak dapat dihubungi; tidak ada yang disimpan. "
                            "Coba lagi nanti atau hubungi admin."))
    db.session.expire(job)
    return job


def perform(job_id):
    """Run the job ``job_id`` (in a worker, or inline) and record how it ended."""
    job = db.session.get(models.Job, job_id)
    if job is None or job.state is not JobState.QUEUED:
        return  # gone, or taken already (RQ may deliver a job again after a worker died)
    owner = db.session.get(models.User, job.owner_id) if job.owner_id else None
    kind, params = job.kind, dict(job.params or {})
    job.state, job.started_at, job.step = JobState.RUNNING, utcnow(), _("Dimulai")
    db.session.commit()
    try:
        result = KINDS[kind](params, owner, Progress(job_id))
    except RegistryError as error:
        db.session.rollback()
        _cleanup(kind, params)
        _finish(job_id, JobState.FAILED, error=error_text(error))
        return
    except Exception:
        db.session.rollback()
        log.exception("job %s (%s) failed", job_id, kind)
        _cleanup(kind, params)
        _finish(job_id, JobState.FAILED,
                error=_("Terjadi kesalahan tak terduga; tidak ada yang disimpan. Coba lagi atau "
                        "hubungi admin."))
        return
    _finish(job_id, JobState.DONE, result=result)


def fail_lost(job_id, reason=None):
    """Fail a job its worker lost (the process was killed, RQ gave it up).

    Nothing of it was committed, since its work runs in one transaction.
    """
    job = db.session.get(models.Job, job_id)
    if job is None or job.finished:
        return
    log.warning("job %s lost by its worker: %s", job_id, reason)
    _cleanup(job.kind, dict(job.params or {}))
    _finish(job_id, JobState.FAILED,
            error=_("Pekerja berhenti sebelum pekerjaan selesai; tidak ada yang disimpan. "
                    "Coba lagi."))


def get_job(job_id, user):
    """Return the job ``job_id`` if ``user`` may see it (its owner, or an admin)."""
    job = db.session.get(models.Job, job_id)
    if job is None or user is None or (job.owner_id != user.id
                                       and user.role != models.Role.ADMIN):
        raise NotFoundError(_("Pekerjaan tidak ditemukan."))
    return job


def status(job):
    """Return the job's state as JSON data, what the job page polls."""
    def moment(value):
        return value.isoformat() if value else None

    return {"id": job.id, "kind": job.kind, "state": job.state.value,
            "finished": job.finished,
            "progress": {"done": job.done, "total": job.total, "percent": job.percent,
                         "step": job.step},
            "error": job.error, "created_at": moment(job.created_at),
            "started_at": moment(job.started_at), "finished_at": moment(job.finished_at)}


def error_text(error):
    """Return a service error as one line for the job's owner."""
    parts = [str(error.message or "")] + [
        str(m) for messages in (error.errors or {}).values() for m in messages]
    text = " ".join(part for part in dict.fromkeys(parts) if part)
    return text[:2000] or _("Pekerjaan gagal.")


class Progress:
    """Write a running job's progress to its row at once, on a connection of its own.

    So the pages see it while the job's own transaction is still open.
    """

    def __init__(self, job_id):
        self.job_id = job_id

    def set(self, **values):
        """Write ``values`` to the job's row and commit them at once."""
        table = models.Job.__table__
        with db.engine.begin() as connection:
            connection.execute(update(table).where(table.c.id == self.job_id).values(**values))

    def importing(self):
        """Return a listener for the importer's ("total" | "rows" | "writing", n) events."""
        seen = {"done": 0, "total": 0}

        def hear(event, n):
            if event == "total":
                seen["total"] = n
                self.set(done=0, total=n, step=_("Membaca baris"))
            elif event == "rows":
                seen["done"] = min(seen["done"] + n, seen["total"])
                if seen["done"] < seen["total"]:
                    self.set(done=seen["done"])
                else:  # every row read: the rows are checked against the registry
                    self.set(done=seen["done"], step=_("Memeriksa data"))
            elif event == "writing":
                self.set(done=seen["total"], step=_("Menyimpan %(n)s data", n=n))

        return hear


def _finish(job_id, state, *, result=None, error=None):
    with transaction():
        db.session.execute(update(models.Job).where(models.Job.id == job_id).values(
            state=state, result=result, error=error, finished_at=utcnow(),
            step=_("Selesai") if state is JobState.DONE else _("Gagal")))


# -- the kinds of job -------------------------------------------------------------------------


def import_params(token, *, fresh, dry_run, domains_from_urls):
    """Return the parameters of an import job of the staged upload ``token``.

    ``fresh``: the upload came with this request (dropped when no next step needs it, as an inline
    run).
    """
    return {"token": token, "fresh": fresh, "dry_run": dry_run,
            "domains_from_urls": domains_from_urls}


def _import(params, owner, progress):
    """Import (or try) a staged upload; the result is the report and the token still kept."""
    staged = staged_uploads.load(params["token"], user=owner)
    if staged is None:
        raise ValidationFailedError(_("Berkas unggahan tidak ditemukan atau sudah kedaluwarsa; "
                                      "pilih berkasnya lagi."))
    report = importing.import_file(io.BytesIO(staged.data), staged.filename,
                                   agency_id=staged.agency_id, actor=owner,
                                   dry_run=params["dry_run"],
                                   domains_from_urls=params["domains_from_urls"],
                                   progress=progress.importing())
    token = params["token"]
    if report.written or (params["fresh"] and not (
            report.ok or report.unknown_words or report.unknown_headers)):
        staged_uploads.discard(token)
        token = None
    return {"report": report_to_json(report), "token": token, "agency_id": staged.agency_id,
            "dry_run": params["dry_run"], "domains_from_urls": params["domains_from_urls"]}


def export_params(name, fmt, filters):
    """Return the parameters of an export job of the list ``name`` as ``fmt``.

    ``filters`` narrow it as they narrow the list's page. An unknown list or format is refused
    here, before any job is recorded.
    """
    if name not in exporting.KINDS:
        message = _("Daftar tidak dikenal.")
        raise ValidationFailedError(message, errors={"list": [message]})
    if fmt not in exporting.FORMATS:
        message = _("Format tidak dikenal: pilih xlsx atau csv.")
        raise ValidationFailedError(message, errors={"format": [message]})
    return {"list": name, "format": fmt, "filters": exporting.filters_to_json(name, filters)}


def _require_owner(owner):
    if owner is None or not owner.active:
        raise PermissionDeniedError(_("Pemilik pekerjaan ini tidak lagi aktif."))


def _export(params, owner, progress):
    """Write a list's export to the result folder; the result names the file."""
    _require_owner(owner)
    name, fmt = params["list"], params["format"]
    filters = exporting.filters_from_json(name, params["filters"])
    total = exporting.count_rows(name, filters)
    progress.set(done=0, total=total, step=_("Menulis baris"))
    written = {"rows": 0}

    def on_rows(n):
        written["rows"] = n
        progress.set(done=min(n, total))

    file, size = job_files.write(progress.job_id, fmt, lambda handle: exporting.write_list(
        handle, name, filters, fmt, on_rows=on_rows))
    return {"file": file, "filename": f"{name}.{fmt}", "size": size,
            "mimetype": exporting.MEDIA_TYPES[fmt], "rows": written["rows"]}


def archimate_params(agency_id):
    """Return the parameters of an ArchiMate export job of the agency ``agency_id``."""
    return {"agency_id": agency_id}


def _archimate(params, owner, progress):
    """Write an agency's ArchiMate exchange file to the result folder."""
    from registry.services.archimate import export_archimate  # it loads the diagram tools

    _require_owner(owner)
    agency = organisation.get_agency(params["agency_id"])
    progress.set(done=0, total=2, step=_("Menyusun model ArchiMate"))
    body = export_archimate(agency.id)
    progress.set(done=1, step=_("Menyimpan berkas"))
    file, size = job_files.write(progress.job_id, "xml", lambda handle: handle.write(body))
    progress.set(done=2)
    return {"file": file, "filename": f"{agency.code.lower()}-archimate.xml", "size": size,
            "mimetype": "application/xml"}


def levels_params(assessment_id, version):
    """Return the parameters of a job that recomputes an assessment's computed levels."""
    return {"assessment_id": assessment_id, "version": version}


def _levels(params, owner, progress):
    """Take an assessment's computed levels again, as the scorecard's button does in a request."""
    assessment_id = params["assessment_id"]
    before = {s.indicator: s.computed_level
              for s in assessments.get_assessment(assessment_id).scores}

    def on_indicator(done, total):
        if done == 0:
            progress.set(done=0, total=total, step=_("Menghitung level per indikator"))
        else:
            progress.set(done=done)

    progress.set(step=_("Mengumpulkan data registri"))
    assessment = assessments.refresh_computed(assessment_id, actor=owner,
                                              expected_version=params["version"],
                                              on_indicator=on_indicator)
    changed = sum(1 for s in assessment.scores if before.get(s.indicator) != s.computed_level)
    return {"assessment_id": assessment_id, "changed": changed}


def _cleanup(kind, params):
    """Drop what a job that failed kept only for itself (a fresh upload)."""
    if kind == "import" and params.get("fresh"):
        staged_uploads.discard(params.get("token"))


#: what each kind of job runs: function(params, owner, progress) -> result (JSON data)
KINDS = {"import": _import, "export": _export, "archimate": _archimate, "levels": _levels}
