"""Per-OPD records: the yearly score target and the digital talent register."""

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.extensions import db
from registry.models.base import TimestampMixin, VersionedMixin


class OpdTarget(TimestampMixin, VersionedMixin, db.Model):
    """The score an OPD should reach in a year, set by the architect (performance allowance)."""

    __tablename__ = "opd_targets"
    __table_args__ = (UniqueConstraint("unit_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    target: Mapped[float] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    unit = relationship("Unit")
    set_by = relationship("User")

    def __str__(self):
        return f"Target {self.year}: {self.target}"


class StaffCertificate(TimestampMixin, VersionedMixin, db.Model):
    """A staff member's certified digital competence (indicator 25)."""

    __tablename__ = "staff_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(200))
    #: the staff number (NIP), so one person's certificates can be told apart
    employee_number: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[str | None] = mapped_column(String(200))
    competence: Mapped[str] = mapped_column(String(200))
    certificate: Mapped[str] = mapped_column(String(200))
    issuer: Mapped[str] = mapped_column(String(200))
    number: Mapped[str | None] = mapped_column(String(100))
    issued_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)

    unit = relationship("Unit")

    def __str__(self):
        return f"{self.person_name}: {self.certificate}"

    def valid_on(self, day: date) -> bool:
        """Tell whether the certificate holds on a day (no expiry: it always holds)."""
        return (self.issued_on is None or self.issued_on <= day) and (
            self.expires_on is None or self.expires_on >= day)

