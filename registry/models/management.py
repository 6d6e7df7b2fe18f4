"""ICT management architecture: management areas, audit records, application reviews."""

import enum
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arch_models.landscape import AuditorKind, AuditType
from arch_models.reference.management import AREA_NAMES
from registry.extensions import db
from registry.models.base import TimestampMixin, VersionedMixin, enum_column


class AreaStatus(enum.StrEnum):
    """How far a management area (or audit) has come, along the level ladder."""

    NONE = "none"  # nothing yet
    PLANNED = "planned"  # planned, no guideline (level 2)
    GUIDED = "guided"  # done to a guideline (level 3)
    REVIEWED = "reviewed"  # applied to all OPDs and reviewed (level 4)
    IMPROVED = "improved"  # improved after the review (level 5)


class ManagementArea(TimestampMixin, VersionedMixin, db.Model):
    """One of the eight management areas or three audits, for one agency."""

    __tablename__ = "management_areas"
    __table_args__ = (UniqueConstraint("agency_id", "area"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    #: a key of arch_models.reference.management.AREAS
    area: Mapped[str] = mapped_column(String(40))
    status: Mapped[AreaStatus] = enum_column(AreaStatus, default=AreaStatus.NONE)
    guideline_ref: Mapped[str | None] = mapped_column(String(200))
    guideline_date: Mapped[date | None] = mapped_column(Date)
    roadmap_ref: Mapped[str | None] = mapped_column(String(200))
    last_review_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    def __str__(self):
        return AREA_NAMES.get(self.area, self.area)


class AuditRecord(TimestampMixin, VersionedMixin, db.Model):
    """An ICT audit that was carried out (indicators 29-31)."""

    __tablename__ = "audit_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    type: Mapped[AuditType] = enum_column(AuditType)
    object_name: Mapped[str] = mapped_column(String(200))
    performed_on: Mapped[date] = mapped_column(Date)
    auditor_kind: Mapped[AuditorKind] = enum_column(AuditorKind)
    auditor_name: Mapped[str | None] = mapped_column(String(200))
    conclusion: Mapped[str | None] = mapped_column(Text)
    findings: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)
    #: the findings were followed up (level 5)
    followed_up: Mapped[bool] = mapped_column(Boolean, default=False)

    def __str__(self):
        return f"Audit {AuditType(self.type).value} {self.object_name} ({self.performed_on})"


class ApplicationReview(TimestampMixin, VersionedMixin, db.Model):
    """A review of an application and its follow-up (indicator 15 levels 4-5)."""

    __tablename__ = "application_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    reviewed_on: Mapped[date] = mapped_column(Date)
    reviewer: Mapped[str] = mapped_column(String(200))
    outcome: Mapped[str | None] = mapped_column(Text)
    #: the document that followed the review up: an SK, a circular
    followup_document: Mapped[str | None] = mapped_column(String(300))

    application = relationship("Application")

    def __str__(self):
        return f"Reviu {self.reviewed_on}"
