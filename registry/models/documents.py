"""The formal documents of the architecture: number, date, who enacted them, their review."""

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from arch_models.reference.documents import DOCUMENT_KINDS
from registry.extensions import db
from registry.models.base import TimestampMixin, VersionedMixin


class ArchitectureDocument(TimestampMixin, VersionedMixin, db.Model):
    """The enacted document of one architecture, the Peta Rencana or an internal policy."""

    __tablename__ = "architecture_documents"
    __table_args__ = (UniqueConstraint("agency_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    #: a key of arch_models.reference.documents.DOCUMENT_KINDS
    kind: Mapped[str] = mapped_column(String(30))
    number: Mapped[str | None] = mapped_column(String(200))
    issued_on: Mapped[date | None] = mapped_column(Date)
    #: e.g. "Peraturan Gubernur"
    enacted_by: Mapped[str | None] = mapped_column(String(200))
    last_review_on: Mapped[date | None] = mapped_column(Date)
    review_followup: Mapped[str | None] = mapped_column(String(300))
    #: the national domains the document covers (keys of NATIONAL_DOMAINS)
    domains: Mapped[list] = mapped_column(JSON, default=list)
    #: a policy: covers every OPD and all its required content (level 3)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    #: a policy: regulates integration beyond the instansi (national architecture, PDN, JIP, SPLP)
    beyond_instansi: Mapped[bool] = mapped_column(Boolean, default=False)

    def __str__(self):
        return DOCUMENT_KINDS.get(self.kind, self.kind)
