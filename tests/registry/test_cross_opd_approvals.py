"""Approvals are not bypassed: what touches another OPD goes through a request and its approval.

Issue 17, finding 6. An OPD operator edits the links wholly inside its own OPD directly; a link
that touches another OPD's application is asked for (the other side approves), a new application
is proposed through the new-application request (with its duplicate check), and a domain of the
OPD serves the OPD's own applications. Nobody decides a request they filed (maker-checker),
architects and admins included. Each rule is checked in the service, the API and the pages.
"""

import pytest
from sqlalchemy import func, select

from registry import models
from registry.errors import PermissionDeniedError, RequestRequiredError
from registry.extensions import db
from registry.services import domains, integrations, inventory
from registry.services import requests as requests_service

LINKS = "/api/v1/integration-links"


@pytest.fixture
def apps(make_application, other_unit):
    """Return two applications of the operator's OPD and one of another OPD."""
    return {
        "ours": make_application(name="SIMRS", acronym="SIMRS"),
        "ours2": make_application(name="e-Puskesmas", acronym="EPUS"),
        "theirs": make_application(name="Dapodik Lokal", acronym="DAPO",
                                   owner_unit_id=other_unit.id),
    }


@pytest.fixture
def operator(make_user):
    """Return an OPD operator of ``unit`` (the operator's OPD, A)."""
    return make_user("opd_operator", suffix="a")


@pytest.fixture
def operator_api(token_for):
    """Return the API header of an operator of ``unit``."""
    return token_for("opd_operator", suffix="api")


def _link(provider, consumer, **extra):
    return {"provider_id": provider.id, "consumer_id": consumer.id,
            "channel": "service_bus", "status": "active"} | extra


@pytest.fixture
def own_link(apps):
    """Return an active link wholly inside the operator's OPD."""
    return integrations.create_link(_link(apps["ours"], apps["ours2"]), actor=None)


@pytest.fixture
def cross_link(apps):
    """Return an active link between the operator's OPD and another OPD (approved earlier)."""
    return integrations.create_link(_link(apps["theirs"], apps["ours"]), actor=None)


@pytest.fixture
def own_domain(unit):
    """Return a domain name of the operator's OPD."""
    return domains.create_domain({"fqdn": "simrs.contohprov.go.id", "unit_id": unit.id},
                                 actor=None)


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def stored(record):
    """Return the record's values as the database holds them (to show nothing changed)."""
    db.session.refresh(record)
    return {c.key: getattr(record, c.key) for c in record.__table__.columns}


def _api_message(response):
    return " ".join(response.json["errors"]["_schema"])


# -- (a) a new link to another OPD's application -----------------------------------------------

def test_service_refuses_an_operators_link_to_another_opd(apps, operator):
    with pytest.raises(RequestRequiredError) as error:
        integrations.create_link(_link(apps["ours"], apps["theirs"]), actor=operator)
    assert error.value.kind == "link"
    assert "permintaan tautan integrasi" in error.value.message
    assert "Dinas Pendidikan" in error.value.message
    assert _count(models.IntegrationLink) == 0


def test_service_lets_an_operator_link_its_own_applications(apps, operator):
    link = integrations.create_link(_link(apps["ours"], apps["ours2"]), actor=operator)
    assert link.id and link.status.value == "active"


@pytest.mark.parametrize("role", ["architect", "admin"])
def test_maintainers_still_link_across_opds_directly(apps, make_user, role):
    link = integrations.create_link(_link(apps["ours"], apps["theirs"]), actor=make_user(role))
    assert link.id


def test_api_refuses_an_operators_link_to_another_opd_naming_the_request_endpoint(
        client, apps, operator_api):
    response = client.post(LINKS, json=_link(apps["theirs"], apps["ours"]),
                           headers=operator_api)
    assert response.status_code == 403
    message = _api_message(response)
    assert "permintaan tautan integrasi" in message and "/api/v1/requests" in message
    assert '"link"' in message
    assert _count(models.IntegrationLink) == 0


def test_api_lets_an_operator_link_its_own_applications(client, apps, operator_api):
    response = client.post(LINKS, json=_link(apps["ours"], apps["ours2"]), headers=operator_api)
    assert response.status_code == 201


def test_page_refuses_an_operators_link_to_another_opd_and_offers_the_request(
        client, auth, apps):
    auth.login("opd_operator", suffix="page")
    response = client.post("/integrations/links/new", data={
        "provider_id": apps["ours"].id, "consumer_id": apps["theirs"].id,
        "channel": "service_bus", "data_exchanged": "Data siswa"})
    assert response.status_code == 403
    assert "permintaan tautan integrasi" in response.text
    # the way on: the link request, filled in with what was typed
    assert "/requests/new/link?" in response.text
    assert f"consumer_id={apps['theirs'].id}" in response.text
    assert _count(models.IntegrationLink) == 0


