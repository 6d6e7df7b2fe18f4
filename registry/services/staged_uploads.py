"""Uploaded spreadsheets kept on the server for a while.

So "Import now" after a clean dry run (or a check after mapping words) needs no second upload.

Each file sits under ``instance/imports/`` (``IMPORT_STAGING_DIR``) named by a random token and
tied to the user who uploaded it and the instansi chosen; it expires after ``LIFETIME``. The
browser only ever holds the token: a path never comes from the client, and a token that is not
exactly the server's own shape is refused before any file is touched.
"""

import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

#: how long an upload waits for its import
LIFETIME = 2 * 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")


@dataclass(frozen=True)
class Staged:
    """An upload waiting for its import."""

    token: str
    data: bytes
    filename: str
    agency_id: int


def _folder():
    configured = current_app.config.get("IMPORT_STAGING_DIR")
    folder = Path(configured) if configured else Path(current_app.instance_path) / "imports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _write(path, data):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def stage(data, filename, *, user, agency_id):
    """Keep an upload for ``user``; return its token."""
    purge_expired()
    token = secrets.token_urlsafe(24)
    folder = _folder()
    meta = {"user_id": getattr(user, "id", None), "agency_id": agency_id,
            "filename": os.path.basename(filename or "")[-120:]}
    _write(folder / f"{token}.data", data)
    _write(folder / f"{token}.json", json.dumps(meta).encode())
    return token


def load(token, *, user):
    """Return the upload of ``token`` if it is ``user``'s and has not expired, else None."""
    if not isinstance(token, str) or not _TOKEN.fullmatch(token):
        return None
    purge_expired()
    folder = _folder()
    try:
        meta = json.loads((folder / f"{token}.json").read_bytes())
        data = (folder / f"{token}.data").read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("user_id") != getattr(user, "id", None):
        return None
    return Staged(token, data, meta["filename"], meta["agency_id"])


def discard(token):
    """Remove an upload once it is imported."""
    if isinstance(token, str) and _TOKEN.fullmatch(token):
        folder = _folder()
        for suffix in (".data", ".json"):
            (folder / f"{token}{suffix}").unlink(missing_ok=True)


def purge_expired(now=None):
    """Remove the uploads older than LIFETIME."""
    limit = (now or time.time()) - LIFETIME
    for path in _folder().iterdir():
        try:
            if path.suffix in (".data", ".json") and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
        except OSError:
            continue
