"""Roadmap architecture (Peta Rencana SPBE): initiatives, their yearly targets and budget lines."""

import enum
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.extensions import db
from registry.models.base import TimestampMixin, VersionedMixin, enum_column


class InitiativeStatus(enum.StrEnum):
    """Where an initiative stands."""

    PLANNED = "planned"
    BUDGETED = "budgeted"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    DELAYED = "delayed"
    CANCELLED = "cancelled"


class Initiative(TimestampMixin, VersionedMixin, db.Model):
    """One initiative of the Peta Rencana SPBE, over a window of at most five years."""

    __tablename__ = "initiatives"
    __table_args__ = (UniqueConstraint("agency_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(300))
    #: one of arch_models.roadmap.CONTENT_AREAS
    content_area: Mapped[str] = mapped_column(String(20))
    owner_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    #: the SPBE indicators it raises, e.g. [15, 18]
    indicators: Mapped[list] = mapped_column(JSON, default=list)
    start_year: Mapped[int] = mapped_column(Integer)
    end_year: Mapped[int] = mapped_column(Integer)
    status: Mapped[InitiativeStatus] = enum_column(InitiativeStatus,
                                                   default=InitiativeStatus.PLANNED)
    description: Mapped[str | None] = mapped_column(Text)
    #: the applications it builds, changes or retires: [{"application_id", "action"}]
    elements: Mapped[list] = mapped_column(JSON, default=list)

    owner_unit = relationship("Unit")
    years: Mapped[list["InitiativeYear"]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan",
        order_by="InitiativeYear.year")

    def __str__(self):
        return f"{self.code} {self.title}"


class InitiativeYear(db.Model):
    """An initiative's target and budget line for one year."""

    __tablename__ = "initiative_years"
    __table_args__ = (UniqueConstraint("initiative_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    target: Mapped[str | None] = mapped_column(String(500))
    #: the regional budget nomenclature: program / kegiatan / sub-kegiatan
    program_code: Mapped[str | None] = mapped_column(String(40))
    activity_code: Mapped[str | None] = mapped_column(String(40))
    sub_activity_code: Mapped[str | None] = mapped_column(String(40))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))

    initiative: Mapped[Initiative] = relationship(back_populates="years")
