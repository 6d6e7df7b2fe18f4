"""Applications: the write path (create, edit, retire, delete) and the list read model."""

from dataclasses import dataclass, replace

from flask_babel import gettext as _
from sqlalchemy import String, cast, exists, func, or_, select
from sqlalchemy.orm import joinedload

from arch_models.errors import InvalidReferenceCodeError
from arch_models.landscape import BUILT, OUTSIDE_HOSTING, Channel, Lifecycle, LinkStatus
from arch_models.refcodes import normalise_reference_code
from registry import models
from registry.clock import local_today
from registry.errors import ConflictError, NotFoundError, ValidationFailedError
from registry.extensions import db
from registry.models.text_match import ci_like, nocase
from registry.services import changelog
from registry.services._tx import transaction
from registry.services.common import (
    add_record,
    apply,
    check_same_agency,
    check_version,
    code_taken,
    delete_record,
    get_for_unit_edit,
    get_or_404,
    name_choices,
)
from registry.services.pagination import paginate
from registry.services.permissions import (
    INVENTORY_MAINTAINERS,
    require_application_creator,
    require_role,
    require_unit_write,
)

APPLICATION_FIELDS = (
    "code",
    "name",
    "acronym",
    "description",
    "kind",
    "owner_unit_id",
    "lifecycle",
    "started_on",
    "retired_on",
    "reference_code",
    "hosting_id",
    "backup_hosting_id",
    "service_codes",
    "data_codes",
    "url",
    "consulted_ict_unit_on",
    "ict_controlled",
    "published",
    "last_review_on",
    "review_followup",
    "service_indicator",
)

#: the key of a retirement's change-log entry that lists the links it ended, with their statuses
RETIRED_LINKS = "integration_links"

#: list sort keys a user may ask for (a leading "-" reverses)
SORTS = {
    "name": nocase(models.Application.name),
    "code": models.Application.code,
    "lifecycle": models.Application.lifecycle,
    "updated": models.Application.updated_at,
    "unit": nocase(models.Unit.name),
}


#: what an application can lack, as SQL conditions: the completeness page counts through the
#: same list statement (count_applications) as the list its counts link to
MISSING = {
    "reference_code": lambda: models.Application.reference_code.is_(None),
    "hosting": lambda: models.Application.hosting_id.is_(None),
    # hosting recorded, but outside the instansi's own data centre and the PDN
    "outside_hosting": lambda: models.Application.hosting.has(
        models.DataCenter.kind.in_(OUTSIDE_HOSTING)),
    "review": lambda: models.Application.last_review_on.is_(None),
    "consultation": lambda: models.Application.consulted_ict_unit_on.is_(None),
    "services": lambda: cast(models.Application.service_codes, String) == "[]",
}


@dataclass(frozen=True)
class ApplicationRow:
    """An application with its derived integration flag; reads through to the application."""

    app: models.Application
    integrated: bool

    def __getattr__(self, name):
        return getattr(self.app, name)


@dataclass(frozen=True)
class ApplicationFilters:
    """What the application list is narrowed to."""

    q: str | None = None
    agency_id: int | None = None
    unit_id: int | None = None
    kind: str | None = None
    lifecycle: str | None = None
    #: only applications not retired (planned, in development or in production)
    live: bool = False
    #: only applications built or being built (in development or production): those the
    #: blockers and the OPD scorecard judge
    built: bool = False
    hosting_id: int | None = None
    no_hosting: bool = False
    integrated: bool | None = None
    #: a key of MISSING: only applications that lack it
    missing: str | None = None
    sort: str = "name"


def integrated_clause():
    """Return a SQL condition: the application has an active link through the service bus."""
    link = models.IntegrationLink
    return exists().where(
        link.status == LinkStatus.ACTIVE,
        link.channel == Channel.SERVICE_BUS,
        or_(link.provider_id == models.Application.id, link.consumer_id == models.Application.id),
    )


def list_statement(filters):
    """Return the statement of the application list: (application, integrated) rows."""
    app = models.Application
    stmt = (
        select(app, integrated_clause().label("integrated"))
        .join(models.Unit, models.Unit.id == app.owner_unit_id)
        .options(joinedload(app.owner_unit), joinedload(app.hosting))
    )
    if filters.q:
        pattern = f"%{filters.q.strip()}%"
        stmt = stmt.where(
            or_(
                ci_like(app.name, pattern),
                ci_like(app.acronym, pattern),
                ci_like(app.code, pattern),
                ci_like(app.description, pattern),
            )
        )
    if filters.agency_id:
        stmt = stmt.where(app.agency_id == filters.agency_id)
    if filters.unit_id:
        stmt = stmt.where(app.owner_unit_id == filters.unit_id)
    if filters.kind:
        stmt = stmt.where(app.kind == filters.kind)
    if filters.lifecycle:
        stmt = stmt.where(app.lifecycle == filters.lifecycle)
    if filters.live:
        stmt = stmt.where(app.lifecycle != Lifecycle.RETIRED)
    if filters.built:
        stmt = stmt.where(app.lifecycle.in_(BUILT))
    if filters.no_hosting:
        stmt = stmt.where(app.hosting_id.is_(None))
    elif filters.hosting_id:
        stmt = stmt.where(app.hosting_id == filters.hosting_id)
    if filters.missing in MISSING:
        stmt = stmt.where(MISSING[filters.missing]())
    if filters.integrated is True:
        stmt = stmt.where(integrated_clause())
    elif filters.integrated is False:
        stmt = stmt.where(~integrated_clause())
    key = (filters.sort or "name").lstrip("-")
    column = SORTS.get(key, SORTS["name"])
    order = column.desc() if (filters.sort or "").startswith("-") else column.asc()
    return stmt.order_by(order, app.id)


