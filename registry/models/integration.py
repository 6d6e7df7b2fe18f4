"""Integration links between applications: the edges of the integration graph."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arch_models.landscape import Channel, LinkDirection, LinkStatus
from registry.extensions import db
from registry.models.base import TimestampMixin, VersionedMixin, enum_column


class IntegrationLink(TimestampMixin, VersionedMixin, db.Model):
    """Data flowing from a provider application to a consumer application."""

    __tablename__ = "integration_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    consumer_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    direction: Mapped[LinkDirection] = enum_column(
        LinkDirection, default=LinkDirection.PROVIDER_TO_CONSUMER
    )
    channel: Mapped[Channel] = enum_column(Channel)
    data_exchanged: Mapped[str | None] = mapped_column(String(300))
    protocol: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[LinkStatus] = enum_column(LinkStatus, default=LinkStatus.PROPOSED)
    agreement_ref: Mapped[str | None] = mapped_column(String(200))
    service_bus_id: Mapped[int | None] = mapped_column(ForeignKey("service_buses.id"))

    provider = relationship("Application", foreign_keys=[provider_id])
    consumer = relationship("Application", foreign_keys=[consumer_id])

    def __str__(self):
        provider = self.provider.name if self.provider else self.provider_id
        consumer = self.consumer.name if self.consumer else self.consumer_id
        return f"{provider} → {consumer}"
