"""Application architecture: applications and the domain names they answer on."""

import enum
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql import false

from arch_models.landscape import AppKind, Lifecycle
from registry.extensions import db
from registry.models.base import AwareDateTime, TimestampMixin, VersionedMixin, enum_column


class Application(TimestampMixin, VersionedMixin, db.Model):
    """An application of the inventory."""

    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("agency_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: copied from the owner unit, so national-scale queries filter one table
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200), index=True)
    acronym: Mapped[str | None] = mapped_column(String(40), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[AppKind] = enum_column(AppKind, default=AppKind.KHUSUS)
    owner_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    lifecycle: Mapped[Lifecycle] = enum_column(Lifecycle, default=Lifecycle.PLANNED, index=True)
    started_on: Mapped[date | None] = mapped_column(Date)
    retired_on: Mapped[date | None] = mapped_column(Date)
    #: RAA code of the national reference architecture, normalised
    reference_code: Mapped[str | None] = mapped_column(String(40))
    hosting_id: Mapped[int | None] = mapped_column(ForeignKey("data_centers.id"), index=True)
    #: where the application fails over to, if anywhere
    backup_hosting_id: Mapped[int | None] = mapped_column(ForeignKey("data_centers.id"))
    #: the services (RAL codes) it supports and the data (RAD codes) it uses, normalised
    service_codes: Mapped[list] = mapped_column(JSON, default=list)
    data_codes: Mapped[list] = mapped_column(JSON, default=list)
    url: Mapped[str | None] = mapped_column(String(500))
    #: the date the plan was consulted with the ICT unit (indicator 15 level 3)
    consulted_ict_unit_on: Mapped[date | None] = mapped_column(Date)
    #: development integrated and controlled by the ICT unit (indicator 15 level 4)
    ict_controlled: Mapped[bool] = mapped_column(Boolean, default=False)
    last_review_on: Mapped[date | None] = mapped_column(Date)
    #: the document that followed the review up: an SK, a circular (indicator 15 level 5)
    review_followup: Mapped[str | None] = mapped_column(String(300))
    #: the SPBE service indicator (32-47) this application serves, if any
    service_indicator: Mapped[int | None] = mapped_column(Integer)
    confirmed_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: shown in the public catalogue (/katalog): only name, purpose, OPD and address
    published: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    agency = relationship("Agency")
    owner_unit = relationship("Unit")
    hosting = relationship("DataCenter", foreign_keys=[hosting_id])
    backup_hosting = relationship("DataCenter", foreign_keys=[backup_hosting_id])
    confirmed_by = relationship("User")

    def __str__(self):
        return self.name


class DomainStatus(enum.StrEnum):
    """The state of a registered domain name."""

    ACTIVE = "active"
    SUSPENDED = "suspended"
    RELEASED = "released"


class DomainName(TimestampMixin, VersionedMixin, db.Model):
    """A fully qualified domain name under the agency's go.id zone."""

    __tablename__ = "domain_names"
    __table_args__ = (UniqueConstraint("fqdn"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    fqdn: Mapped[str] = mapped_column(String(253))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id"), index=True
    )
    status: Mapped[DomainStatus] = enum_column(DomainStatus, default=DomainStatus.ACTIVE)
    technical_contact: Mapped[str | None] = mapped_column(String(200))
    hosted_in_indonesia: Mapped[bool] = mapped_column(Boolean, default=True)
    tls_expires_on: Mapped[date | None] = mapped_column(Date)
    confirmed_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    unit = relationship("Unit")
    application = relationship("Application")

    def __str__(self):
        return self.fqdn


