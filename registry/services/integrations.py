"""Integration links: the write path and the list read model."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased, joinedload

from arch_models.landscape import Channel, Lifecycle, LinkStatus
from registry import models
from registry.errors import ConflictError, ValidationFailedError
from registry.extensions import db
from registry.models.text_match import ci_like, nocase
from registry.services import changelog
from registry.services._tx import transaction
from registry.services.common import add_record, apply, check_version, get_or_404, update_record
from registry.services.pagination import paginate
from registry.services.permissions import (
    INVENTORY_WRITERS,
    require_link_edit,
    require_link_sides,
    require_role,
)

#: who writes links directly (an operator only those wholly inside its OPD)
LINK_WRITERS = INVENTORY_WRITERS

LINK_FIELDS = (
    "provider_id",
    "consumer_id",
    "direction",
    "channel",
    "data_exchanged",
    "protocol",
    "status",
    "agreement_ref",
)


@dataclass(frozen=True)
class LinkFilters:
    """What the link list is narrowed to."""

    q: str | None = None
    agency_id: int | None = None
    unit_id: int | None = None
    application_id: int | None = None
    channel: str | None = None
    status: str | None = None
    #: only links exchanging data without the service bus
    point_to_point: bool = False


def list_links(filters, *, page=1, per_page=50):
    """Return a page of links with both applications loaded: two statements."""
    return paginate(_links_statement(filters), page=page, per_page=per_page, scalars=True)


def count_links(filters):
    """Return how many links the list of these filters holds (its page's total)."""
    stmt = _links_statement(filters).order_by(None)
    return db.session.scalar(select(func.count()).select_from(stmt.subquery()))


def iter_links(filters):
    """Yield every link the filters select, in list order, streamed (exports)."""
    stmt = _links_statement(filters).execution_options(yield_per=2000)
    # closed even when the reader stops half-way (a failed export): no cursor left open
    with db.session.execute(stmt) as result:
        yield from result.scalars()


def _links_statement(filters):
    link = models.IntegrationLink
    provider, consumer = aliased(models.Application), aliased(models.Application)
    stmt = (
        select(link)
        .join(provider, provider.id == link.provider_id)
        .join(consumer, consumer.id == link.consumer_id)
        .options(joinedload(link.provider), joinedload(link.consumer))
    )
    if filters.agency_id:
        stmt = stmt.where(link.agency_id == filters.agency_id)
    if filters.unit_id:
        stmt = stmt.where(
            or_(
                provider.owner_unit_id == filters.unit_id,
                consumer.owner_unit_id == filters.unit_id,
            )
        )
    if filters.application_id:
        stmt = stmt.where(
            or_(link.provider_id == filters.application_id,
                link.consumer_id == filters.application_id)
        )
    if filters.channel:
        stmt = stmt.where(link.channel == filters.channel)
    if filters.status:
        stmt = stmt.where(link.status == filters.status)
    if filters.point_to_point:
        stmt = stmt.where(link.channel.in_([c for c in Channel if c.is_point_to_point]))
    if filters.q:
        pattern = f"%{filters.q.strip()}%"
        stmt = stmt.where(
            or_(ci_like(provider.name, pattern), ci_like(consumer.name, pattern),
                ci_like(link.data_exchanged, pattern))
        )
    return stmt.order_by(nocase(provider.name), nocase(consumer.name), link.id)


def get_link(link_id):
    """Return a link, or raise NotFoundError."""
    return get_or_404(models.IntegrationLink, link_id)


def _field_error(field, message):
    return ValidationFailedError(message, errors={field: [message]})


def _validate(values, *, exclude_id=None):
    """Check a link's rules on its full set of values; return (provider, consumer)."""
    errors = {}
    provider = db.session.get(models.Application, values.get("provider_id"))
    consumer = db.session.get(models.Application, values.get("consumer_id"))
    if provider is None:
        errors["provider_id"] = [_("Aplikasi penyedia tidak dikenal.")]
    if consumer is None:
        errors["consumer_id"] = [_("Aplikasi konsumen tidak dikenal.")]
    if errors:
        raise ValidationFailedError(_("Data tautan tidak sah."), errors=errors)
    if provider.id == consumer.id:
        raise _field_error(
            "consumer_id", _("Aplikasi tidak dapat bertukar data dengan dirinya sendiri.")
        )
    if provider.agency_id != consumer.agency_id:
        raise _field_error("consumer_id", _("Kedua aplikasi harus berada di instansi yang sama."))
    status = LinkStatus(values.get("status") or LinkStatus.PROPOSED)
    if status != LinkStatus.RETIRED:
        for field, app in (("provider_id", provider), ("consumer_id", consumer)):
            if app.lifecycle == Lifecycle.RETIRED:
                raise _field_error(
                    field, _("%(name)s sudah pensiun; tautan baru tidak boleh dibuat.",
                             name=app.name)
                )
    if status == LinkStatus.ACTIVE:
        link = models.IntegrationLink
        stmt = select(link.id).where(
            link.provider_id == provider.id,
            link.consumer_id == consumer.id,
            link.channel == values.get("channel"),
            link.status == LinkStatus.ACTIVE,
            db.func.coalesce(link.data_exchanged, "") == (values.get("data_exchanged") or ""),
        )
        if exclude_id is not None:
            stmt = stmt.where(link.id != exclude_id)
        if db.session.scalar(stmt):
            raise _field_error(
                "data_exchanged",
                _("Tautan aktif yang sama (penyedia, konsumen, kanal dan data) sudah ada."),
            )
    return provider, consumer


def check_link_rules(values, *, exclude_id=None):
    """Check a link's full set of values against the rules of a link; raise ValidationFailedError.

    A restore re-checks a retired link this way before it is active again.
    """
    _validate(values, exclude_id=exclude_id)


def create_link(data, *, actor, authorised=False, reason=None):
    """Create an integration link between two applications of one agency.

    An OPD operator links its own OPD's applications; a link to another OPD's application is
    asked for with a link request, which that OPD approves.
    ``authorised``: the caller already checked the actor may (an approved request).
    """
    if not authorised:
        require_role(actor, *LINK_WRITERS)  # a reviewer is refused as such, not sent to a request
    with transaction():
        provider, consumer = _validate(data)
        if not authorised:
            require_link_sides(actor, provider, consumer)
        link = models.IntegrationLink(agency_id=provider.agency_id)
        apply(link, data, LINK_FIELDS)
        add_record(link, actor=actor, reason=reason)
    return link


def update_link(link_id, data, *, actor, expected_version):
    """Change a link, refusing a stale edit.

    An OPD operator changes (or retires) only a link wholly inside its OPD, and cannot re-point
    one to another OPD's application: that goes through a link request.
    """
    require_role(actor, *LINK_WRITERS)
    with transaction():
        link = get_link(link_id)
        require_link_edit(actor, link)
        check_version(link, expected_version)
        values = changelog.values_of(link) | dict(data)
        provider, consumer = _validate(values, exclude_id=link.id)
        require_link_sides(actor, provider, consumer)
        update_record(link, data, LINK_FIELDS, actor=actor)
    return link


def check_retire_link(link_id, *, actor):
    """Return the link for the retire confirmation; refuse as :func:`retire_link` would."""
    link = get_link(link_id)
    require_role(actor, *LINK_WRITERS)
    require_link_edit(actor, link)
    if link.status == LinkStatus.RETIRED:
        raise ConflictError(_("Tautan ini sudah dihentikan."))
    return link


def retire_link(link_id, *, actor, expected_version):
    """Retire a link: the two applications no longer exchange data this way.

    The change log keeps its status before, so the retirement can be restored.
    """
    with transaction():
        link = check_retire_link(link_id, actor=actor)
        check_version(link, expected_version)
        before = changelog.values_of(link)
        link.status = LinkStatus.RETIRED
        changelog.record_update(link, before, actor=actor)
    return link


def application_choices(agency_id=None, *, unit_id=None, keep=()):
    """Return (id, label) pairs of the live applications a form may choose from.

    ``unit_id`` narrows them to one OPD's (what an operator may pick); ``keep`` lists ids shown
    whatever the narrowing, so a form does not silently drop the value a record already has.
    """
    app = models.Application
    stmt = (
        select(app.id, app.name, app.code)
        .where(app.lifecycle != Lifecycle.RETIRED)
        .order_by(nocase(app.name), app.id)
    )
    if agency_id:
        stmt = stmt.where(app.agency_id == agency_id)
    if unit_id:
        kept = [i for i in keep if i is not None]
        stmt = stmt.where(or_(app.owner_unit_id == unit_id, app.id.in_(kept)))
    return [(row.id, f"{row.name} ({row.code})") for row in db.session.execute(stmt)]
