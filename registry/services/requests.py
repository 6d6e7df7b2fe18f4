"""OPD requests: sub-domains, new applications and integration links, from draft to decision.

The life cycle is arch_models.requests.TRANSITIONS; this module adds who may act, what each
kind checks, and what an approval creates. Every change is in the change log; decisions carry
their reason there too.
"""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import false, func, or_, select, true
from sqlalchemy.orm import joinedload

from arch_models.duplicates import Candidate, Proposal, find_duplicates
from arch_models.errors import InvalidReferenceCodeError
from arch_models.landscape import AppKind, Lifecycle, LinkStatus
from arch_models.refcodes import normalise_reference_code
from arch_models.requests import (
    REQUESTER_ACTIONS,
    TRANSITIONS,
    LabelProblem,
    RequestAction,
    RequestKind,
    RequestState,
    TransitionRefusedError,
    fqdn_for,
    is_overdue,
    label_problems,
    next_state,
)
from registry import models
from registry.clock import local_today
from registry.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailedError,
)
from registry.extensions import db
from registry.i18n import N_
from registry.labels import label
from registry.models import Role
from registry.models.base import utcnow
from registry.models.text_match import ci_like, same_code
from registry.services import changelog, domains, inventory, notifications, roadmap
from registry.services._tx import transaction
from registry.services.common import add_record, check_version
from registry.services.integrations import create_link
from registry.services.pagination import paginate
from registry.services.permissions import DECIDERS, LINK_DECIDERS, REQUESTERS

#: the payload fields of each kind; the rest of the input is refused by the schemas
PAYLOAD_FIELDS = {
    RequestKind.SUBDOMAIN: ("label", "application_id", "technical_contact",
                            "hosted_in_indonesia"),
    RequestKind.APPLICATION: ("name", "acronym", "business_process", "service_codes",
                              "reference_code", "data_used", "target_users",
                              "proposed_hosting_id", "create_initiative", "initiative_year"),
    RequestKind.LINK: ("provider_id", "consumer_id", "channel", "data_exchanged", "protocol"),
}

LABEL_MESSAGES = {
    LabelProblem.EMPTY: N_("Label wajib diisi."),
    LabelProblem.TOO_LONG: N_("Label paling banyak 63 karakter."),
    LabelProblem.BAD_CHARACTERS: N_("Label hanya boleh huruf a–z, angka 0–9 dan tanda hubung."),
    LabelProblem.EDGE_HYPHEN: N_("Label tidak boleh diawali atau diakhiri tanda hubung."),
    LabelProblem.IDN_PREFIX: N_("Tanda hubung ganda di posisi 3–4 dicadangkan untuk nama "
                                "domain internasional (xn--)."),
    LabelProblem.RESERVED: N_("Label ini dicadangkan untuk layanan zona (www, mail, ns1, …)."),
    LabelProblem.TAKEN: N_("Nama domain ini sudah terdaftar."),
    LabelProblem.REQUESTED: N_("Nama domain ini sudah diminta dan sedang diproses."),
}


@dataclass(frozen=True)
class RequestFilters:
    """What a request list is narrowed to."""

    scope: str = "all"  # mine, queue or all
    state: str | None = None
    kind: str | None = None
    agency_id: int | None = None
    unit_id: int | None = None
    q: str | None = None
    overdue: bool = False


@dataclass(frozen=True)
class RequestRow:
    """A request with whether it has waited too long; reads through to the request."""

    request: models.Request
    overdue: bool

    def __getattr__(self, name):
        return getattr(self.request, name)


# -- who may see and do what -------------------------------------------------------------------

def _is_requesting_side(actor, req):
    if actor is None:
        return True
    return actor.id == req.requester_id or (
        actor.role == Role.OPD_OPERATOR and actor.unit_id == req.unit_id)


def can_view(actor, req):
    """Tell whether the actor may read the request: drafts belong to their OPD alone."""
    if actor is None or _is_requesting_side(actor, req):
        return True
    if req.state == RequestState.DRAFT:
        return False
    if actor.role == Role.OPD_OPERATOR:
        return actor.unit_id == req.counterpart_unit_id
    return True


def _is_requester(actor, req):
    return actor is not None and req.requester_id is not None and actor.id == req.requester_id


