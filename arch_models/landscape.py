"""Frozen snapshots of the registry's facts, and the enums shared by every layer.

The three snapshots built by the hundred thousand at national scale (Unit, Application,
IntegrationLink) are NamedTuples: immutable and hashable like a frozen dataclass, but built four
times faster, which is the difference between under and over a second for a national analysis.
The rest are frozen dataclasses.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

__all__ = [
    "BUILT",
    "AppKind",
    "Application",
    "Audit",
    "AuditType",
    "AuditorKind",
    "Channel",
    "DataCenter",
    "DataCenterKind",
    "OUTSIDE_HOSTING",
    "IntegrationLink",
    "Landscape",
    "Lifecycle",
    "LinkDirection",
    "LinkStatus",
    "Network",
    "ServiceBus",
    "Unit",
]


class AppKind(enum.StrEnum):
    """Aplikasi Umum (designated nationally for shared use) or Aplikasi Khusus (own)."""

    UMUM = "umum"
    KHUSUS = "khusus"


class Lifecycle(enum.StrEnum):
    """Where an application stands in its life."""

    PLANNED = "planned"
    DEVELOPMENT = "development"
    PRODUCTION = "production"
    RETIRED = "retired"


#: built or being built: the applications the blockers and the OPD scorecard judge (a planned
#: one proves nothing yet)
BUILT = (Lifecycle.DEVELOPMENT, Lifecycle.PRODUCTION)


class Channel(enum.StrEnum):
    """How data travels over an integration link.

    Only the first four exchange data; a hyperlink or a shared login is not integration
    (docs/reference.md §2).
    """

    SERVICE_BUS = "service_bus"  # through the local service bus / SPLP
    DIRECT_API = "direct_api"  # point-to-point API call
    FILE_TRANSFER = "file_transfer"
    DATABASE_LINK = "database_link"
    HYPERLINK = "hyperlink"  # a hyperlink or shared login only

    @property
    def exchanges_data(self) -> bool:
        """Tell whether data really moves over this channel."""
        return self is not Channel.HYPERLINK

    @property
    def is_point_to_point(self) -> bool:
        """Tell whether the channel bypasses the service bus while exchanging data."""
        return self.exchanges_data and self is not Channel.SERVICE_BUS


class LinkStatus(enum.StrEnum):
    """The state of an integration link."""

    PROPOSED = "proposed"
    ACTIVE = "active"
    RETIRED = "retired"


class LinkDirection(enum.StrEnum):
    """Which way data flows between provider and consumer."""

    PROVIDER_TO_CONSUMER = "provider_to_consumer"
    BIDIRECTIONAL = "bidirectional"


class DataCenterKind(enum.StrEnum):
    """Kinds of data centre (docs/reference.md §3, indicator 16)."""

    OWN = "own"  # the instansi's own data centre
    PDN = "pdn"  # Pusat Data Nasional
    PDNS = "pdns"  # Pusat Data Nasional Sementara
    CLOUD = "cloud"
    COLOCATION = "colocation"
    OPD_SERVER_ROOM = "opd_server_room"  # an OPD's server room: outside the instansi's DC

    @property
    def is_instansi_facility(self) -> bool:
        """Tell whether hosting here counts as the instansi's own (or the national) data centre.

        An OPD's server room, a vendor's cloud and a colocation are outside it (§4: "OPD server
        room, vendor"): they cap indicator 16 (14 of the Indeks Pemdi) at level 2.
        """
        return self not in OUTSIDE_HOSTING

    @property
    def is_national(self) -> bool:
        """Tell whether this is the national data centre (PDN, or its temporary PDNS)."""
        return self in (DataCenterKind.PDN, DataCenterKind.PDNS)


#: hosting outside the instansi's own data centre and the PDN
OUTSIDE_HOSTING = frozenset({DataCenterKind.OPD_SERVER_ROOM, DataCenterKind.CLOUD,
                             DataCenterKind.COLOCATION})


class AuditType(enum.StrEnum):
    """The three ICT audits (indicators 29, 30, 31)."""

    INFRASTRUCTURE = "infrastructure"
    APPLICATION = "application"
    SECURITY = "security"


class AuditorKind(enum.StrEnum):
    """Who performed an audit: level 3 asks for internal auditors, level 4 external certified."""

    INTERNAL = "internal"
    EXTERNAL_CERTIFIED = "external_certified"


class Unit(NamedTuple):
    """An OPD (perangkat daerah) of an agency."""

    id: int
    code: str
    name: str
    agency_code: str = ""
    acronym: str = ""
    is_ict_unit: bool = False


@dataclass(frozen=True, slots=True)
class DataCenter:
    """A data centre or server room that hosts applications."""

    id: int
    code: str
    name: str
    kind: DataCenterKind
    uses_pdn: bool = False  #: connected to / using the national data centre (PDN)
    sop: bool = False  #: an operating SOP is recorded (indicator 16 level 3)


@dataclass(frozen=True, slots=True)
class Network:
    """An intra network and the units it reaches."""

    id: int
    name: str
    unit_ids: frozenset[int] = frozenset()
    connected_to_jip: bool = False  #: connected to the government intranet (JIP)


@dataclass(frozen=True, slots=True)
class ServiceBus:
    """The local service bus, and whether it is connected to the national SPLP."""

    id: int
    name: str
    connected_to_splp: bool = False


class Application(NamedTuple):
    """An application of the inventory, as the analysis sees it."""

    id: int
    code: str
    name: str
    unit_id: int
    kind: AppKind = AppKind.KHUSUS
    lifecycle: Lifecycle = Lifecycle.PRODUCTION
    acronym: str = ""
    reference_code: str = ""  #: RAA code
    hosting_id: int | None = None  #: DataCenter.id
    consulted_ict_unit_on: date | None = None  #: consulted with the ICT unit before it was built
    ict_controlled: bool = False  #: development controlled by the ICT unit
    last_review_on: date | None = None
    review_followup: str = ""  #: follow-up document of the last review (SK, circular)
    service_indicator: int | None = None  #: the service indicator (32-47) it serves, if any


class IntegrationLink(NamedTuple):
    """A data link from a provider application to a consumer application."""

    id: int
    provider_id: int
    consumer_id: int
    channel: Channel
    status: LinkStatus = LinkStatus.ACTIVE
    direction: LinkDirection = LinkDirection.PROVIDER_TO_CONSUMER
    data_exchanged: str = ""
    protocol: str = ""


@dataclass(frozen=True, slots=True)
class Audit:
    """An ICT audit record."""

    id: int
    type: AuditType
    performed_on: date
    auditor_kind: AuditorKind = AuditorKind.INTERNAL
    object_name: str = ""
    followed_up: bool = False  #: the findings were followed up


@dataclass(frozen=True, slots=True)
class Landscape:
    """Everything the analysis needs about one agency (or a whole registry), as plain values."""

    units: tuple[Unit, ...] = ()
    applications: tuple[Application, ...] = ()
    links: tuple[IntegrationLink, ...] = ()
    data_centers: tuple[DataCenter, ...] = ()
    networks: tuple[Network, ...] = ()
    service_buses: tuple[ServiceBus, ...] = ()
    audits: tuple[Audit, ...] = ()
    _apps_by_id: dict[int, Application] = field(default_factory=dict, compare=False, repr=False)
    _units_by_id: dict[int, Unit] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Frozen, so the lookup tables are filled through object.__setattr__ once.
        object.__setattr__(self, "_apps_by_id", {a.id: a for a in self.applications})
        object.__setattr__(self, "_units_by_id", {u.id: u for u in self.units})

    def application(self, app_id: int) -> Application:
        """Return the application with this id."""
        return self._apps_by_id[app_id]

    def unit(self, unit_id: int) -> Unit:
        """Return the unit with this id."""
        return self._units_by_id[unit_id]
