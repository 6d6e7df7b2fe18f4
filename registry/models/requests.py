"""What OPDs ask for (sub-domains, new applications, integration links) and who hears of it."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arch_models.requests import RequestKind, RequestState
from registry.extensions import db
from registry.models.base import AwareDateTime, TimestampMixin, VersionedMixin, enum_column, utcnow


class Request(TimestampMixin, VersionedMixin, db.Model):
    """One request of an OPD; what it asks for is in ``payload``, shaped by its kind."""

    __tablename__ = "requests"
    __table_args__ = (Index("ix_requests_state_kind", "state", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    kind: Mapped[RequestKind] = enum_column(RequestKind)
    state: Mapped[RequestState] = enum_column(RequestState, default=RequestState.DRAFT)
    #: the requesting OPD
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    requester_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: a link request: the OPD on the other side, whose operator may approve it
    counterpart_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    #: what the lists show: the FQDN, the application's name, "provider → consumer"
    title: Mapped[str] = mapped_column(String(300))
    #: what "already requested" compares: the FQDN of a sub-domain request
    key: Mapped[str | None] = mapped_column(String(253), index=True)
    purpose: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    #: the candidates found when an application request was submitted
    duplicates: Mapped[list] = mapped_column(JSON, default=list)
    justification: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    decider_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    #: the record the approval created: a domain name, an application or a link
    result_type: Mapped[str | None] = mapped_column(String(40))
    result_id: Mapped[int | None] = mapped_column(Integer)

    unit = relationship("Unit", foreign_keys=[unit_id])
    counterpart_unit = relationship("Unit", foreign_keys=[counterpart_unit_id])
    requester = relationship("User", foreign_keys=[requester_id])
    decider = relationship("User", foreign_keys=[decider_id])

    def __str__(self):
        return f"#{self.id} {self.title}"


class Notification(db.Model):
    """One message of a user's inbox; the text is rendered in the reader's language."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    #: what happened, one of registry.services.notifications.EVENTS
    event: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    #: None: no mail was due; otherwise when it went out, or why it did not
    mail_status: Mapped[str | None] = mapped_column(String(200))

    user = relationship("User")
    request = relationship("Request")
