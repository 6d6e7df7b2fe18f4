"""Peta Rencana SPBE: initiatives with their yearly targets and budget lines."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from arch_models.roadmap import roadmap_problems
from registry import models
from registry.errors import ValidationFailedError
from registry.extensions import db
from registry.models.base import utcnow
from registry.models.text_match import same_code
from registry.services import changelog
from registry.services._tx import transaction
from registry.services.common import (
    add_record,
    apply,
    get_for_unit_edit,
    get_or_404,
    reference_error,
)
from registry.services.permissions import require_unit_write

INITIATIVE_FIELDS = ("code", "title", "content_area", "owner_unit_id", "indicators",
                     "start_year", "end_year", "status", "description", "elements")
YEAR_FIELDS = ("year", "target", "program_code", "activity_code", "sub_activity_code", "amount")


@dataclass(frozen=True)
class InitiativeFilters:
    """What the initiative list is narrowed to."""

    agency_id: int | None = None
    year: int | None = None
    content_area: str | None = None
    status: str | None = None
    unit_id: int | None = None


def list_initiatives(filters):
    """Return initiatives with their years and owner, by code: three statements."""
    item = models.Initiative
    stmt = select(item).options(selectinload(item.years), joinedload(item.owner_unit))
    if filters.agency_id:
        stmt = stmt.where(item.agency_id == filters.agency_id)
    if filters.year:
        stmt = stmt.where(item.start_year <= filters.year, item.end_year >= filters.year)
    if filters.content_area:
        stmt = stmt.where(item.content_area == filters.content_area)
    if filters.status:
        stmt = stmt.where(item.status == filters.status)
    if filters.unit_id:
        stmt = stmt.where(item.owner_unit_id == filters.unit_id)
    return db.session.scalars(stmt.order_by(item.start_year, item.code)).unique().all()


def get_initiative(initiative_id):
    """Return an initiative, or raise NotFoundError."""
    return get_or_404(models.Initiative, initiative_id)


def _values(initiative):
    values = changelog.values_of(initiative)
    values["years"] = [
        {f: changelog.jsonable(getattr(y, f)) for f in YEAR_FIELDS} for y in initiative.years
    ]
    return values


def _validate(values, *, agency_id=None, exclude_id=None):
    """Check an initiative's full set of values; return its owner unit."""
    unit = db.session.get(models.Unit, values.get("owner_unit_id"))
    if unit is None or (agency_id is not None and unit.agency_id != agency_id):
        raise reference_error("owner_unit_id", _("OPD tidak dikenal."))
    errors = roadmap_problems(values["start_year"], values["end_year"],
                              values.get("years") or [], values.get("indicators") or [])
    app_ids = [e["application_id"] for e in values.get("elements") or []]
    if app_ids:
        found = set(db.session.scalars(select(models.Application.id).where(
            models.Application.id.in_(app_ids), models.Application.agency_id == unit.agency_id)))
        if set(app_ids) - found:
            errors.setdefault("elements", []).append(_("Ada aplikasi yang tidak dikenal."))
    stmt = select(models.Initiative.id).where(models.Initiative.agency_id == unit.agency_id,
                                              same_code(models.Initiative.code,
                                                        values["code"]))
    if exclude_id is not None:
        stmt = stmt.where(models.Initiative.id != exclude_id)
    if db.session.scalar(stmt):
        errors.setdefault("code", []).append(_("Kode inisiatif sudah dipakai."))
    if errors:
        raise ValidationFailedError(_("Data inisiatif tidak sah."), errors=errors)
    return unit


def _set_years(initiative, years):
    initiative.years = [models.InitiativeYear(**{f: y.get(f) for f in YEAR_FIELDS})
                        for y in sorted(years, key=lambda y: y["year"])]


def create_initiative(data, *, actor, authorised=False, reason=None):
    """Create an initiative of the Peta Rencana with its yearly lines.

    ``authorised``: the caller already checked the actor may (an approved request).
    """
    with transaction():
        unit = _validate(data)
        if not authorised:
            require_unit_write(actor, unit.id)
        initiative = models.Initiative(agency_id=unit.agency_id)
        apply(initiative, data, INITIATIVE_FIELDS)
        _set_years(initiative, data.get("years") or [])
        add_record(initiative, actor=actor, reason=reason, values=_values)
    return initiative


def update_initiative(initiative_id, data, *, actor, expected_version):
    """Change an initiative; when ``years`` is given it replaces the yearly lines."""
    with transaction():
        initiative = get_for_unit_edit(models.Initiative, initiative_id, actor=actor,
                                       expected_version=expected_version,
                                       unit_attr="owner_unit_id")
        before = _values(initiative)
        merged = before | dict(data)
        unit = _validate(merged, agency_id=initiative.agency_id, exclude_id=initiative.id)
        require_unit_write(actor, unit.id)
        apply(initiative, data, INITIATIVE_FIELDS)
        if "years" in data:
            _set_years(initiative, data["years"])
        initiative.updated_at = utcnow()  # a change of years alone bumps the version
        db.session.flush()
        after = _values(initiative)
        if after != before:
            changelog.log_change("update", initiative, actor=actor, before=before, after=after)
    return initiative


def timeline(initiatives):
    """Arrange initiatives by year: {year: [(initiative, its line for that year or None)]}."""
    by_year = {}
    for initiative in initiatives:
        lines = {y.year: y for y in initiative.years}
        for year in range(initiative.start_year, initiative.end_year + 1):
            by_year.setdefault(year, []).append((initiative, lines.get(year)))
    return dict(sorted(by_year.items()))


def elements_of(initiative):
    """Return (action, application or None) for the applications an initiative touches."""
    ids = [e["application_id"] for e in initiative.elements or []]
    apps = {a.id: a for a in db.session.scalars(
        select(models.Application).where(models.Application.id.in_(ids)))} if ids else {}
    return [(e["action"], apps.get(e["application_id"])) for e in initiative.elements or []]
