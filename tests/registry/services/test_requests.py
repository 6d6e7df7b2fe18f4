"""OPD requests through the services: every transition, every role, what approval creates."""

import smtplib
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from arch_models.requests import RequestState
from registry import models
from registry.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailedError,
)
from registry.extensions import db
from registry.labels import LABELS
from registry.models.base import utcnow
from registry.services import domains, notifications
from registry.services import requests as service


@pytest.fixture
def people(make_user, unit, other_unit):
    """Return the cast: two operators of the unit, one of the other unit, and the deciders."""
    return {
        "operator": make_user("opd_operator", suffix="a1"),
        "colleague": make_user("opd_operator", suffix="a2"),
        "other_operator": make_user("opd_operator", suffix="b", unit_id=other_unit.id),
        "reviewer": make_user("reviewer"),
        "architect": make_user("architect"),
        "admin": make_user("admin"),
        "viewer": make_user("viewer"),
    }


def subdomain(people, label="layanan-sehat", **extra):
    data = {"label": label, "purpose": "Portal layanan kesehatan"} | extra
    return service.create_request("subdomain", data, actor=people["operator"])


def submitted_subdomain(people, label="layanan-sehat"):
    req = subdomain(people, label)
    return service.transition(req.id, "submit", actor=people["operator"])


def changes_of(req):
    return db.session.scalars(select(models.ChangeLog).where(
        models.ChangeLog.object_type == "requests", models.ChangeLog.object_id == req.id)
        .order_by(models.ChangeLog.id)).all()


# -- sub-domains --------------------------------------------------------------------------------

def test_a_subdomain_goes_from_draft_to_an_active_domain(people, unit):
    req = subdomain(people)
    assert (req.state, req.title, req.key) == ("draft", "layanan-sehat.contohprov.go.id",
                                               "layanan-sehat.contohprov.go.id")
    service.transition(req.id, "submit", actor=people["operator"])
    assert req.state == "submitted"
    assert req.submitted_at is not None
    service.transition(req.id, "approve", actor=people["reviewer"], reason="Sesuai kebutuhan")
    assert req.state == "approved"
    assert req.decider_id == people["reviewer"].id
    domain = db.session.get(models.DomainName, req.result_id)
    assert req.result_type == "domain_names"
    assert (domain.fqdn, domain.unit_id, domain.status) == (
        "layanan-sehat.contohprov.go.id", unit.id, models.DomainStatus.ACTIVE)


def test_every_decision_is_in_the_change_log_with_who_and_why(people):
    req = submitted_subdomain(people)
    service.transition(req.id, "approve", actor=people["reviewer"], reason="Sesuai kebutuhan")
    log = changes_of(req)
    assert [entry.action.value for entry in log] == ["create", "update", "update"]
    decision = log[-1]
    assert decision.actor_id == people["reviewer"].id
    assert decision.reason == "Sesuai kebutuhan"
    assert decision.after["state"] == "approved"
    created = db.session.scalar(select(models.ChangeLog).where(
        models.ChangeLog.object_type == "domain_names"))
    assert created.actor_id == people["reviewer"].id
    assert f"#{req.id}" in created.reason


def test_a_rejection_needs_a_reason_and_keeps_it(people):
    req = submitted_subdomain(people)
    with pytest.raises(ValidationFailedError) as error:
        service.transition(req.id, "reject", actor=people["reviewer"], reason="  ")
    assert "reason" in error.value.errors
    assert db.session.get(models.Request, req.id).state == "submitted"
    service.transition(req.id, "reject", actor=people["reviewer"],
                       reason="Gunakan sub-domain dinkes yang sudah ada")
    assert req.state == "rejected"
    assert req.decision_reason == "Gunakan sub-domain dinkes yang sudah ada"
    assert changes_of(req)[-1].reason == "Gunakan sub-domain dinkes yang sudah ada"
    assert db.session.scalar(select(models.DomainName)) is None


@pytest.mark.parametrize(
    ("label", "fragment"),
    [
        ("", "wajib"),
        ("dinas_kesehatan", "huruf"),
        ("-dinkes", "tanda hubung"),
        ("x" * 64, "63"),
        ("xn--abc", "xn--"),
        ("www", "dicadangkan"),
    ],
)
def test_a_bad_label_is_refused_naming_the_rule(people, label, fragment):
    with pytest.raises(ValidationFailedError) as error:
        subdomain(people, label)
    assert fragment in " ".join(error.value.errors["label"]).lower()
    assert db.session.scalar(select(models.Request)) is None


