"""Infrastructure architecture: data centres, intra networks, the service bus."""

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from arch_models.landscape import DataCenterKind
from registry.extensions import db
from registry.models.base import TimestampMixin, VersionedMixin, enum_column

#: which units an intra network reaches
network_units = Table(
    "network_units",
    db.metadata,
    Column("network_id", Integer, ForeignKey("networks.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id", ondelete="CASCADE"), primary_key=True),
)


class DataCenter(TimestampMixin, VersionedMixin, db.Model):
    """A data centre, cloud or server room that hosts applications."""

    __tablename__ = "data_centers"
    __table_args__ = (UniqueConstraint("agency_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[DataCenterKind] = enum_column(DataCenterKind)
    tier: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(200))
    #: connected to / using the national data centre (PDN): indicator 16 level 4
    uses_pdn: Mapped[bool] = mapped_column(Boolean, default=False)
    #: its operating SOP (number or title): indicator 16 level 3
    sop_ref: Mapped[str | None] = mapped_column(String(200))

    def __str__(self):
        return self.name


class Network(TimestampMixin, VersionedMixin, db.Model):
    """An intra network and the units it reaches."""

    __tablename__ = "networks"
    __table_args__ = (UniqueConstraint("agency_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    #: connected to the government intranet (JIP): indicator 17 level 4
    connected_to_jip: Mapped[bool] = mapped_column(Boolean, default=False)

    units = relationship("Unit", secondary=network_units, order_by="Unit.name")

    def __str__(self):
        return self.name


class ServiceBus(TimestampMixin, VersionedMixin, db.Model):
    """The local service bus and whether it is connected to the national SPLP."""

    __tablename__ = "service_buses"
    __table_args__ = (UniqueConstraint("agency_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    connected_to_splp: Mapped[bool] = mapped_column(Boolean, default=False)
    data_center_id: Mapped[int | None] = mapped_column(ForeignKey("data_centers.id"))

    data_center = relationship("DataCenter")

    def __str__(self):
        return self.name