def _may_decide_by_role(actor, req):
    """Tell whether the actor's role (and OPD, for a link) lets it decide the request."""
    if req.kind == RequestKind.LINK:
        if actor.role in LINK_DECIDERS:
            return True
        return (actor.role == Role.OPD_OPERATOR and req.counterpart_unit_id is not None
                and actor.unit_id == req.counterpart_unit_id)
    return actor.role in DECIDERS


def can_decide(actor, req):
    """Tell whether the actor may approve or reject the request.

    Maker-checker: nobody decides a request they filed, architects and admins included.
    """
    if actor is None:
        return True
    return not _is_requester(actor, req) and _may_decide_by_role(actor, req)


def awaits_another_decider(actor, req):
    """Tell whether the actor would decide this submitted request but filed it themself."""
    return (actor is not None and req.state == RequestState.SUBMITTED
            and _is_requester(actor, req) and _may_decide_by_role(actor, req))


def available_actions(actor, req):
    """Return the actions the actor may take on the request now."""
    actions = []
    for action in RequestAction:
        try:
            next_state(req.state, action)
        except TransitionRefusedError:
            continue
        allowed = (_is_requesting_side(actor, req) and actor is not None
                   and actor.role in REQUESTERS) if action in REQUESTER_ACTIONS \
            else can_decide(actor, req)
        if allowed:
            actions.append(action)
    return actions


def _visible_clause(actor):
    req = models.Request
    if actor is None:
        return true()
    own = req.requester_id == actor.id
    if actor.role == Role.OPD_OPERATOR:
        return or_(own, req.unit_id == actor.unit_id,
                   (req.counterpart_unit_id == actor.unit_id) & (req.state != RequestState.DRAFT))
    return or_(own, req.state != RequestState.DRAFT)


def visible_request_ids(actor):
    """Return the ids of the requests ``actor`` may see, as a subquery (the change feed's)."""
    return select(models.Request.id).where(_visible_clause(actor))


def _queue_clause(actor):
    req = models.Request
    waiting = req.state == RequestState.SUBMITTED
    if actor is None:
        return waiting
    # one's own requests wait for someone else (maker-checker)
    waiting = waiting & or_(req.requester_id.is_(None), req.requester_id != actor.id)
    if actor.role in LINK_DECIDERS:
        return waiting
    if actor.role == Role.REVIEWER:
        return waiting & (req.kind != RequestKind.LINK)
    if actor.role == Role.OPD_OPERATOR:
        return waiting & (req.kind == RequestKind.LINK) & (
            req.counterpart_unit_id == actor.unit_id)
    return false()


def _mine_clause(actor):
    req = models.Request
    if actor is None:
        return true()
    if actor.role == Role.OPD_OPERATOR:
        return or_(req.requester_id == actor.id, req.unit_id == actor.unit_id)
    return req.requester_id == actor.id


# -- reading ------------------------------------------------------------------------------------

def due_days():
    """Return the agreed number of days a submitted request may wait."""
    return int(current_app.config.get("REGISTRY_REQUEST_DUE_DAYS", 5))



def overdue(req, *, now=None):
    """Tell whether a submitted request has waited longer than the agreed days."""
    return req.state == RequestState.SUBMITTED and is_overdue(
        req.submitted_at, now or utcnow(), due_days())


def list_requests(filters, *, actor, page=1, per_page=25, now=None):
    """Return a page of RequestRow the actor may see; the queue lists the oldest first."""
    req = models.Request
    now = now or utcnow()
    stmt = (select(req).where(_visible_clause(actor))
            .options(joinedload(req.unit), joinedload(req.requester)))
    if filters.scope == "queue":
        stmt = stmt.where(_queue_clause(actor))
    elif filters.scope == "mine":
        stmt = stmt.where(_mine_clause(actor))
    if filters.state:
        stmt = stmt.where(req.state == filters.state)
    if filters.kind:
        stmt = stmt.where(req.kind == filters.kind)
    if filters.agency_id:
        stmt = stmt.where(req.agency_id == filters.agency_id)
    if filters.unit_id:
        stmt = stmt.where(or_(req.unit_id == filters.unit_id,
                              req.counterpart_unit_id == filters.unit_id))
    if filters.q:
        stmt = stmt.where(ci_like(req.title, f"%{filters.q.strip()}%"))
    if filters.overdue:
        stmt = stmt.where(req.state == RequestState.SUBMITTED,
                          req.submitted_at < now - timedelta(days=due_days()))
    if filters.scope == "queue":
        stmt = stmt.order_by(req.submitted_at.asc(), req.id)
    else:
        stmt = stmt.order_by(req.updated_at.desc(), req.id.desc())
    result = paginate(stmt, page=page, per_page=per_page, scalars=True)
    rows = [RequestRow(r, overdue(r, now=now)) for r in result.items]
    return replace(result, items=rows)