def test_a_label_already_taken_or_requested_is_refused(people, unit):
    domains.create_domain({"fqdn": "dinkes.contohprov.go.id", "unit_id": unit.id},
                          actor=None)
    with pytest.raises(ValidationFailedError) as error:
        subdomain(people, "dinkes")
    assert "sudah terdaftar" in error.value.errors["label"][0]
    submitted_subdomain(people, "rsud")
    with pytest.raises(ValidationFailedError) as error:
        service.create_request("subdomain", {"label": "rsud", "purpose": "x"},
                               actor=people["other_operator"])
    assert "sudah diminta" in error.value.errors["label"][0]


def test_a_label_released_may_be_asked_for_again(people, unit):
    domains.create_domain({"fqdn": "lama.contohprov.go.id", "unit_id": unit.id,
                           "status": "released"}, actor=None)
    assert subdomain(people, "lama").state == "draft"


def test_an_agency_without_a_zone_cannot_give_subdomains(people, agency):
    agency.zone = None
    db.session.commit()
    with pytest.raises(ValidationFailedError) as error:
        subdomain(people)
    assert "zona" in error.value.errors["label"][0]


def test_approval_fails_whole_when_the_name_was_registered_meanwhile(people, unit):
    req = submitted_subdomain(people)
    domains.create_domain({"fqdn": req.key, "unit_id": unit.id}, actor=None)
    with pytest.raises(ValidationFailedError):
        service.transition(req.id, "approve", actor=people["architect"])
    db.session.expire_all()
    assert db.session.get(models.Request, req.id).state == "submitted"
    assert db.session.scalar(select(db.func.count()).select_from(models.DomainName)) == 1


# -- transitions refused ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("setup", "action", "actor"),
    [
        ("draft", "approve", "reviewer"),
        ("draft", "reject", "reviewer"),
        ("submitted", "submit", "operator"),
        ("approved", "withdraw", "operator"),
        ("approved", "reject", "reviewer"),
        ("approved", "approve", "reviewer"),
        ("rejected", "submit", "operator"),
        ("withdrawn", "submit", "operator"),
        ("withdrawn", "approve", "reviewer"),
    ],
)
def test_a_transition_the_state_does_not_allow_is_refused(people, setup, action, actor):
    req = subdomain(people)
    steps = {"submitted": ["submit"], "approved": ["submit", "approve"],
             "rejected": ["submit", "reject"], "withdrawn": ["withdraw"]}.get(setup, [])
    for step in steps:
        who = people["operator"] if step in ("submit", "withdraw") else people["reviewer"]
        service.transition(req.id, step, actor=who, reason="alasan")
    # a draft is not even visible to a decider; any other state refuses the step
    expected = NotFoundError if setup == "draft" else ConflictError
    with pytest.raises(expected):
        service.transition(req.id, action, actor=people[actor], reason="alasan")
    assert db.session.get(models.Request, req.id).state == setup


def test_a_refused_transition_names_the_state_and_the_step_in_words(people):
    req = submitted_subdomain(people)
    service.transition(req.id, "approve", actor=people["reviewer"], reason="alasan")
    with pytest.raises(ConflictError) as refused:
        service.transition(req.id, "withdraw", actor=people["operator"])
    assert refused.value.message == "Permintaan berstatus disetujui tidak dapat ditarik."


def test_every_request_state_has_one_name_for_lists_and_sentences():
    assert set(LABELS["request_state"]) == set(RequestState)
    assert [service.state_name(state) for state in RequestState] == [
        "draf", "diajukan", "disetujui", "ditolak", "ditarik"]


def test_the_requester_may_withdraw_a_draft_or_a_submitted_request(people):
    draft = subdomain(people, "satu")
    service.transition(draft.id, "withdraw", actor=people["operator"])
    assert draft.state == "withdrawn"
    sent = submitted_subdomain(people, "dua")
    service.transition(sent.id, "withdraw", actor=people["colleague"])
    assert sent.state == "withdrawn"


def test_a_stale_version_is_refused(people):
    req = subdomain(people)
    with pytest.raises(ConflictError):
        service.transition(req.id, "submit", actor=people["operator"],
                           expected_version=req.version - 1)


# -- roles ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["operator", "colleague", "other_operator", "viewer"])
def test_no_operator_or_viewer_decides_a_subdomain_or_application(people, role):
    req = submitted_subdomain(people)
    for action in ("approve", "reject"):
        with pytest.raises((PermissionDeniedError, NotFoundError)):
            service.transition(req.id, action, actor=people[role], reason="x")
    assert db.session.get(models.Request, req.id).state == "submitted"