def test_the_link_request_form_is_filled_in_from_the_refused_link(client, auth, apps):
    auth.login("opd_operator", suffix="page")
    page = client.get(f"/requests/new/link?provider_id={apps['ours'].id}"
                      f"&consumer_id={apps['theirs'].id}&channel=direct_api")
    assert page.status_code == 200
    assert f'<option value="{apps["theirs"].id}" selected' in page.text
    assert '<option value="direct_api" selected' in page.text


def test_the_link_form_offers_an_operator_its_own_applications_and_explains(
        client, auth, apps):
    auth.login("opd_operator", suffix="page")
    page = client.get("/integrations/links/new")
    assert page.status_code == 200
    assert "SIMRS" in page.text and "e-Puskesmas" in page.text
    assert "Dapodik Lokal" not in page.text
    assert "/requests/new/link" in page.text


# -- (b) re-pointing a link to another OPD's application ---------------------------------------

def test_service_refuses_repointing_an_own_link_to_another_opd(apps, operator, own_link):
    before = stored(own_link)
    with pytest.raises(RequestRequiredError):
        integrations.update_link(own_link.id, {"consumer_id": apps["theirs"].id},
                                 actor=operator, expected_version=own_link.version)
    assert stored(own_link) == before


def test_api_refuses_repointing_an_own_link_to_another_opd(client, apps, operator_api,
                                                           own_link):
    response = client.patch(f"{LINKS}/{own_link.id}", json={
        "provider_id": apps["theirs"].id, "version": own_link.version}, headers=operator_api)
    assert response.status_code == 403
    assert "/api/v1/requests" in _api_message(response)
    assert stored(own_link)["provider_id"] == apps["ours"].id


def test_page_refuses_repointing_an_own_link_to_another_opd(client, auth, apps, own_link):
    auth.login("opd_operator", suffix="page")
    response = client.post(f"/integrations/links/{own_link.id}/edit", data={
        "provider_id": apps["ours"].id, "consumer_id": apps["theirs"].id,
        "channel": "service_bus", "status": "active", "version": own_link.version})
    assert response.status_code == 403
    assert "permintaan tautan integrasi" in response.text
    assert stored(own_link)["consumer_id"] == apps["ours2"].id


def test_an_operator_still_edits_and_retires_its_own_link(client, operator_api, own_link):
    response = client.patch(f"{LINKS}/{own_link.id}", json={
        "status": "retired", "version": own_link.version}, headers=operator_api)
    assert response.status_code == 200 and response.json["status"] == "retired"


# -- (c) retiring or changing a link that touches another OPD ----------------------------------

@pytest.mark.parametrize("change", [{"status": "retired"}, {"data_exchanged": "Lain"},
                                    {"consumer_id": "ours2"}])
def test_service_refuses_an_operators_change_to_a_cross_opd_link(apps, operator, cross_link,
                                                                  change):
    change = {k: apps[v].id if k.endswith("_id") else v for k, v in change.items()}
    before = stored(cross_link)
    with pytest.raises(PermissionDeniedError) as error:
        integrations.update_link(cross_link.id, change, actor=operator,
                                 expected_version=cross_link.version)
    assert "Dinas Pendidikan" in error.value.message and "arsitek" in error.value.message
    assert stored(cross_link) == before


def test_api_refuses_retiring_a_cross_opd_link(client, operator_api, cross_link):
    response = client.patch(f"{LINKS}/{cross_link.id}", json={
        "status": "retired", "version": cross_link.version}, headers=operator_api)
    assert response.status_code == 403
    assert "arsitek" in _api_message(response)
    assert stored(cross_link)["status"].value == "active"


def test_page_refuses_retiring_a_cross_opd_link_and_hides_the_button(client, auth, apps,
                                                                     cross_link):
    auth.login("opd_operator", suffix="page")
    detail = client.get(f"/integrations/links/{cross_link.id}")
    assert f"/integrations/links/{cross_link.id}/edit" not in detail.text
    assert "Dinas Pendidikan" in detail.text and "arsitek" in detail.text
    assert client.get(f"/integrations/links/{cross_link.id}/edit").status_code == 403
    response = client.post(f"/integrations/links/{cross_link.id}/edit", data={
        "provider_id": apps["theirs"].id, "consumer_id": apps["ours"].id,
        "channel": "service_bus", "status": "retired", "version": cross_link.version})
    assert response.status_code == 403
    assert stored(cross_link)["status"].value == "active"