def count_applications(filters):
    """Return how many applications the list of these filters holds (its page's total)."""
    stmt = list_statement(filters).order_by(None)
    return db.session.scalar(select(func.count()).select_from(stmt.subquery()))


def list_applications(filters, *, page=1, per_page=25):
    """Return a page of ApplicationRow: two statements whatever the page size."""
    result = paginate(list_statement(filters), page=page, per_page=per_page)
    rows = [ApplicationRow(app, bool(flag)) for app, flag in result.items]
    return replace(result, items=rows)


def get_application(app_id):
    """Return an application with its unit and hosting, or raise NotFoundError."""
    app = db.session.scalar(
        select(models.Application)
        .where(models.Application.id == app_id)
        .options(joinedload(models.Application.owner_unit), joinedload(models.Application.hosting),
                 joinedload(models.Application.backup_hosting),
                 joinedload(models.Application.agency))
    )
    if app is None:
        raise NotFoundError(_("Data tidak ditemukan."))
    return app


def is_integrated(app_id):
    """Tell whether the application exchanges data through the service bus."""
    stmt = select(integrated_clause()).where(models.Application.id == app_id)
    return bool(db.session.scalar(stmt))


def links_of(app_id):
    """Return the application's integration links, both directions, with their partners."""
    link = models.IntegrationLink
    stmt = (
        select(link)
        .where(or_(link.provider_id == app_id, link.consumer_id == app_id))
        .options(joinedload(link.provider), joinedload(link.consumer))
        .order_by(link.status, link.id)
    )
    return db.session.scalars(stmt).all()


def _resolve(data, *, agency_id=None):
    """Check references and rules of application input; return the owner unit."""
    errors = {}
    unit = None
    if "owner_unit_id" in data:
        unit = db.session.get(models.Unit, data["owner_unit_id"])
        if unit is None:
            errors["owner_unit_id"] = [_("OPD tidak dikenal.")]
    owner_agency = unit.agency_id if unit is not None else agency_id
    for field in ("hosting_id", "backup_hosting_id"):
        if data.get(field) is None:
            continue
        center = db.session.get(models.DataCenter, data[field])
        if center is None:
            errors[field] = [_("Pusat data tidak dikenal.")]
        elif owner_agency is not None and center.agency_id != owner_agency:
            errors[field] = [_("Pusat data ini milik instansi lain.")]
    for field, prefix in (("reference_code", "RAA"),):
        if data.get(field):
            try:
                data[field] = normalise_reference_code(data[field], prefix=prefix)
            except InvalidReferenceCodeError as error:
                errors[field] = [str(error)]
    for field, prefix in (("service_codes", "RAL"), ("data_codes", "RAD")):
        if data.get(field):
            try:
                data[field] = sorted({normalise_reference_code(c, prefix=prefix)
                                      for c in data[field]})
            except InvalidReferenceCodeError as error:
                errors[field] = [str(error)]
    started, retired = data.get("started_on"), data.get("retired_on")
    if started and retired and retired < started:
        errors["retired_on"] = [_("Tanggal pensiun tidak boleh sebelum tanggal mulai.")]
    if errors:
        raise ValidationFailedError(_("Data aplikasi tidak sah."), errors=errors)
    return unit


def _check_code_free(agency_id, code, *, exclude_id=None):
    if code_taken(models.Application, agency_id, code, exclude_id=exclude_id):
        message = _("Kode aplikasi %(code)s sudah dipakai di instansi ini.", code=code)
        raise ValidationFailedError(message, errors={"code": [message]})


def create_application(data, *, actor, authorised=False, reason=None):
    """Create an application: architects and admins, or an approved request.

    An OPD operator proposes one with the new-application request instead, so the duplicate
    check and a reviewer's decision come first.
    ``authorised``: the caller already checked the actor may (an approved request).
    """
    data = dict(data)
    if not authorised:
        require_application_creator(actor)
    with transaction():
        unit = _resolve(data)
        if not authorised and data.get("published"):
            _require_publisher(actor)
        _check_code_free(unit.agency_id, data["code"])
        app = models.Application(agency_id=unit.agency_id)
        apply(app, data, APPLICATION_FIELDS)
        add_record(app, actor=actor, reason=reason)
    return app