@pytest.mark.parametrize("role", ["reviewer", "architect", "admin"])
def test_reviewers_architects_and_admins_decide(people, role):
    req = submitted_subdomain(people)
    service.transition(req.id, "approve", actor=people[role])
    assert req.state == "approved"


@pytest.mark.parametrize("role", ["reviewer", "viewer"])
def test_reviewers_and_viewers_file_no_request(people, role):
    with pytest.raises(PermissionDeniedError):
        service.create_request("subdomain", {"label": "abc", "purpose": "x"},
                               actor=people[role])


def test_an_operator_files_for_its_own_opd_only(people, other_unit, unit):
    with pytest.raises(PermissionDeniedError):
        service.create_request("subdomain", {"label": "abc", "purpose": "x",
                                             "unit_id": other_unit.id},
                               actor=people["operator"])
    req = service.create_request("subdomain", {"label": "abc", "purpose": "x"},
                                 actor=people["operator"])
    assert req.unit_id == unit.id
    on_behalf = service.create_request("subdomain", {"label": "def", "purpose": "x",
                                                     "unit_id": other_unit.id},
                                       actor=people["architect"])
    assert on_behalf.unit_id == other_unit.id


def test_only_the_requesting_side_submits_or_withdraws(people):
    req = subdomain(people)
    for role in ("reviewer", "architect", "other_operator"):
        with pytest.raises(NotFoundError):
            service.transition(req.id, "submit", actor=people[role])
    service.transition(req.id, "submit", actor=people["operator"])
    for role in ("reviewer", "architect", "admin"):
        with pytest.raises(PermissionDeniedError):
            service.transition(req.id, "withdraw", actor=people[role])
    assert req.state == "submitted"


def test_another_opd_never_sees_a_draft(people):
    req = subdomain(people)
    for role in ("other_operator", "reviewer", "architect", "viewer"):
        with pytest.raises(NotFoundError):
            service.get_request(req.id, actor=people[role])
        page = service.list_requests(service.RequestFilters(scope="all"), actor=people[role])
        assert req.id not in [row.id for row in page.items]
    assert service.get_request(req.id, actor=people["colleague"]) is req
    with pytest.raises(NotFoundError):
        service.update_request(req.id, {"purpose": "diubah"}, actor=people["other_operator"],
                               expected_version=req.version)


def test_an_operator_sees_only_its_own_opd_requests_once_submitted(people):
    req = submitted_subdomain(people)
    with pytest.raises(NotFoundError):
        service.get_request(req.id, actor=people["other_operator"])
    assert service.get_request(req.id, actor=people["reviewer"]) is req


def test_a_submitted_request_cannot_be_edited(people):
    req = submitted_subdomain(people)
    with pytest.raises(ConflictError):
        service.update_request(req.id, {"purpose": "lain"}, actor=people["operator"],
                               expected_version=req.version)


def test_a_draft_edit_is_checked_and_logged(people):
    req = subdomain(people)
    with pytest.raises(ValidationFailedError):
        service.update_request(req.id, {"label": "bad_label"}, actor=people["operator"],
                               expected_version=req.version)
    service.update_request(req.id, {"label": "baru"}, actor=people["colleague"],
                           expected_version=req.version)
    assert req.key == "baru.contohprov.go.id"
    assert changes_of(req)[-1].actor_id == people["colleague"].id


def test_the_queue_lists_what_waits_oldest_first_and_flags_overdue(people, app):
    first = submitted_subdomain(people, "satu")
    second = submitted_subdomain(people, "dua")
    first.submitted_at = utcnow() - timedelta(days=app.config["REGISTRY_REQUEST_DUE_DAYS"] + 1)
    db.session.commit()
    page = service.list_requests(service.RequestFilters(scope="queue"), actor=people["reviewer"])
    assert [row.id for row in page.items] == [first.id, second.id]
    assert [row.overdue for row in page.items] == [True, False]
    late = service.list_requests(service.RequestFilters(scope="queue", overdue=True),
                                 actor=people["reviewer"])
    assert [row.id for row in late.items] == [first.id]
    assert service.queue_count(people["reviewer"]) == 2
    assert service.queue_count(people["operator"]) == 0
    mine = service.list_requests(service.RequestFilters(scope="mine"), actor=people["colleague"])
    assert {row.id for row in mine.items} == {first.id, second.id}


# -- new applications ----------------------------------------------------------------------------