@pytest.mark.parametrize("role", ["architect", "admin"])
def test_maintainers_still_retire_a_cross_opd_link(client, token_for, cross_link, role):
    response = client.patch(f"{LINKS}/{cross_link.id}", json={
        "status": "retired", "version": cross_link.version}, headers=token_for(role))
    assert response.status_code == 200


def test_the_link_page_still_offers_an_own_link_to_its_operator(client, auth, own_link):
    auth.login("opd_operator", suffix="page")
    detail = client.get(f"/integrations/links/{own_link.id}")
    assert f"/integrations/links/{own_link.id}/edit" in detail.text


# -- (d) a domain attached to another OPD's application ----------------------------------------

def test_service_refuses_attaching_an_own_domain_to_another_opds_application(
        apps, operator, own_domain):
    with pytest.raises(PermissionDeniedError) as error:
        domains.update_domain(own_domain.id, {"application_id": apps["theirs"].id},
                              actor=operator, expected_version=own_domain.version)
    assert "aplikasi OPD Anda sendiri" in error.value.message
    assert stored(own_domain)["application_id"] is None


def test_an_operator_attaches_its_domain_to_its_own_application(apps, operator, own_domain):
    domains.update_domain(own_domain.id, {"application_id": apps["ours"].id}, actor=operator,
                          expected_version=own_domain.version)
    assert own_domain.application_id == apps["ours"].id


def test_an_architects_attachment_does_not_lock_the_operator_out(apps, operator, own_domain,
                                                                 make_user):
    domains.update_domain(own_domain.id, {"application_id": apps["theirs"].id},
                          actor=make_user("architect"), expected_version=own_domain.version)
    # the operator keeps the contact true without being asked to undo the architect's choice
    domains.update_domain(own_domain.id, {"technical_contact": "Tim TI"}, actor=operator,
                          expected_version=own_domain.version)
    assert (own_domain.application_id, own_domain.technical_contact) == (
        apps["theirs"].id, "Tim TI")


def test_api_refuses_attaching_an_own_domain_to_another_opds_application(
        client, apps, operator_api, own_domain):
    response = client.patch(f"/api/v1/domains/{own_domain.id}", json={
        "fqdn": own_domain.fqdn, "unit_id": own_domain.unit_id,
        "application_id": apps["theirs"].id, "version": own_domain.version},
        headers=operator_api)
    assert response.status_code == 403
    assert "aplikasi OPD Anda sendiri" in _api_message(response)


def test_page_refuses_attaching_an_own_domain_to_another_opds_application(
        client, auth, apps, own_domain):
    auth.login("opd_operator", suffix="page")
    form = client.get(f"/domains/{own_domain.id}/edit")
    assert "SIMRS" in form.text and "Dapodik Lokal" not in form.text
    response = client.post(f"/domains/{own_domain.id}/edit", data={
        "fqdn": own_domain.fqdn, "unit_id": own_domain.unit_id,
        "application_id": apps["theirs"].id, "status": "active",
        "version": own_domain.version})
    assert response.status_code == 403
    assert "aplikasi OPD Anda sendiri" in response.text
    assert stored(own_domain)["application_id"] is None


# -- (e) an operator's new application goes through the new-application request --------------

def _new_app(unit, **extra):
    return {"code": "BARU-1", "name": "Aplikasi Baru", "owner_unit_id": unit.id,
            "kind": "khusus", "lifecycle": "planned"} | extra


def test_service_refuses_an_operators_direct_new_application(unit, operator):
    with pytest.raises(RequestRequiredError) as error:
        inventory.create_application(_new_app(unit), actor=operator)
    assert error.value.kind == "application"
    assert "permintaan aplikasi baru" in error.value.message
    assert _count(models.Application) == 0


def test_api_refuses_an_operators_new_application_naming_the_request_endpoint(
        client, unit, operator_api):
    response = client.post("/api/v1/applications", json=_new_app(unit), headers=operator_api)
    assert response.status_code == 403
    message = _api_message(response)
    assert "permintaan aplikasi baru" in message and "/api/v1/requests" in message
    assert '"application"' in message
    assert _count(models.Application) == 0


def test_the_new_application_page_sends_an_operator_to_the_request_form(client, auth, unit):
    auth.login("opd_operator", suffix="page")
    listing = client.get("/inventory/applications")
    assert "/requests/new/application" in listing.text
    assert 'href="/inventory/applications/new' not in listing.text
    response = client.get("/inventory/applications/new")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/requests/new/application")
    followed = client.get(response.headers["Location"])
    assert "permintaan aplikasi baru" in followed.text  # the flash says why


