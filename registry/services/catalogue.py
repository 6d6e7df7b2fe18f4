"""The public application catalogue: what the instansi publishes, and nothing else.

The catalogue reads only the five public fields into plain records, so no template or API can
reach an internal field (notes, hosting, review, staff) through it.
"""

from dataclasses import dataclass, replace

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from arch_models.landscape import Lifecycle
from registry import models
from registry.errors import NotFoundError
from registry.extensions import db
from registry.services.pagination import paginate

#: the only fields the public sees
#: (the id only names the page of an entry)
PUBLIC_FIELDS = ("id", "name", "acronym", "purpose", "unit", "url")


@dataclass(frozen=True)
class CatalogueEntry:
    """One published application as the public sees it."""

    id: int
    name: str
    acronym: str | None
    purpose: str | None
    unit: str
    url: str | None


def _public():
    """Return the SELECT of the public fields of the published applications in production."""
    app, unit = models.Application, models.Unit
    return (select(app.id, app.name, app.acronym, app.description, unit.name, app.url)
            .join(unit, unit.id == app.owner_unit_id)
            .where(app.published.is_(True), app.lifecycle == Lifecycle.PRODUCTION))


def published(*, q=None, agency_id=None, unit_id=None, page=1, per_page=24):
    """Return a page of the published applications in production.

    Searched by ``q`` and narrowed to one OPD.
    """
    app, unit = models.Application, models.Unit
    stmt = _public()
    if agency_id:
        stmt = stmt.where(app.agency_id == agency_id)
    if unit_id:
        stmt = stmt.where(app.owner_unit_id == unit_id)
    if q and q.strip():
        pattern = f"%{q.strip().lower()}%"
        stmt = stmt.where(or_(func.lower(app.name).like(pattern),
                              func.lower(app.acronym).like(pattern),
                              func.lower(app.description).like(pattern),
                              func.lower(unit.name).like(pattern)))
    result = paginate(stmt.order_by(func.lower(app.name), app.id), page=page, per_page=per_page)
    return replace(result, items=[CatalogueEntry(*row) for row in result.items])


def entry(app_id):
    """Return one published application as the public sees it; anything else is not found."""
    row = db.session.execute(_public().where(models.Application.id == app_id)).first()
    if row is None:
        raise NotFoundError(_("Aplikasi tidak ada di katalog."))
    return CatalogueEntry(*row)


def unit_options(agency_id=None):
    """Return (id, name, count) of the OPDs with published applications, by name."""
    app, unit = models.Application, models.Unit
    stmt = (select(unit.id, unit.name, func.count(app.id))
            .join(app, app.owner_unit_id == unit.id)
            .where(app.published.is_(True), app.lifecycle == Lifecycle.PRODUCTION)
            .group_by(unit.id, unit.name).order_by(func.lower(unit.name), unit.id))
    if agency_id:
        stmt = stmt.where(unit.agency_id == agency_id)
    return db.session.execute(stmt).all()