def test_a_new_application_like_an_existing_one_needs_a_justification(
        people, make_application, other_unit):
    existing = make_application(name="Sistem Informasi Manajemen Kepegawaian",
                                owner_unit_id=other_unit.id)
    req = service.create_request("application", {
        "name": "SIMPEG Dinkes", "acronym": "SIMPEG",
        "purpose": "Mengelola data kepegawaian pegawai dinas"}, actor=people["operator"])
    with pytest.raises(service.DuplicatesFoundError) as error:
        service.transition(req.id, "submit", actor=people["operator"])
    assert isinstance(error.value, ValidationFailedError)
    assert error.value.status_code == 422
    assert existing.id in [m.candidate.id for m in error.value.matches]
    assert "justification" in error.value.errors
    db.session.expire_all()
    assert db.session.get(models.Request, req.id).state == "draft"

    service.transition(req.id, "submit", actor=people["operator"],
                       justification="Modul khusus tenaga kesehatan yang tidak ada di SIMPEG")
    req = db.session.get(models.Request, req.id)
    assert req.state == "submitted"
    found = {d["application_id"]: d for d in req.duplicates}
    assert existing.id in found
    assert found[existing.id]["reasons"]
    assert 0 < found[existing.id]["score"] <= 1


def test_a_new_e_surat_meets_srikandi(people):
    req = service.create_request("application", {
        "name": "e-Surat Dinas", "purpose": "Persuratan dan disposisi elektronik"},
        actor=people["operator"])
    matches = service.duplicate_candidates(req)
    umum = [m for m in matches if m.candidate.is_aplikasi_umum]
    assert umum
    assert umum[0].candidate.name == "SRIKANDI"


def test_an_application_without_a_look_alike_goes_straight_on(people, make_application):
    make_application(name="Sistem Informasi Rumah Sakit", acronym="SIMRS")
    req = service.create_request("application", {
        "name": "Aplikasi Pemantauan Kualitas Udara", "acronym": "SIPANTAU-UDARA",
        "purpose": "Memantau sensor kualitas udara di kawasan industri"},
        actor=people["operator"])
    service.transition(req.id, "submit", actor=people["operator"])
    assert req.state == "submitted"
    assert req.duplicates == []


def test_approval_creates_a_planned_application_consulted_today_and_an_initiative(
        people, unit):
    req = service.create_request("application", {
        "name": "Aplikasi Pemantauan Kualitas Udara", "acronym": "SIPANTAU",
        "purpose": "Memantau sensor kualitas udara", "service_codes": ["ral.1.03"],
        "create_initiative": True, "initiative_year": 2027}, actor=people["operator"])
    assert req.payload["service_codes"] == ["RAL.01.03"]
    service.transition(req.id, "submit", actor=people["operator"], justification="baru")
    service.transition(req.id, "approve", actor=people["reviewer"], reason="Belum ada",
                       today=date(2026, 11, 23))
    app = db.session.get(models.Application, req.result_id)
    assert (app.name, app.code, app.lifecycle.value, app.owner_unit_id) == (
        "Aplikasi Pemantauan Kualitas Udara", "SIPANTAU", "planned", unit.id)
    assert app.consulted_ict_unit_on == date(2026, 11, 23)
    assert app.service_codes == ["RAL.01.03"]
    initiative = db.session.scalar(select(models.Initiative))
    assert (initiative.start_year, initiative.owner_unit_id) == (2027, unit.id)
    assert initiative.elements == [{"application_id": app.id, "action": "build"}]


def test_an_application_request_names_its_bad_fields(people):
    with pytest.raises(ValidationFailedError) as error:
        service.create_request("application", {"name": "Aplikasi X",
                                               "service_codes": ["XYZ.1"]},
                               actor=people["operator"])
    assert "service_codes" in error.value.errors
    req = service.create_request("application", {"name": "Aplikasi X"},
                                 actor=people["operator"])
    with pytest.raises(ValidationFailedError) as error:
        service.transition(req.id, "submit", actor=people["operator"])
    assert "purpose" in error.value.errors


# -- integration links ---------------------------------------------------------------------------

@pytest.fixture
def link_apps(make_application, other_unit):
    return (make_application(name="SIMRS"),
            make_application(name="Dapodik Lokal", owner_unit_id=other_unit.id))


def link_request(people, link_apps):
    ours, theirs = link_apps
    req = service.create_request("link", {"provider_id": theirs.id, "consumer_id": ours.id,
                                          "channel": "service_bus",
                                          "data_exchanged": "Data siswa"},
                                 actor=people["operator"])
    return service.transition(req.id, "submit", actor=people["operator"])


