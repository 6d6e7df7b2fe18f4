"""The domain register: the FQDNs under the agency's zone, who owns them, and what to fix."""

from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import exists, func, select
from sqlalchemy.orm import joinedload

from arch_models.landscape import Lifecycle
from arch_models.requests import syntax_problems
from registry import models
from registry.clock import local_today
from registry.errors import ValidationFailedError
from registry.extensions import db
from registry.models.text_match import ci_like, nocase
from registry.services import changelog
from registry.services._tx import transaction
from registry.services.common import (
    add_record,
    apply,
    check_same_agency,
    get_for_unit_edit,
    get_or_404,
    update_record,
)
from registry.services.pagination import paginate
from registry.services.permissions import (
    INVENTORY_MAINTAINERS,
    require_domain_application,
    require_role,
)

DOMAIN_FIELDS = ("fqdn", "unit_id", "application_id", "status", "technical_contact",
                 "hosted_in_indonesia", "tls_expires_on")

#: a certificate expiring within this many days is flagged
TLS_WARNING_DAYS = 30

#: the flags of the register, as SQL conditions on an active domain
FLAGS = {
    "no_application": lambda today: models.DomainName.application_id.is_(None),
    "tls_expiring": lambda today: models.DomainName.tls_expires_on
    <= today + timedelta(days=TLS_WARNING_DAYS),
    "no_tls": lambda today: models.DomainName.tls_expires_on.is_(None),
    "outside_indonesia": lambda today: models.DomainName.hosted_in_indonesia.is_(False),
}


@dataclass(frozen=True)
class DomainFilters:
    """What the register is narrowed to."""

    q: str | None = None
    agency_id: int | None = None
    unit_id: int | None = None
    status: str | None = None
    flag: str | None = None


def _register_statement(filters, today):
    domain = models.DomainName
    stmt = select(domain)
    if filters.agency_id:
        stmt = stmt.where(domain.agency_id == filters.agency_id)
    if filters.unit_id:
        stmt = stmt.where(domain.unit_id == filters.unit_id)
    if filters.status:
        stmt = stmt.where(domain.status == filters.status)
    if filters.q:
        stmt = stmt.where(ci_like(domain.fqdn, f"%{filters.q.strip().lower()}%"))
    if filters.flag in FLAGS:
        stmt = stmt.where(domain.status == models.DomainStatus.ACTIVE,
                          FLAGS[filters.flag](today))
    return stmt


def _listed(filters, today):
    domain = models.DomainName
    return (_register_statement(filters, today or local_today())
            .options(joinedload(domain.unit), joinedload(domain.application))
            .order_by(domain.fqdn))


def list_domains(filters, *, page=1, per_page=50, today=None):
    """Return a page of domain names with their unit and application."""
    return paginate(_listed(filters, today), page=page, per_page=per_page, scalars=True)


def iter_domains(filters, *, today=None):
    """Yield every domain name the filters select, in list order (exports)."""
    yield from db.session.scalars(_listed(filters, today))


def flag_counts(agency_id=None, *, today=None):
    """Return how many active domains carry each flag, and how many live applications lack one."""
    today = today or local_today()
    domain = models.DomainName
    counts = {}
    for name, condition in FLAGS.items():
        stmt = select(func.count()).select_from(domain).where(
            domain.status == models.DomainStatus.ACTIVE, condition(today))
        if agency_id:
            stmt = stmt.where(domain.agency_id == agency_id)
        counts[name] = db.session.scalar(stmt)
    counts["applications_without_domain"] = db.session.scalar(
        select(func.count()).select_from(_without_domain_statement(agency_id).subquery()))
    return counts


def _without_domain_statement(agency_id):
    app, domain = models.Application, models.DomainName
    stmt = select(app).where(
        app.lifecycle == Lifecycle.PRODUCTION,
        ~exists().where(domain.application_id == app.id,
                        domain.status == models.DomainStatus.ACTIVE),
    )
    if agency_id:
        stmt = stmt.where(app.agency_id == agency_id)
    return stmt


def applications_without_domain(agency_id=None, *, page=1, per_page=50):
    """Return a page of production applications that no active domain name points to."""
    stmt = (_without_domain_statement(agency_id)
            .options(joinedload(models.Application.owner_unit))
            .order_by(nocase(models.Application.name), models.Application.id))
    return paginate(stmt, page=page, per_page=per_page, scalars=True)


def get_domain(domain_id):
    """Return a domain name, or raise NotFoundError."""
    return get_or_404(models.DomainName, domain_id)


