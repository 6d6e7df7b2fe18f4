"""The digital talent register: staff with certified digital competences, per OPD."""

from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from registry import models
from registry.clock import local_today
from registry.errors import ValidationFailedError
from registry.extensions import db
from registry.models.text_match import ci_like
from registry.services._tx import transaction
from registry.services.common import (
    add_record,
    apply,
    check_same_agency,
    delete_record,
    get_for_unit_edit,
    get_or_404,
    update_record,
)
from registry.services.pagination import paginate
from registry.services.permissions import require_unit_write

FIELDS = ("unit_id", "person_name", "employee_number", "position", "competence", "certificate",
          "issuer", "number", "issued_on", "expires_on")
#: certificates expiring within this many days are flagged
EXPIRY_WARNING_DAYS = 90


@dataclass(frozen=True)
class TalentFilters:
    """What the register is narrowed to."""

    agency_id: int | None = None
    unit_id: int | None = None
    q: str | None = None
    status: str | None = None  # valid, expiring, expired


def list_certificates(filters, *, page=1, per_page=50, today=None):
    """Return a page of certificates with their OPD."""
    today = today or local_today()
    cert = models.StaffCertificate
    stmt = select(cert).options(joinedload(cert.unit))
    if filters.agency_id:
        stmt = stmt.where(cert.agency_id == filters.agency_id)
    if filters.unit_id:
        stmt = stmt.where(cert.unit_id == filters.unit_id)
    if filters.q:
        pattern = f"%{filters.q.strip()}%"
        stmt = stmt.where(or_(ci_like(cert.person_name, pattern), ci_like(cert.competence, pattern),
                              ci_like(cert.certificate, pattern), ci_like(cert.issuer, pattern)))
    soon = today + timedelta(days=EXPIRY_WARNING_DAYS)
    if filters.status == "expired":
        stmt = stmt.where(cert.expires_on < today)
    elif filters.status == "expiring":
        stmt = stmt.where(cert.expires_on >= today, cert.expires_on <= soon)
    elif filters.status == "valid":
        stmt = stmt.where(or_(cert.expires_on.is_(None), cert.expires_on >= today))
    stmt = stmt.order_by(cert.person_name, cert.id)
    return paginate(stmt, page=page, per_page=per_page, scalars=True)


def get_certificate(cert_id):
    """Return a certificate, or raise NotFoundError."""
    return get_or_404(models.StaffCertificate, cert_id)


def _validate(values):
    unit = db.session.get(models.Unit, values.get("unit_id"))
    if unit is None:
        raise ValidationFailedError(_("Data sertifikat tidak sah."),
                                    errors={"unit_id": [_("OPD tidak dikenal.")]})
    issued, expires = values.get("issued_on"), values.get("expires_on")
    if issued and expires and expires < issued:
        raise ValidationFailedError(_("Data sertifikat tidak sah."), errors={
            "expires_on": [_("Tanggal berakhir tidak boleh sebelum tanggal terbit.")]})
    return unit


def create_certificate(data, *, actor):
    """Record a certificate; an OPD operator for its own OPD only."""
    with transaction():
        unit = _validate(data)
        require_unit_write(actor, unit.id)
        cert = models.StaffCertificate(agency_id=unit.agency_id)
        apply(cert, data, FIELDS)
        add_record(cert, actor=actor)
    return cert


def update_certificate(cert_id, data, *, actor, expected_version):
    """Change a certificate, refusing a stale edit and a move out of the actor's OPD."""
    with transaction():
        cert = get_for_unit_edit(models.StaffCertificate, cert_id, actor=actor,
                                 expected_version=expected_version)
        values = {name: getattr(cert, name) for name in FIELDS} | dict(data)
        unit = _validate(values)
        require_unit_write(actor, unit.id)
        check_same_agency(unit, cert)
        update_record(cert, data, FIELDS, actor=actor)
    return cert


def check_delete_certificate(cert_id, *, actor):
    """Return the certificate for the delete confirmation; refuse as the delete would."""
    cert = get_certificate(cert_id)
    require_unit_write(actor, cert.unit_id)
    return cert


def delete_certificate(cert_id, *, actor):
    """Remove a certificate recorded by mistake (the change log keeps it, to restore it)."""
    with transaction():
        delete_record(check_delete_certificate(cert_id, actor=actor), actor=actor)
