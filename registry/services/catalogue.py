"""The public application catalogue: what the instansi publishes, and nothing else.

The catalogue reads only the five public fields into plain records, so no template or API can
reach an internal field (notes, hosting, review, staff) through it.
"""

from dataclasses import dataclass, replace

from sqlalchemy import func, or_, select

from arch_models.landscape import Lifecycle
from registry import models
from registry.services.pagination import paginate

#: the only fields the public sees
PUBLIC_FIELDS = ("name", "acronym", "purpose", "unit", "url")


@dataclass(frozen=True)
class CatalogueEntry:
    """One published application as the public sees it."""

    name: str
    acronym: str | None
    purpose: str | None
    unit: str
    url: str | None


def published(*, q=None, agency_id=None, page=1, per_page=24):
    """Return a page of the published applications in production, searched by ``q``."""
    app, unit = models.Application, models.Unit
    stmt = (select(app.name, app.acronym, app.description, unit.name, app.url)
            .join(unit, unit.id == app.owner_unit_id)
            .where(app.published.is_(True), app.lifecycle == Lifecycle.PRODUCTION))
    if agency_id:
        stmt = stmt.where(app.agency_id == agency_id)
    if q and q.strip():
        pattern = f"%{q.strip().lower()}%"
        stmt = stmt.where(or_(func.lower(app.name).like(pattern),
                              func.lower(app.acronym).like(pattern),
                              func.lower(app.description).like(pattern),
                              func.lower(unit.name).like(pattern)))
    result = paginate(stmt.order_by(app.name, app.id), page=page, per_page=per_page)
    return replace(result, items=[CatalogueEntry(*row) for row in result.items])