def fqdn_taken(fqdn, *, exclude_id=None):
    """Tell whether a domain name is registered and not released."""
    domain = models.DomainName
    stmt = select(domain.id).where(domain.fqdn == fqdn,
                                   domain.status != models.DomainStatus.RELEASED)
    if exclude_id is not None:
        stmt = stmt.where(domain.id != exclude_id)
    return db.session.scalar(stmt) is not None


def _record_named(fqdn, *, exclude_id=None):
    stmt = select(models.DomainName).where(models.DomainName.fqdn == fqdn)
    if exclude_id is not None:
        stmt = stmt.where(models.DomainName.id != exclude_id)
    return db.session.scalar(stmt)


def _validate(values, *, exclude_id=None):
    """Check a domain's full set of values; return its unit."""
    errors = {}
    unit = db.session.get(models.Unit, values.get("unit_id"))
    if unit is None:
        raise ValidationFailedError(_("Data domain tidak sah."),
                                    errors={"unit_id": [_("OPD tidak dikenal.")]})
    agency = unit.agency
    fqdn = (values.get("fqdn") or "").strip().lower().rstrip(".")
    values["fqdn"] = fqdn
    zone = (agency.zone or "").lower()
    if zone and not (fqdn == zone or fqdn.endswith("." + zone)):
        errors["fqdn"] = [_("Nama domain harus berada di bawah zona %(zone)s.", zone=zone)]
    elif any(syntax_problems(label) for label in fqdn.split(".")):
        errors["fqdn"] = [_("Setiap bagian nama domain hanya boleh huruf, angka dan tanda "
                            "hubung (1–63 karakter, tidak diawali atau diakhiri tanda hubung).")]
    elif (same := _record_named(fqdn, exclude_id=exclude_id)) is not None:
        # One record per name: a released name is taken up again in its own record.
        errors["fqdn"] = [
            _("Nama domain %(fqdn)s tercatat sebagai dilepas; aktifkan kembali catatan itu.",
              fqdn=fqdn) if same.status == models.DomainStatus.RELEASED
            else _("Nama domain %(fqdn)s sudah terdaftar.", fqdn=fqdn)]
    if values.get("application_id") is not None:
        app = db.session.get(models.Application, values["application_id"])
        if app is None or app.agency_id != unit.agency_id:
            errors["application_id"] = [_("Aplikasi tidak dikenal di instansi ini.")]
    if errors:
        raise ValidationFailedError(_("Data domain tidak sah."), errors=errors)
    return unit


def create_domain(data, *, actor, authorised=False, reason=None):
    """Register a domain name; maintainers only, unless an approved request authorised it."""
    data = dict(data)
    if not authorised:
        require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        unit = _validate(data)
        domain = models.DomainName(agency_id=unit.agency_id)
        apply(domain, data, DOMAIN_FIELDS)
        add_record(domain, actor=actor, reason=reason)
    return domain


def claim_domain(data, *, actor, reason):
    """Register the domain an approved request authorised.

    A released record of the same name is taken up again, so the name keeps one history.
    """
    with transaction():
        released = _record_named(data["fqdn"])
        if released is None or released.status != models.DomainStatus.RELEASED:
            # a name registered meanwhile is refused there, and the approval with it
            return create_domain(data, actor=actor, authorised=True, reason=reason)
        values = {"tls_expires_on": None} | dict(data)  # the old certificate is not the new one's
        check_same_agency(_validate(values, exclude_id=released.id), released)
        update_record(released, values, DOMAIN_FIELDS, actor=actor, reason=reason)
    return released


def update_domain(domain_id, data, *, actor, expected_version):
    """Change a domain name; an OPD operator may keep its own domains' contact and TLS true.

    An operator may point its domain at its own OPD's applications only; serving another OPD's
    application is an architect's call.
    """
    with transaction():
        domain = get_for_unit_edit(models.DomainName, domain_id, actor=actor,
                                   expected_version=expected_version)
        values = changelog.values_of(domain) | dict(data)
        if actor is not None and actor.role not in INVENTORY_MAINTAINERS:
            moved = {f for f in ("fqdn", "unit_id", "status") if values[f] != getattr(
                domain, f)}
            if moved:
                require_role(actor, *INVENTORY_MAINTAINERS)
        unit = _validate(values, exclude_id=domain.id)
        app_id = values.get("application_id")
        if app_id is not None and app_id != domain.application_id:
            # only a new attachment is checked: an architect's earlier one locks nobody out
            require_domain_application(actor, domain.unit_id,
                                       db.session.get(models.Application, app_id))
        check_same_agency(unit, domain)
        data["fqdn"] = values["fqdn"]
        update_record(domain, data, DOMAIN_FIELDS, actor=actor)
    return domain
