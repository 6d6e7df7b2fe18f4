"""Light catalogues of the national reference architecture, as an agency uses them."""

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from registry.extensions import db
from registry.models.base import TimestampMixin, VersionedMixin


class ReferenceEntry(TimestampMixin, VersionedMixin, db.Model):
    """One code of a reference architecture: a business process, service, data or security item.

    The prefix of the code (RAB, RAL, RAD, RAK, RAA, RAI) says which architecture it belongs to.
    """

    __tablename__ = "reference_entries"
    __table_args__ = (UniqueConstraint("agency_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    #: normalised, e.g. RAL.02.03.02
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)

    @property
    def prefix(self):
        """Return the reference architecture of the code (RAB, RAL, ...)."""
        return self.code.split(".", 1)[0]

    def __str__(self):
        return f"{self.code} {self.name}"