def queue_count(actor):
    """Return how many submitted requests wait for this actor's decision."""
    req = models.Request
    return db.session.scalar(select(func.count()).select_from(req).where(
        _visible_clause(actor), _queue_clause(actor)))


def badge_counts(actor):
    """Return (unread notifications, requests waiting for the actor) in one statement."""
    req, note = models.Request, models.Notification
    unread = (select(func.count()).select_from(note)
              .where(note.user_id == actor.id, note.read_at.is_(None)).scalar_subquery())
    waiting = (select(func.count()).select_from(req)
               .where(_visible_clause(actor), _queue_clause(actor)).scalar_subquery())
    return tuple(db.session.execute(select(unread, waiting)).one())


def get_request(request_id, *, actor):
    """Return a request the actor may see; another OPD's draft is as good as absent."""
    req = db.session.get(models.Request, request_id) if request_id is not None else None
    if req is None or not can_view(actor, req):
        raise NotFoundError(_("Permintaan tidak ditemukan."))
    return req


def history(req):
    """Return the request's change log, newest first."""
    return changelog.history("requests", req.id, limit=100)


# -- checks of each kind ----------------------------------------------------------------------

def _agency_of_unit(unit_id):
    unit = db.session.get(models.Unit, unit_id) if unit_id is not None else None
    if unit is None:
        raise ValidationFailedError(_("Data permintaan tidak sah."),
                                    errors={"unit_id": [_("OPD tidak dikenal.")]})
    return unit


def requested_fqdns(fqdn, *, exclude_id=None, unit_id=None):
    """Return {fqdn} when it is already asked for: submitted anywhere, or drafted by this OPD."""
    req = models.Request
    stmt = select(req.key).where(req.kind == RequestKind.SUBDOMAIN, req.key == fqdn,
                                 or_(req.state == RequestState.SUBMITTED,
                                     (req.state == RequestState.DRAFT) & (req.unit_id == unit_id)))
    if exclude_id is not None:
        stmt = stmt.where(req.id != exclude_id)
    return set(db.session.scalars(stmt))


def check_label(label, *, agency, unit_id=None, exclude_id=None):
    """Return (fqdn, messages) for a sub-domain label under the agency's zone."""
    if not agency.zone:
        return None, [_("Instansi %(name)s belum mencatat zona domainnya (mis. contohprov.go.id).",
                        name=agency.name)]
    fqdn = fqdn_for(label, agency.zone)
    taken = {fqdn} if domains.fqdn_taken(fqdn) else set()
    problems = label_problems(label, zone=agency.zone, taken=taken,
                              requested=requested_fqdns(fqdn, exclude_id=exclude_id,
                                                        unit_id=unit_id))
    return fqdn, [_(LABEL_MESSAGES[p]) for p in problems]


def _check_subdomain(req, payload):
    fqdn, messages = check_label(payload.get("label"), agency=req.unit.agency,
                                 unit_id=req.unit_id, exclude_id=req.id)
    if messages:
        raise ValidationFailedError(_("Label sub-domain tidak dapat diminta."),
                                    errors={"label": messages})
    _check_application(payload.get("application_id"), req.agency_id, "application_id")
    req.key = fqdn
    req.title = fqdn


def _check_application(app_id, agency_id, field):
    if app_id is None:
        return None
    app = db.session.get(models.Application, app_id)
    if app is None or app.agency_id != agency_id:
        raise ValidationFailedError(_("Data permintaan tidak sah."),
                                    errors={field: [_("Aplikasi tidak dikenal di instansi ini.")]})
    return app


