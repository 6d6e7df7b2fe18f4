"""Evidence files (data dukung): documents kept by their SHA-256, and the indicators they serve."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.extensions import db
from registry.models.base import AwareDateTime, TimestampMixin, utcnow


class EvidenceFile(TimestampMixin, db.Model):
    """One document an agency keeps as evidence; its bytes are in the evidence store.

    The store is content-addressed: the row names the bytes by their SHA-256, which is checked
    again on every read. The same bytes are kept once per agency, and one file may serve
    several indicators (and years).
    """

    __tablename__ = "evidence_files"
    __table_args__ = (UniqueConstraint("agency_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    #: hex SHA-256 of the bytes: the file's address in the store
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    #: the type read from the content (never the one the browser claimed)
    media_type: Mapped[str] = mapped_column(String(100))
    #: the uploaded name, sanitised (no path, no control characters)
    filename: Mapped[str] = mapped_column(String(200))
    #: what the document is, e.g. "SK Tim Koordinasi Pemdi No. 7/2026"
    title: Mapped[str] = mapped_column(String(300))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    agency = relationship("Agency")
    uploaded_by = relationship("User")
    uses: Mapped[list["IndicatorEvidence"]] = relationship(back_populates="file")

    def __str__(self):
        return self.title or self.filename


class IndicatorEvidence(db.Model):
    """An evidence file attached to one indicator of one assessment."""

    __tablename__ = "indicator_evidence"

    indicator_score_id: Mapped[int] = mapped_column(
        ForeignKey("indicator_scores.id", ondelete="CASCADE"), primary_key=True)
    evidence_file_id: Mapped[int] = mapped_column(ForeignKey("evidence_files.id"),
                                                  primary_key=True, index=True)
    attached_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    attached_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    score = relationship("IndicatorScore", back_populates="attachments")
    file: Mapped[EvidenceFile] = relationship(back_populates="uses")
    attached_by = relationship("User")