def test_the_other_opd_approves_a_link_and_it_becomes_active(people, link_apps, other_unit):
    req = link_request(people, link_apps)
    assert req.counterpart_unit_id == other_unit.id
    assert service.get_request(req.id, actor=people["other_operator"]) is req
    queue = service.list_requests(service.RequestFilters(scope="queue"),
                                  actor=people["other_operator"])
    assert [row.id for row in queue.items] == [req.id]
    service.transition(req.id, "approve", actor=people["other_operator"], reason="Setuju")
    link = db.session.get(models.IntegrationLink, req.result_id)
    assert (link.status.value, link.channel.value, link.data_exchanged) == (
        "active", "service_bus", "Data siswa")


@pytest.mark.parametrize("role", ["operator", "colleague", "reviewer", "viewer"])
def test_the_requesting_opd_and_reviewers_do_not_approve_a_link(people, link_apps, role):
    req = link_request(people, link_apps)
    with pytest.raises(PermissionDeniedError):
        service.transition(req.id, "approve", actor=people[role])


def test_an_architect_may_approve_a_link(people, link_apps):
    req = link_request(people, link_apps)
    service.transition(req.id, "approve", actor=people["architect"])
    assert req.state == "approved"


def test_a_link_must_touch_the_requesting_opd(people, make_application, other_unit):
    a = make_application(name="A", owner_unit_id=other_unit.id)
    b = make_application(name="B", owner_unit_id=other_unit.id)
    with pytest.raises(ValidationFailedError) as error:
        service.create_request("link", {"provider_id": a.id, "consumer_id": b.id,
                                        "channel": "direct_api"}, actor=people["operator"])
    assert "provider_id" in error.value.errors


# -- notifications -------------------------------------------------------------------------------

def inbox_of(user):
    return [(n.event, n.request_id) for n in notifications.inbox(user).items]


def test_every_state_change_reaches_the_inbox(people):
    req = submitted_subdomain(people)
    assert inbox_of(people["reviewer"]) == [("submitted", req.id)]
    assert inbox_of(people["architect"]) == [("submitted", req.id)]
    assert inbox_of(people["operator"]) == []
    service.transition(req.id, "reject", actor=people["reviewer"], reason="Tidak perlu")
    assert inbox_of(people["operator"]) == [("rejected", req.id)]
    assert inbox_of(people["colleague"]) == [("rejected", req.id)]
    note = notifications.inbox(people["operator"]).items[0]
    assert "Tidak perlu" in notifications.message_of(note)
    assert notifications.unread_count(people["operator"]) == 1
    assert notifications.mark_read(people["operator"]) == 1
    assert notifications.unread_count(people["operator"]) == 0


def test_a_withdrawal_after_submission_tells_the_deciders(people):
    req = submitted_subdomain(people)
    service.transition(req.id, "withdraw", actor=people["operator"])
    assert ("withdrawn", req.id) in inbox_of(people["reviewer"])


def test_without_smtp_no_mail_is_tried(people, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("no SMTP server is configured")

    monkeypatch.setattr(smtplib, "SMTP", refuse)
    submitted_subdomain(people)
    assert all(n.mail_status is None for n in notifications.inbox(people["reviewer"]).items)


class FakeSMTP:
    """Records the mails an SMTP server would have received."""

    sent = []

    def __init__(self, host, port, timeout):
        self.host = host

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def send_message(self, message):
        FakeSMTP.sent.append(message)


def test_with_smtp_each_recipient_gets_a_mail(people, app, monkeypatch):
    app.config.update(REGISTRY_MAIL_SERVER="smtp.contohprov.go.id",
                      REGISTRY_BASE_URL="https://registri.contohprov.go.id")
    FakeSMTP.sent = []
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    req = submitted_subdomain(people)
    recipients = sorted(m["To"] for m in FakeSMTP.sent)
    assert recipients == sorted([people["reviewer"].email, people["architect"].email,
                                 people["admin"].email])
    body = FakeSMTP.sent[0].get_content()
    assert req.title in body
    assert f"/requests/{req.id}" in body
    assert notifications.inbox(people["reviewer"]).items[0].mail_status.startswith("sent")


def test_a_failing_mail_server_is_logged_and_undoes_nothing(people, app, caplog):
    app.config.update(REGISTRY_MAIL_SERVER="127.0.0.1", REGISTRY_MAIL_PORT=1)
    req = submitted_subdomain(people)
    service.transition(req.id, "approve", actor=people["reviewer"])
    assert db.session.get(models.Request, req.id).state == "approved"
    note = notifications.inbox(people["operator"]).items[0]
    assert note.mail_status.startswith("failed")
    assert "mail to" in caplog.text
