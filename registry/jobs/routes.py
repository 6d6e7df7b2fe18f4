"""A job's page, JSON status and file; only its owner and the admins see them (others: 404)."""

from flask import abort, jsonify, render_template, send_file

from registry.auth import current_actor
from registry.errors import NotFoundError
from registry.jobs import RESULT_VIEWS, bp
from registry.jobs.queue import check_lost
from registry.models import JobState
from registry.services import job_files, jobs


def _job(job_id):
    try:
        job = jobs.get_job(job_id, current_actor())
    except NotFoundError:
        abort(404)
    check_lost(job)
    return job


@bp.get("/jobs/<int:job_id>")
def show(job_id):
    """Show the job's state and a progress bar that advances while it runs; its result when done."""
    job = _job(job_id)
    view = RESULT_VIEWS.get(job.kind)
    if job.state is JobState.DONE and view is not None:
        return view(job)
    return render_template("jobs/job.html", job=job, status=jobs.status(job),
                           file_ready=job_files.has_file(job),
                           kept_days=job_files.LIFETIME // 86400)


@bp.get("/jobs/<int:job_id>.json")
def status(job_id):
    """Return the job's state and progress, polled by static/job-progress.js."""
    response = jsonify(jobs.status(_job(job_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/jobs/<int:job_id>/download")
def download(job_id):
    """Send the file a finished job wrote (an export), as its immediate download would."""
    job = _job(job_id)
    if job.state is not JobState.DONE:
        abort(404)
    try:
        path = job_files.path_of(job)
    except NotFoundError:
        abort(404)
    result = job.result
    response = send_file(path, mimetype=result["mimetype"], conditional=False, etag=False)
    response.headers["Content-Disposition"] = f'attachment; filename="{result["filename"]}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