def _check_new_application(req, payload):
    errors = {}
    if not (payload.get("name") or "").strip():
        errors["name"] = [_("Wajib diisi.")]
    for field, prefix, many in (("service_codes", "RAL", True), ("reference_code", "RAA", False)):
        value = payload.get(field)
        if not value:
            continue
        try:
            payload[field] = sorted({normalise_reference_code(c, prefix=prefix) for c in value}) \
                if many else normalise_reference_code(value, prefix=prefix)
        except InvalidReferenceCodeError as error:
            errors[field] = [str(error)]
    hosting_id = payload.get("proposed_hosting_id")
    if hosting_id is not None:
        center = db.session.get(models.DataCenter, hosting_id)
        if center is None or center.agency_id != req.agency_id:
            errors["proposed_hosting_id"] = [_("Pusat data tidak dikenal di instansi ini.")]
    if errors:
        raise ValidationFailedError(_("Data permintaan tidak sah."), errors=errors)
    req.key = None
    req.title = payload["name"].strip()


def _check_link(req, payload):
    provider = _check_application(payload.get("provider_id"), req.agency_id, "provider_id")
    consumer = _check_application(payload.get("consumer_id"), req.agency_id, "consumer_id")
    errors = {}
    if provider is None:
        errors["provider_id"] = [_("Wajib diisi.")]
    if consumer is None:
        errors["consumer_id"] = [_("Wajib diisi.")]
    if errors:
        raise ValidationFailedError(_("Data permintaan tidak sah."), errors=errors)
    if provider.id == consumer.id:
        raise ValidationFailedError(_("Data permintaan tidak sah."), errors={"consumer_id": [
            _("Aplikasi tidak dapat bertukar data dengan dirinya sendiri.")]})
    for field, app in (("provider_id", provider), ("consumer_id", consumer)):
        if app.lifecycle == Lifecycle.RETIRED:
            raise ValidationFailedError(_("Data permintaan tidak sah."), errors={field: [
                _("%(name)s sudah pensiun; tautan baru tidak boleh dibuat.", name=app.name)]})
    sides = {provider.owner_unit_id, consumer.owner_unit_id}
    if req.unit_id not in sides:
        raise ValidationFailedError(_("Data permintaan tidak sah."), errors={"provider_id": [
            _("Salah satu aplikasi harus milik OPD yang meminta.")]})
    others = sides - {req.unit_id}
    req.counterpart_unit_id = others.pop() if others else None
    req.key = None
    req.title = f"{provider.name} → {consumer.name}"


def _check_payload(req, payload):
    if req.kind == RequestKind.SUBDOMAIN:
        _check_subdomain(req, payload)
    elif req.kind == RequestKind.APPLICATION:
        _check_new_application(req, payload)
    else:
        _check_link(req, payload)


def _check_purpose(req):
    if req.kind != RequestKind.LINK and not (req.purpose or "").strip():
        raise ValidationFailedError(_("Data permintaan tidak sah."),
                                    errors={"purpose": [_("Wajib diisi.")]})


# -- writing ------------------------------------------------------------------------------------

def _payload_of(kind, data):
    return {f: changelog.jsonable(data[f]) for f in PAYLOAD_FIELDS[kind] if f in data}


#: the payload fields that tell what a request asks for: the same values, the same request
ASKS_FOR = {
    RequestKind.SUBDOMAIN: ("label",),
    RequestKind.APPLICATION: ("name",),
    RequestKind.LINK: ("provider_id", "consumer_id"),
}


def _asked(kind, values):
    """Return what a request of the kind asks for, as compared: "SIMPEG " is "simpeg"."""
    return tuple(" ".join(v.split()).casefold() if isinstance(v, str) else v
                 for v in (values.get(f) for f in ASKS_FOR[kind]))


def _own_draft_like(kind, unit_id, data, actor):
    """Return the actor's draft of the same kind for the same OPD that asks for the same thing."""
    if actor is None:
        return None
    req = models.Request
    drafts = db.session.scalars(
        select(req).where(req.requester_id == actor.id, req.kind == kind, req.unit_id == unit_id,
                          req.state == RequestState.DRAFT).order_by(req.id))
    asked = _asked(kind, data)
    return next((d for d in drafts if _asked(kind, d.payload or {}) == asked), None)