def test_an_operators_posted_new_application_is_refused(client, auth, unit):
    auth.login("opd_operator", suffix="page")
    response = client.post("/inventory/applications/new", data={
        "code": "BARU-1", "name": "Aplikasi Baru", "owner_unit_id": str(unit.id)})
    assert response.status_code == 403
    assert "/requests/new/application" in response.text
    assert _count(models.Application) == 0


def test_the_request_path_still_creates_the_operators_application(unit, operator, make_user):
    req = requests_service.create_request("application", {
        "name": "Aplikasi Baru", "purpose": "Layanan baru"}, actor=operator)
    requests_service.transition(req.id, "submit", actor=operator)
    requests_service.transition(req.id, "approve", actor=make_user("reviewer"))
    created = db.session.get(models.Application, req.result_id)
    assert (created.name, created.owner_unit_id) == ("Aplikasi Baru", unit.id)


@pytest.mark.parametrize("role", ["architect", "admin"])
def test_maintainers_still_add_applications_directly(unit, make_user, role):
    assert inventory.create_application(_new_app(unit), actor=make_user(role)).id


# -- (f) maker-checker: nobody decides their own request ---------------------------------------

def _submitted_application_request(unit, actor):
    req = requests_service.create_request("application", {
        "unit_id": unit.id, "name": "Aplikasi Arsitek", "purpose": "Layanan baru"}, actor=actor)
    return requests_service.transition(req.id, "submit", actor=actor)


@pytest.mark.parametrize("role", ["architect", "admin"])
@pytest.mark.parametrize("action", ["approve", "reject"])
def test_service_refuses_a_decision_on_ones_own_request(unit, make_user, role, action):
    maker = make_user(role)
    req = _submitted_application_request(unit, maker)
    assert requests_service.available_actions(maker, req) == [
        requests_service.RequestAction.WITHDRAW]
    with pytest.raises(PermissionDeniedError) as error:
        requests_service.transition(req.id, action, actor=maker, reason="Sendiri")
    assert "Anda ajukan sendiri" in error.value.message
    assert db.session.get(models.Request, req.id).state.value == "submitted"
    assert _count(models.Application) == 0


def test_another_decider_approves_the_architects_request(unit, make_user):
    maker, checker = make_user("architect"), make_user("admin")
    req = _submitted_application_request(unit, maker)
    requests_service.transition(req.id, "approve", actor=checker)
    assert req.state.value == "approved" and req.decider_id == checker.id


def test_the_architects_own_link_request_waits_for_someone_else(apps, unit, make_user):
    maker = make_user("architect")
    req = requests_service.create_request("link", {
        "unit_id": unit.id, "provider_id": apps["theirs"].id, "consumer_id": apps["ours"].id,
        "channel": "service_bus"}, actor=maker)
    requests_service.transition(req.id, "submit", actor=maker)
    with pytest.raises(PermissionDeniedError):
        requests_service.transition(req.id, "approve", actor=maker)
    queue = requests_service.list_requests(requests_service.RequestFilters(scope="queue"),
                                           actor=maker)
    assert queue.items == [] and requests_service.queue_count(maker) == 0


def test_api_refuses_a_decision_on_ones_own_request(client, unit, token_for):
    headers = token_for("admin", suffix="maker")
    maker = db.session.scalar(select(models.User).where(models.User.email.like("admin-maker%")))
    req = _submitted_application_request(unit, maker)
    response = client.post(f"/api/v1/requests/{req.id}/transitions",
                           json={"action": "approve", "reason": "Sendiri"}, headers=headers)
    assert response.status_code == 403
    assert "Anda ajukan sendiri" in _api_message(response)
    assert db.session.get(models.Request, req.id).state.value == "submitted"


def test_page_hides_and_refuses_a_decision_on_ones_own_request(client, auth, unit):
    maker = auth.login("architect", suffix="maker")
    req = _submitted_application_request(unit, maker)
    page = client.get(f"/requests/{req.id}")
    assert "action-approve" not in page.text and "action-reject" not in page.text
    assert "Anda ajukan sendiri" in page.text
    response = client.post(f"/requests/{req.id}/transition",
                           data={"action": "approve", "version": req.version})
    assert response.status_code == 403
    assert "Anda ajukan sendiri" in response.text
    assert db.session.get(models.Request, req.id).state.value == "submitted"
