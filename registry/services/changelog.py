"""Write and read the change log."""

import enum
import logging
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, inspect, or_, select

from registry import models
from registry.extensions import db

logger = logging.getLogger(__name__)

#: columns that change on every write and say nothing about the record
_NOISE = {"created_at", "updated_at", "version"}


def values_of(obj):
    """Return the record's column values as JSON-ready data (the change log's before/after)."""
    values = {}
    for attr in inspect(obj).mapper.column_attrs:
        if attr.key in _NOISE or attr.key in ("password_hash", "session_generation"):
            continue
        values[attr.key] = jsonable(getattr(obj, attr.key))
    return values


def jsonable(value):
    """Return a value as JSON-ready data: enums by value, dates in ISO format."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def actor_label(actor):
    """Return how the log names an actor: the user, or the system for CLI and seeding."""
    return f"{actor.name} <{actor.email}>" if actor is not None else "sistem"


def restore_keys(obj):
    """Return what a delete entry keeps beyond the values, so a restore is exact.

    The record's creation time and its lock counter (the restored row continues it, so an edit form
    opened before the delete is still refused as stale).
    """
    keys = {}
    for name in ("created_at", "version"):
        if hasattr(obj, name) and getattr(obj, name) is not None:
            keys[name] = jsonable(getattr(obj, name))
    return keys


def log_change(action, obj, *, actor, before=None, after=None, agency_id=None, reason=None):
    """Append one change-log row for ``obj`` in the current transaction.

    A delete's ``before`` also keeps :func:`restore_keys`: the entry is all a restore reads.
    """
    db.session.flush()  # the object needs its id
    if action == "delete" and before is not None:
        before = restore_keys(obj) | before
    entry = models.ChangeLog(
        actor_id=actor.id if actor is not None else None,
        actor_name=actor_label(actor),
        action=models.ChangeAction(action),
        object_type=type(obj).__tablename__,
        object_id=obj.id,
        object_repr=str(obj)[:300],
        agency_id=agency_id if agency_id is not None else getattr(obj, "agency_id", None),
        before=before,
        after=after,
        reason=reason,
    )
    db.session.add(entry)
    logger.info("%s %s #%s by %s", action, entry.object_type, obj.id, entry.actor_name)
    return entry


def record_update(obj, before, *, actor, reason=None):
    """Log an update if any value changed; return whether one did."""
    after = values_of(obj)
    if after == before:
        return False
    log_change("update", obj, actor=actor, before=before, after=after, reason=reason)
    return True


def history(object_type, object_id, *, limit=200):
    """Return the changes of one record, newest first."""
    stmt = (
        select(models.ChangeLog)
        .where(models.ChangeLog.object_type == object_type, models.ChangeLog.object_id == object_id)
        .order_by(models.ChangeLog.at.desc(), models.ChangeLog.id.desc())
        .limit(limit)
    )
    return db.session.scalars(stmt).all()


#: records whose history only admins read: who has which account, role, unit and token
ADMIN_ONLY = ("users", "api_tokens")


def feed(*, object_type=None, action=None, actor_id=None, page=1, per_page=50, viewer=None):
    """Return a page of recent changes, newest first, optionally filtered.

    ``viewer`` (the signed-in user) sees each entry only if it may see the record: other OPDs'
    draft requests stay hidden, and user and token entries are for admins.
    """
    from registry.services.pagination import paginate
    from registry.services.requests import visible_request_ids

    change = models.ChangeLog
    stmt = select(change)
    if viewer is not None and viewer.role is not models.Role.ADMIN:
        stmt = stmt.where(change.object_type.not_in(ADMIN_ONLY),
                          or_(change.object_type != "requests",
                              change.object_id.in_(visible_request_ids(viewer))))
    if object_type:
        stmt = stmt.where(models.ChangeLog.object_type == object_type)
    if action:
        stmt = stmt.where(models.ChangeLog.action == models.ChangeAction(action))
    if actor_id:
        stmt = stmt.where(models.ChangeLog.actor_id == actor_id)
    stmt = stmt.order_by(models.ChangeLog.at.desc(), models.ChangeLog.id.desc())
    return paginate(stmt, page=page, per_page=per_page, scalars=True)


def count():
    """Return how many changes are logged."""
    return db.session.scalar(select(func.count()).select_from(models.ChangeLog))