def create_request(kind, data, *, actor, reuse_draft=False):
    """Draft a request for an OPD: an operator's own, or any OPD for an architect or admin.

    ``reuse_draft``: the same form sent again (a reload, the back button, a retry after a refused
    submission) changes the requester's draft that asks for the same thing, not a new one.
    """
    kind = RequestKind(kind)
    if actor is not None and actor.role not in REQUESTERS:
        raise PermissionDeniedError(_("Peran Anda tidak dapat mengajukan permintaan."))
    unit_id = data.get("unit_id")
    if actor is not None and actor.role == Role.OPD_OPERATOR:
        if unit_id not in (None, actor.unit_id):
            raise PermissionDeniedError(_("Anda hanya dapat mengajukan permintaan untuk OPD "
                                          "Anda sendiri."))
        unit_id = actor.unit_id
    with transaction():
        unit = _agency_of_unit(unit_id)
        draft = _own_draft_like(kind, unit.id, data, actor) if reuse_draft else None
        if draft is not None:
            _change_draft(draft, data, actor=actor)
            return draft
        req = models.Request(kind=kind, state=RequestState.DRAFT, agency_id=unit.agency_id,
                             unit_id=unit.id, requester_id=actor.id if actor else None,
                             purpose=data.get("purpose"), justification=data.get("justification"),
                             title="")
        req.unit = unit
        payload = _payload_of(kind, data)
        _check_payload(req, payload)
        req.payload = payload
        add_record(req, actor=actor)
    return req


def update_request(request_id, data, *, actor, expected_version):
    """Change a draft; only its own OPD may, and only while it is a draft."""
    with transaction():
        req = get_request(request_id, actor=actor)
        if not _is_requesting_side(actor, req):
            raise PermissionDeniedError(_("Hanya OPD peminta yang dapat mengubah permintaan."))
        if req.state != RequestState.DRAFT:
            raise ConflictError(_("Permintaan yang sudah diajukan tidak dapat diubah."))
        check_version(req, expected_version)
        _change_draft(req, data, actor=actor)
    return req


def _change_draft(req, data, *, actor):
    before = changelog.values_of(req)
    payload = dict(req.payload or {}) | _payload_of(req.kind, data)
    _check_payload(req, payload)
    req.payload = payload
    for field in ("purpose", "justification"):
        if field in data:
            setattr(req, field, data[field])
    changelog.record_update(req, before, actor=actor)


def duplicate_candidates(req):
    """Return the duplicate matches of an application request, as the registry sees them now."""
    payload = req.payload or {}
    proposal = Proposal(
        name=payload.get("name") or "", acronym=payload.get("acronym") or "",
        purpose=" ".join(filter(None, [req.purpose, payload.get("business_process")])),
        service_codes=tuple(payload.get("service_codes") or ()),
        reference_code=payload.get("reference_code") or "", unit_id=req.unit_id)
    app, unit = models.Application, models.Unit
    rows = db.session.execute(
        select(app.id, app.name, app.acronym, app.description, app.service_codes,
               app.reference_code, app.owner_unit_id, unit.name.label("unit_name"), app.kind)
        .join(unit, unit.id == app.owner_unit_id)
        .where(app.agency_id == req.agency_id, app.lifecycle != Lifecycle.RETIRED))
    candidates = [
        Candidate(id=r.id, name=r.name, acronym=r.acronym or "", description=r.description or "",
                  service_codes=tuple(r.service_codes or ()),
                  reference_code=r.reference_code or "", unit_id=r.owner_unit_id,
                  unit_name=r.unit_name, is_aplikasi_umum=r.kind == AppKind.UMUM)
        for r in rows
    ]
    return find_duplicates(proposal, candidates)


def match_record(match):
    """Return a duplicate match as stored on the request and shown to people."""
    c = match.candidate
    return {"application_id": c.id, "name": c.name, "acronym": c.acronym,
            "unit": c.unit_name, "aplikasi_umum": c.is_aplikasi_umum,
            "score": round(match.score, 2),
            "reasons": [{"kind": r.kind.value, "detail": r.detail} for r in match.reasons]}