def update_application(app_id, data, *, actor, expected_version):
    """Change an application, refusing a stale edit and a move out of the actor's unit."""
    data = dict(data)
    with transaction():
        app = get_for_unit_edit(models.Application, app_id, actor=actor,
                                expected_version=expected_version, unit_attr="owner_unit_id")
        unit = _resolve(data, agency_id=app.agency_id)
        if unit is not None:
            require_unit_write(actor, unit.id)
            check_same_agency(unit, app, "owner_unit_id")
        if "code" in data:
            _check_code_free(app.agency_id, data["code"], exclude_id=app.id)
        if "published" in data and bool(data["published"]) != app.published:
            _require_publisher(actor)
        before = changelog.values_of(app)
        was_retired = app.lifecycle == Lifecycle.RETIRED
        apply(app, data, APPLICATION_FIELDS)
        if app.lifecycle == Lifecycle.RETIRED and not was_retired:
            app.retired_on = app.retired_on or local_today()
            # by any path: a retired application exchanges nothing
            _log_retirement(app, before, _retire_links(app, actor), actor=actor)
        else:
            changelog.record_update(app, before, actor=actor)
    return app


def _require_publisher(actor):
    """Only architects and admins put an application in the public catalogue, or take it out."""
    require_role(actor, *INVENTORY_MAINTAINERS)


def check_retire_application(app_id, *, actor):
    """Return the application and the links its retirement would end, for the confirmation page.

    Refuse as :func:`retire_application` would (403, or 409 when already retired).
    """
    app = get_application(app_id)
    require_unit_write(actor, app.owner_unit_id)
    if app.lifecycle == Lifecycle.RETIRED:
        raise ConflictError(_("Aplikasi ini sudah pensiun."))
    return app, [link for link in links_of(app.id) if link.status != LinkStatus.RETIRED]


def retire_application(app_id, *, actor, expected_version=None, retired_on=None):
    """Retire an application and the active links that fed it: a retired one exchanges nothing.

    The change-log entry names the links it ended and their statuses, so that
    :func:`registry.services.restore.restore_change` can bring all of them back.
    """
    with transaction():
        app = get_or_404(models.Application, app_id)
        require_unit_write(actor, app.owner_unit_id)
        if expected_version is not None:
            check_version(app, expected_version)
        if app.lifecycle == Lifecycle.RETIRED:
            raise ConflictError(_("Aplikasi ini sudah pensiun."))
        before = changelog.values_of(app)
        app.lifecycle = Lifecycle.RETIRED
        app.retired_on = retired_on or local_today()
        _log_retirement(app, before, _retire_links(app, actor), actor=actor)
    return app


def _retire_links(app, actor):
    """Retire the links of a retired application, each with its change-log row.

    Return the links ended, as ``{"id", "status"}`` with the status each had.
    """
    ended = []
    for link in links_of(app.id):
        if link.status != LinkStatus.RETIRED:
            ended.append({"id": link.id, "status": link.status.value})
            link_before = changelog.values_of(link)
            link.status = LinkStatus.RETIRED
            changelog.record_update(link, link_before, actor=actor)
    return ended


def _log_retirement(app, before, ended, *, actor):
    """Log an application's retirement with the links it ended (their ids and statuses)."""
    retired = [{"id": item["id"], "status": LinkStatus.RETIRED.value} for item in ended]
    changelog.log_change("update", app, actor=actor,
                         before=before | {RETIRED_LINKS: ended},
                         after=changelog.values_of(app) | {RETIRED_LINKS: retired})


def _in_use_message(app):
    """Say why an application cannot be deleted (it has links, domains or reviews), or None."""
    link = models.IntegrationLink
    in_use = db.session.scalar(
        select(
            exists().where(or_(link.provider_id == app.id, link.consumer_id == app.id))
            | exists().where(models.DomainName.application_id == app.id)
            | exists().where(models.ApplicationReview.application_id == app.id)
        )
    )
    if in_use:
        return _("Aplikasi ini masih punya tautan integrasi, domain atau reviu; pensiunkan saja.")
    return None


def check_delete_application(app_id, *, actor):
    """Return the application for the delete confirmation; refuse as the delete would."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    app = get_application(app_id)
    if (message := _in_use_message(app)) is not None:
        raise ConflictError(message)
    return app


def delete_application(app_id, *, actor):
    """Delete an application entered by mistake; one with links, domains or reviews is retired."""
    require_role(actor, *INVENTORY_MAINTAINERS)
    with transaction():
        app = get_or_404(models.Application, app_id)
        if (message := _in_use_message(app)) is not None:
            raise ConflictError(message)
        delete_record(app, actor=actor)


def hosting_choices(agency_id=None):
    """Return (id, label) pairs of the data centres a form may choose from."""
    return name_choices(models.DataCenter, agency_id)
