"""The registry's tables, one module per area; import the module and use ``models.X``."""

from registry.models.assessment import (
    Assessment,
    AssessmentStatus,
    IndicatorScore,
    IndicatorState,
    indicator_fillers,
)
from registry.models.changelog import ChangeAction, ChangeLog
from registry.models.documents import ArchitectureDocument
from registry.models.evidence import EvidenceFile, IndicatorEvidence
from registry.models.imports import ImportMapping
from registry.models.infrastructure import DataCenter, Network, ServiceBus, network_units
from registry.models.integration import IntegrationLink
from registry.models.inventory import Application, DomainName, DomainStatus
from registry.models.jobs import Job, JobState
from registry.models.management import (
    ApplicationReview,
    AreaStatus,
    AuditRecord,
    ManagementArea,
)
from registry.models.opd import OpdTarget, StaffCertificate
from registry.models.organisation import (
    Agency,
    AgencyKind,
    ApiToken,
    Role,
    SignInThrottle,
    Unit,
    User,
)
from registry.models.reference import ReferenceEntry
from registry.models.requests import Notification, Request
from registry.models.roadmap import Initiative, InitiativeStatus, InitiativeYear

__all__ = [
    "Agency",
    "AgencyKind",
    "ApiToken",
    "Application",
    "ApplicationReview",
    "ArchitectureDocument",
    "AreaStatus",
    "Assessment",
    "AssessmentStatus",
    "AuditRecord",
    "ChangeAction",
    "ChangeLog",
    "DataCenter",
    "DomainName",
    "DomainStatus",
    "EvidenceFile",
    "Initiative",
    "InitiativeStatus",
    "InitiativeYear",
    "SignInThrottle",
    "IndicatorEvidence",
    "ImportMapping",
    "Job",
    "JobState",
    "IndicatorScore",
    "IndicatorState",
    "IntegrationLink",
    "ManagementArea",
    "Network",
    "Notification",
    "OpdTarget",
    "ReferenceEntry",
    "Request",
    "Role",
    "ServiceBus",
    "StaffCertificate",
    "Unit",
    "User",
    "indicator_fillers",
    "network_units",
]