def transition(request_id, action, *, actor, reason=None, justification=None,
               expected_version=None, today=None):
    """Submit, approve, reject or withdraw a request; notify who needs to know.

    Approval creates what was asked for in the same transaction: nothing half-way.
    """
    action = RequestAction(action)
    reason = (reason or "").strip() or None
    try:
        with transaction():
            req = get_request(request_id, actor=actor)
            if expected_version is not None:
                check_version(req, expected_version)
            try:
                target = next_state(req.state, action)
            except TransitionRefusedError:
                raise ConflictError(_(
                    "Permintaan berstatus %(state)s tidak dapat %(action)s.",
                    state=state_name(req.state), action=state_name(_result_of(action)))) from None
            _authorise(actor, req, action)
            before = changelog.values_of(req)
            if action == RequestAction.SUBMIT:
                _submit(req, justification)
            elif action == RequestAction.REJECT:
                if not reason:
                    raise ValidationFailedError(_("Alasan penolakan wajib diisi."),
                                                errors={"reason": [_("Alasan penolakan wajib "
                                                                     "diisi.")]})
            elif action == RequestAction.APPROVE:
                _create_result(req, actor=actor, reason=reason, today=today or local_today())
            if action in (RequestAction.APPROVE, RequestAction.REJECT):
                req.decided_at = utcnow()
                req.decider_id = actor.id if actor else None
                req.decision_reason = reason
            was = req.state
            req.state = target
            why = reason or (req.justification if action == RequestAction.SUBMIT else None)
            changelog.record_update(req, before, actor=actor, reason=why)
            _notify(req, action, was=was, actor=actor, reason=reason)
    except Exception:
        notifications.discard_queued_mail()
        raise
    notifications.send_queued_mail()
    return req


def state_name(state):
    """Return a request state's name inside a sentence ("diajukan"), from the one label table."""
    return label("request_state", state).lower()


def _result_of(action):
    """Return the state an action leads to, whatever the state it starts from."""
    return next(target for (_source, step), target in TRANSITIONS.items() if step == action)


def own_request_message():
    """Say why the requester cannot decide their own request (pages show it too)."""
    return _("Anda tidak dapat memutuskan permintaan yang Anda ajukan sendiri: keputusan "
             "diambil pengguna lain (prinsip empat mata). Anda tetap dapat menariknya.")


def _authorise(actor, req, action):
    if action in REQUESTER_ACTIONS:
        if not (_is_requesting_side(actor, req) and (actor is None or actor.role in REQUESTERS)):
            raise PermissionDeniedError(_("Hanya OPD peminta yang dapat mengajukan atau menarik "
                                          "permintaan ini."))
    elif not can_decide(actor, req):
        if awaits_another_decider(actor, req):
            message = own_request_message()
        elif req.kind == RequestKind.LINK:
            message = _("Tautan ini disetujui oleh OPD di sisi lain atau oleh arsitek.")
        else:
            message = _("Hanya reviewer atau arsitek yang dapat memutuskan permintaan ini.")
        raise PermissionDeniedError(message)


def _submit(req, justification):
    """Check the request again, and for a new application look for what already does the job."""
    if justification is not None and justification.strip():
        req.justification = justification.strip()
    _check_purpose(req)
    payload = dict(req.payload or {})
    _check_payload(req, payload)
    req.payload = payload
    req.submitted_at = utcnow()
    if req.kind != RequestKind.APPLICATION:
        return
    matches = duplicate_candidates(req)
    req.duplicates = [match_record(m) for m in matches]
    if matches and not (req.justification or "").strip():
        raise DuplicatesFoundError(matches)


class DuplicatesFoundError(ValidationFailedError):
    """A new application looks like one that exists: the requester must justify going on."""

    def __init__(self, matches):
        message = _("Ada %(n)s aplikasi yang mungkin sudah melakukan fungsi ini. Jelaskan "
                    "mengapa aplikasi baru tetap diperlukan.", n=len(matches))
        super().__init__(message, errors={"justification": [message]})
        self.matches = matches


