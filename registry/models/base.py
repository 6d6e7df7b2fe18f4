"""Column helpers and mixins shared by the tables."""

import enum
from datetime import UTC, datetime

from sqlalchemy import DateTime, Enum, Integer
from sqlalchemy.orm import Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator


def utcnow():
    """Return the current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class AwareDateTime(TypeDecorator):
    """A moment stored in UTC and always read back timezone-aware.

    PostgreSQL keeps the offset; SQLite drops it and hands back a naive value, which here gets
    its UTC back, so code and API output (RFC 3339 with an offset) are the same on both.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value, dialect):
        """Give a naive value read back (SQLite) its UTC."""
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def enum_column(enum_class: type[enum.Enum], **kwargs):
    """Store an enum by its value as a plain string, the same on SQLite and PostgreSQL."""
    return mapped_column(
        Enum(
            enum_class,
            native_enum=False,
            length=max(len(m.value) for m in enum_class),
            values_callable=lambda members: [m.value for m in members],
            validate_strings=True,
        ),
        **kwargs,
    )


class TimestampMixin:
    """When a row was created and last changed."""

    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        AwareDateTime(), default=utcnow, onupdate=utcnow
    )


class VersionedMixin:
    """An optimistic-lock counter: an UPDATE against a stale version changes no row and fails."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.__table__.c.version}
