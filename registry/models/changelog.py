"""The change log: who changed what, when, and the values before and after."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.extensions import db
from registry.models.base import AwareDateTime, enum_column, utcnow


class ChangeAction(enum.StrEnum):
    """The kind of change."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class ChangeLog(db.Model):
    """One create, update or delete of one record."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: kept as text so the entry survives the user's deletion
    actor_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[ChangeAction] = enum_column(ChangeAction)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int] = mapped_column(Integer)
    #: a readable label of the record at the time of the change
    object_repr: Mapped[str] = mapped_column(String(300))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    #: why, where the change is a decision (a request approved or rejected)
    reason: Mapped[str | None] = mapped_column(Text)

    actor = relationship("User")

    @property
    def changed_fields(self):
        """Return the names of the fields whose value differs between before and after."""
        before, after = self.before or {}, self.after or {}
        return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