def _create_result(req, *, actor, reason, today):
    payload = req.payload or {}
    why = _("Dibuat dari permintaan #%(id)s yang disetujui.", id=req.id)
    if req.kind == RequestKind.SUBDOMAIN:
        record = domains.claim_domain({
            "fqdn": req.key, "unit_id": req.unit_id,
            "application_id": payload.get("application_id"),
            "status": models.DomainStatus.ACTIVE,
            "technical_contact": payload.get("technical_contact"),
            "hosted_in_indonesia": payload.get("hosted_in_indonesia", True),
        }, actor=actor, reason=why)
    elif req.kind == RequestKind.APPLICATION:
        record = inventory.create_application({
            "code": _free_application_code(req), "name": payload["name"],
            "acronym": payload.get("acronym") or None, "description": req.purpose,
            "kind": AppKind.KHUSUS, "owner_unit_id": req.unit_id,
            "lifecycle": Lifecycle.PLANNED, "reference_code": payload.get("reference_code"),
            "service_codes": payload.get("service_codes") or [],
            "hosting_id": payload.get("proposed_hosting_id"),
            "consulted_ict_unit_on": today,
        }, actor=actor, authorised=True, reason=why)
        if payload.get("create_initiative"):
            year = payload.get("initiative_year") or today.year + 1
            roadmap.create_initiative({
                "code": f"REQ-{req.id}", "title": _("Pembangunan %(name)s", name=record.name),
                "content_area": "aplikasi", "owner_unit_id": req.unit_id, "indicators": [15],
                "start_year": year, "end_year": year, "description": req.purpose,
                "elements": [{"application_id": record.id, "action": "build"}], "years": [],
            }, actor=actor, authorised=True, reason=why)
    else:
        record = create_link({
            "provider_id": payload["provider_id"], "consumer_id": payload["consumer_id"],
            "channel": payload["channel"], "data_exchanged": payload.get("data_exchanged"),
            "protocol": payload.get("protocol"), "status": LinkStatus.ACTIVE,
        }, actor=actor, authorised=True, reason=why)
    req.result_type = type(record).__tablename__
    req.result_id = record.id


def _free_application_code(req):
    """Return a code for the new application: its acronym if free, else one from the request."""
    acronym = "".join(ch for ch in ((req.payload or {}).get("acronym") or "").upper()
                      if ch.isalnum() or ch in "-_.")[:30]
    for code in filter(None, (acronym, f"REQ-{req.id}")):
        taken = db.session.scalar(select(models.Application.id).where(
            models.Application.agency_id == req.agency_id,
            same_code(models.Application.code, code)))
        if not taken:
            return code
    return f"REQ-{req.id}-{int(datetime.now().timestamp())}"


# -- who hears of it ----------------------------------------------------------------------------

def _deciders(req):
    user, unit = models.User, models.Unit
    roles = LINK_DECIDERS if req.kind == RequestKind.LINK else DECIDERS
    stmt = (select(user).outerjoin(unit, unit.id == user.unit_id)
            .where(user.active.is_(True), user.role.in_(roles),
                   or_(user.unit_id.is_(None), unit.agency_id == req.agency_id)))
    found = list(db.session.scalars(stmt))
    if req.kind == RequestKind.LINK and req.counterpart_unit_id:
        found += _operators_of(req.counterpart_unit_id)
    # the requester is not asked to decide their own request
    return [u for u in found if u.id != req.requester_id]


def _operators_of(unit_id):
    user = models.User
    return list(db.session.scalars(select(user).where(
        user.unit_id == unit_id, user.role == Role.OPD_OPERATOR, user.active.is_(True))))


def _notify(req, action, *, was, actor, reason):
    params = {"id": req.id, "title": req.title, "actor": actor.name if actor else "sistem",
              "reason": reason or ""}
    if action == RequestAction.SUBMIT:
        recipients, event = _deciders(req), "submitted"
    elif action == RequestAction.WITHDRAW:
        if was != RequestState.SUBMITTED:
            return
        recipients, event = _deciders(req), "withdrawn"
    else:
        recipients = [req.requester, *_operators_of(req.unit_id)]
        event = "approved" if action == RequestAction.APPROVE else "rejected"
    notifications.notify([u for u in recipients if u is not actor], event, request=req,
                         params=params)
