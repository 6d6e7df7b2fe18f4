"""Agencies and units (OPD): master data kept by admins and architects."""

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from arch_models.agencies import normalise_zone, parse_unit_list
from registry import models
from registry.errors import ValidationFailedError
from registry.extensions import db
from registry.models.text_match import ci_like, nocase, same_code
from registry.services import changelog
from registry.services._tx import transaction
from registry.services.common import (
    add_record,
    apply,
    check_agency,
    check_version,
    code_taken,
    get_or_404,
    name_choices,
    reference_error,
    update_record,
    with_application_count,
)
from registry.services.pagination import paginate
from registry.services.permissions import INVENTORY_MAINTAINERS, require_role

AGENCY_FIELDS = ("code", "name", "kind", "zone")
UNIT_FIELDS = ("code", "name", "acronym", "is_ict_unit")


def create_agency(data, *, actor):
    """Create an agency (instansi)."""
    require_role(actor, models.Role.ADMIN)
    with transaction():
        if db.session.scalar(select(models.Agency.id).where(same_code(models.Agency.code,
                                                                   data["code"]))):
            raise reference_error("code", _("Kode instansi sudah dipakai."))
        agency = models.Agency()
        apply(agency, data, AGENCY_FIELDS)
        db.session.add(agency)
        db.session.flush()
        changelog.log_change(
            "create", agency, actor=actor, after=changelog.values_of(agency), agency_id=agency.id
        )
    return agency


#: why a line of a pasted OPD list was refused, in the user's words
_LINE_PROBLEMS = {
    "too_many_columns": lambda p: _("baris %(n)s: lebih dari tiga kolom (kode; nama; singkatan)",
                                    n=p.line),
    "no_name": lambda p: _("baris %(n)s: nama OPD kosong", n=p.line),
    "bad_code": lambda p: _("baris %(n)s: kode \"%(code)s\" hanya boleh huruf, angka, titik, "
                            "garis bawah dan tanda hubung", n=p.line, code=p.text),
    "duplicate_code": lambda p: _("baris %(n)s: kode \"%(code)s\" sudah dipakai di baris lain",
                                  n=p.line, code=p.text),
    "duplicate_name": lambda p: _("baris %(n)s: OPD \"%(name)s\" sudah ada di baris lain",
                                  n=p.line, name=p.text),
}


def set_up_agency(data, units_text="", *, actor):
    """Create an instansi with its OPD list in one go (all or nothing); return (agency, units).

    ``data`` holds code, name, kind and zone (typed any way: ``https://KotaX.go.id/``);
    ``units_text`` one OPD a line, as :func:`arch_models.agencies.parse_unit_list` reads it.
    """
    require_role(actor, models.Role.ADMIN)
    errors, data = {}, dict(data)
    if data.get("zone"):
        try:
            data["zone"] = normalise_zone(data["zone"])
        except ValueError:
            errors["zone"] = [_("Bukan nama domain, mis. kotacontoh.go.id.")]
    lines, problems = parse_unit_list(units_text)
    if problems:
        errors["units"] = [_LINE_PROBLEMS[p.problem](p) for p in problems]
    if errors:
        raise ValidationFailedError(_("Instansi belum dibuat."), errors=errors)
    with transaction():
        agency = create_agency(data, actor=actor)
        units = [create_unit({"agency_id": agency.id, "code": line.code, "name": line.name,
                              "acronym": line.acronym, "is_ict_unit": False}, actor=actor)
                 for line in lines]
    return agency, units


def agency_summaries():
    """Return (agency, OPD count, application count) of every agency, by name."""
    unit_counts = (select(models.Unit.agency_id, func.count().label("n"))
                   .group_by(models.Unit.agency_id).subquery())
    app_counts = (select(models.Unit.agency_id, func.count(models.Application.id).label("n"))
                  .join(models.Application, models.Application.owner_unit_id == models.Unit.id)
                  .group_by(models.Unit.agency_id).subquery())
    stmt = (select(models.Agency, func.coalesce(unit_counts.c.n, 0),
                   func.coalesce(app_counts.c.n, 0))
            .outerjoin(unit_counts, unit_counts.c.agency_id == models.Agency.id)
            .outerjoin(app_counts, app_counts.c.agency_id == models.Agency.id)
            .order_by(models.Agency.name))
    return db.session.execute(stmt).all()


def has_agency():
    """Tell whether any instansi exists (an empty registry starts at the set-up page)."""
    return db.session.scalar(select(models.Agency.id).limit(1)) is not None


def list_agencies():
    """Return every agency, by name."""
    return db.session.scalars(select(models.Agency).order_by(models.Agency.name)).all()


def agency_choices():
    """Return (id, code, name) rows of every agency, by name: a select's options, no records."""
    agency = models.Agency
    return db.session.execute(
        select(agency.id, agency.code, agency.name).order_by(agency.name)).all()


def default_agency():
    """Return the agency a page shows when none is chosen: the first one created."""
    return db.session.scalar(select(models.Agency).order_by(models.Agency.id).limit(1))


def get_agency(agency_id):
    """Return an agency, or raise NotFoundError."""
    return get_or_404(models.Agency, agency_id)


def get_unit(unit_id):
    """Return a unit, or raise NotFoundError."""
    return get_or_404(models.Unit, unit_id)


def _check_unit_code_free(agency_id, code, *, exclude_id=None):
    if code_taken(models.Unit, agency_id, code, exclude_id=exclude_id):
        raise reference_error("code", _("Kode OPD sudah dipakai di instansi ini."))


def create_unit(data, *, actor):
    """Create an OPD in an agency."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        check_agency(data.get("agency_id"))
        _check_unit_code_free(data["agency_id"], data["code"])
        unit = models.Unit(agency_id=data["agency_id"])
        apply(unit, data, UNIT_FIELDS)
        add_record(unit, actor=actor)
    return unit


def update_unit(unit_id, data, *, actor, expected_version):
    """Change an OPD's master data, refusing a stale edit."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        unit = get_unit(unit_id)
        check_version(unit, expected_version)
        if "code" in data:
            _check_unit_code_free(unit.agency_id, data["code"], exclude_id=unit.id)
        update_record(unit, data, UNIT_FIELDS, actor=actor)
    return unit


#: OPDs the list page shows at once (a national installation holds tens of thousands)
UNITS_PER_PAGE = 50


def list_units(*, agency_id=None, q=None, page=None, per_page=UNITS_PER_PAGE):
    """Return units with their application counts, in two columns: (unit, count).

    With ``page``, one page of them (a ``Page``); without, all of them.
    """
    stmt = with_application_count(models.Unit, models.Application.owner_unit_id).order_by(
        nocase(models.Unit.name), models.Unit.id)
    if agency_id:
        stmt = stmt.where(models.Unit.agency_id == agency_id)
    if q:
        pattern = f"%{q}%"
        stmt = stmt.where(or_(ci_like(models.Unit.name, pattern),
                              ci_like(models.Unit.acronym, pattern)))
    if page is not None:
        return paginate(stmt, page=page, per_page=per_page)
    return db.session.execute(stmt).all()


def unit_choices(agency_id=None):
    """Return (id, label) pairs of the units a form may choose from."""
    return name_choices(models.Unit, agency_id)
