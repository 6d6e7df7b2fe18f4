"""Self-assessments (penilaian mandiri): one per agency per year, a level per indicator."""

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql import false

from arch_models.indicator_workflow import State as IndicatorState
from registry.extensions import db
from registry.models.base import AwareDateTime, TimestampMixin, VersionedMixin, enum_column

__all__ = ["Assessment", "AssessmentStatus", "IndicatorScore", "IndicatorState",
           "effective_level", "indicator_fillers"]


def effective_level(computed, entered):
    """Return the level that counts: the assessor's, else the computed one, else 1."""
    if entered is not None:
        return entered
    return computed if computed is not None else 1


class AssessmentStatus(enum.StrEnum):
    """A draft is worked on; a final assessment is read-only evidence."""

    DRAFT = "draft"
    FINAL = "final"


class Assessment(TimestampMixin, VersionedMixin, db.Model):
    """The self-assessment of one agency for one evaluation year, against one instrument."""

    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("agency_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    #: the id of the instrument scored against, e.g. ``permenpanrb-59-2020``: the one that
    #: governs the year unless an admin chose another (the reason is in the change log)
    instrument_id: Mapped[str] = mapped_column(String(60))
    status: Mapped[AssessmentStatus] = enum_column(AssessmentStatus,
                                                   default=AssessmentStatus.DRAFT)
    #: when the computed levels were last taken from the registry's facts
    computed_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    finalised_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    finalised_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: the Koordinator Pemdi of the internal assessment team: appoints the team, finalises
    #: indicators and sends the assessment; whoever opened it until an admin appoints another
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    agency = relationship("Agency")
    finalised_by = relationship("User", foreign_keys=[finalised_by_id])
    coordinator = relationship("User", foreign_keys=[coordinator_id])
    scores: Mapped[list["IndicatorScore"]] = relationship(
        back_populates="assessment", order_by="IndicatorScore.indicator",
        cascade="all, delete-orphan")

    def __str__(self):
        return f"Penilaian mandiri {self.year}"


#: the staff who fill an indicator of an assessment in (the internal team)
indicator_fillers = Table(
    "indicator_fillers",
    db.metadata,
    Column("indicator_score_id", ForeignKey("indicator_scores.id", ondelete="CASCADE"),
           primary_key=True),
    Column("user_id", ForeignKey("users.id"), primary_key=True),
)


class IndicatorScore(TimestampMixin, VersionedMixin, db.Model):
    """One indicator of an assessment: the computed level, the assessor's, and why."""

    __tablename__ = "indicator_scores"
    __table_args__ = (UniqueConstraint("assessment_id", "indicator"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    indicator: Mapped[int] = mapped_column(Integer)
    #: the level the registry's facts prove; None where it cannot evidence the indicator
    computed_level: Mapped[int | None] = mapped_column(Integer)
    #: {"met": [...], "not_met": [...], "blockers": [{"record", "reason", "caps_at"}, ...]}
    explanation: Mapped[dict | None] = mapped_column(JSON)
    #: the assessor's level; over a computed one it is an override and needs a reason
    entered_level: Mapped[int | None] = mapped_column(Integer)
    override_reason: Mapped[str | None] = mapped_column(Text)
    #: [{"label": "Pergub 12/2024", "url": "https://..."}, ...]
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
    #: for a value another authority computes (Satu Data, BSSN ...): who published it, and when
    source_name: Mapped[str | None] = mapped_column(String(200))
    source_date: Mapped[date | None] = mapped_column(Date)
    #: carried over from a year scored with another instrument: the level must be assessed anew
    to_reassess: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    entered_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    #: where the indicator stands in the internal assessment (belum diisi … final)
    state: Mapped[IndicatorState] = enum_column(IndicatorState, default=IndicatorState.NOT_FILLED,
                                                server_default=IndicatorState.NOT_FILLED.value)
    #: what the last step said: why it was sent back, or what was checked
    state_note: Mapped[str | None] = mapped_column(Text)
    state_changed_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    state_changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: the person in charge (penanggung jawab): checks completeness and validity
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: the external assessors' levels: after the document assessment, after the interview
    document_level: Mapped[int | None] = mapped_column(Integer)
    interview_level: Mapped[int | None] = mapped_column(Integer)
    #: the assessors' catatan perbaikan: what the instansi is to improve
    improvement_note: Mapped[str | None] = mapped_column(Text)
    external_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    external_at: Mapped[datetime | None] = mapped_column(AwareDateTime())

    assessment: Mapped[Assessment] = relationship(back_populates="scores")
    entered_by = relationship("User", foreign_keys=[entered_by_id])
    state_changed_by = relationship("User", foreign_keys=[state_changed_by_id])
    responsible = relationship("User", foreign_keys=[responsible_id])
    external_by = relationship("User", foreign_keys=[external_by_id])
    fillers = relationship("User", secondary=indicator_fillers, order_by="User.name")
    attachments: Mapped[list["IndicatorEvidence"]] = relationship(  # noqa: F821
        back_populates="score", cascade="all, delete-orphan",
        order_by="IndicatorEvidence.evidence_file_id")

    @property
    def level(self):
        """The level that counts: the assessor's, else the computed one, else 1."""
        return effective_level(self.computed_level, self.entered_level)

    @property
    def source(self):
        """Where the level comes from: computed, entered, override, or missing (counted as 1)."""
        if self.entered_level is not None:
            return "override" if self.computed_level is not None else "entered"
        return "computed" if self.computed_level is not None else "missing"

    def __str__(self):
        return f"Indikator {self.indicator}"
