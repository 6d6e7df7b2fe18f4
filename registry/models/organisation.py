"""Agencies (instansi), their units (OPD), users and API tokens."""

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.extensions import db
from registry.models.base import AwareDateTime, TimestampMixin, VersionedMixin, enum_column, utcnow


class Role(enum.StrEnum):
    """What a user may do; checked in the services for every write."""

    ADMIN = "admin"
    ARCHITECT = "architect"
    REVIEWER = "reviewer"
    OPD_OPERATOR = "opd_operator"
    VIEWER = "viewer"
    #: an external assessor (asesor): reads the agencies' assessments and their evidence, and
    #: records the levels of the document assessment and the interview
    ASESOR = "asesor"


class AgencyKind(enum.StrEnum):
    """The kind of instansi."""

    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"
    KEMENTERIAN = "kementerian"
    LEMBAGA = "lembaga"


class Agency(TimestampMixin, db.Model):
    """An instansi: a province, regency, city, ministry or agency."""

    __tablename__ = "agencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[AgencyKind] = enum_column(AgencyKind)
    #: the instansi's go.id zone, e.g. ``contohprov.go.id``
    zone: Mapped[str | None] = mapped_column(String(253))

    units: Mapped[list["Unit"]] = relationship(back_populates="agency", order_by="Unit.name")

    def __str__(self):
        return self.name


class Unit(TimestampMixin, VersionedMixin, db.Model):
    """An OPD (perangkat daerah) of an agency."""

    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("agency_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    acronym: Mapped[str | None] = mapped_column(String(40))
    #: the ICT unit (Diskominfo) that applications must be consulted with
    is_ict_unit: Mapped[bool] = mapped_column(Boolean, default=False)

    agency: Mapped[Agency] = relationship(back_populates="units")

    def __str__(self):
        return self.name


class User(UserMixin, TimestampMixin, db.Model):
    """A person who signs in; an OPD operator belongs to one unit."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = enum_column(Role)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    #: preferred interface language, "id" or "en"
    locale: Mapped[str | None] = mapped_column(String(5))
    #: part of every session's id: raising it ends all the user's sessions at once
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: set with a temporary password; the user chooses a new one before anything else
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False,
                                                       server_default=sa_false())

    unit: Mapped[Unit | None] = relationship()

    @property
    def is_active(self):
        """Tell Flask-Login whether the account may sign in."""
        return self.active

    def get_id(self):
        """Return the session id "<id>.<generation>", so a raised generation ends old sessions."""
        return f"{self.id}.{self.session_generation or 0}"

    def __str__(self):
        return self.name


class ApiToken(db.Model):
    """A personal API token; only its SHA-256 is stored, the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: the first characters, so a user can tell tokens apart
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(AwareDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(AwareDateTime())

    user: Mapped[User] = relationship()

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class SignInThrottle(db.Model):
    """Failed sign-ins of one e-mail or one address, and when the next try is allowed."""

    __tablename__ = "sign_in_throttles"

    #: "email:<address>" or "address:<client address>"
    key: Mapped[str] = mapped_column(String(320), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), index=True)
    #: no try before this moment; empty while the free tries last
    next_allowed_at: Mapped[datetime | None] = mapped_column(AwareDateTime())
