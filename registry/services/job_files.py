"""The files jobs make (an export): kept in the result folder, offered on the job's page.

The folder is ``REGISTRY_JOB_RESULT_DIR``, by default "job-results" beside the staging folder of
the imports (``instance/job-results``); with several machines it is a volume they share, as the
staging folder is. A file is written under a temporary name and renamed when complete, so a job
that fails half-way leaves nothing, and a download never reads a file still being written.
"""

import os
import secrets
import tempfile
import time
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from registry.errors import NotFoundError

#: bytes a file handle gathers before it writes them to the disk
BUFFER = 1024 * 1024
#: a job's file is removed this long after it was written (seconds); its page then offers none
LIFETIME = 7 * 24 * 3600


def folder():
    """Return the result folder, made if missing."""
    configured = current_app.config.get("REGISTRY_JOB_RESULT_DIR")
    if configured:
        path = Path(configured)
    else:
        staging = current_app.config.get("IMPORT_STAGING_DIR")
        base = Path(staging).parent if staging else Path(current_app.instance_path)
        path = base / "job-results"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def write(job_id, suffix, write_into):
    """Write a job's file with ``write_into(handle)``: to a temporary name, renamed when done.

    Return (its name in the result folder, its size in bytes). If ``write_into`` fails, the
    temporary file is removed and the error raised again.
    """
    target = folder()
    purge_expired(target)
    name = f"job-{job_id}-{secrets.token_hex(8)}.{suffix}"
    fd, temporary = tempfile.mkstemp(dir=target, prefix=".partial-", suffix=f".{suffix}")
    try:
        with os.fdopen(fd, "wb", buffering=BUFFER) as handle:
            write_into(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return name, (target / name).stat().st_size


def path_of(job):
    """Return the path of a finished job's file; NotFoundError when it has none (or it is gone)."""
    name = (job.result or {}).get("file") if job.result else None
    path = folder() / name if name and Path(name).name == name else None
    if path is None or not path.is_file():
        raise NotFoundError(_("Berkas hasil pekerjaan tidak ditemukan."))
    return path


def has_file(job):
    """Tell whether a finished job's file is still there (files expire after LIFETIME)."""
    try:
        path_of(job)
    except NotFoundError:
        return False
    return True


def purge_expired(target=None, now=None):
    """Remove the files older than LIFETIME, and temporary ones a killed worker left."""
    limit = (now or time.time()) - LIFETIME
    for path in (target or folder()).iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
        except OSError:
            continue
