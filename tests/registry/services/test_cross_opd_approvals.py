"""Approvals in the services: what touches another OPD goes through a request and its approval.

Issue 17, finding 6. An OPD operator edits the links wholly inside its own OPD directly; a link
that touches another OPD's application is asked for (the other side approves), a new application
is proposed through the new-application request (with its duplicate check), and a domain of the
OPD serves the OPD's own applications. Nobody decides a request they filed (maker-checker),
architects and admins included. Each rule is checked in the service, the API and the pages.
"""

import pytest

from registry import models
from registry.errors import PermissionDeniedError, RequestRequiredError
from registry.extensions import db
from registry.services import domains, integrations, inventory
from registry.services import requests as requests_service
from tests.registry.builders import (
    link_body,
    new_app_body,
    row_count,
    stored_values,
    submitted_application_request,
)

# -- (a) a new link to another OPD's application -----------------------------------------------

def test_service_refuses_an_operators_link_to_another_opd(apps, operator):
    with pytest.raises(RequestRequiredError) as error:
        integrations.create_link(link_body(apps["ours"], apps["theirs"]), actor=operator)
    assert error.value.kind == "link"
    assert "permintaan tautan integrasi" in error.value.message
    assert "Dinas Pendidikan" in error.value.message
    assert row_count(models.IntegrationLink) == 0


def test_service_lets_an_operator_link_its_own_applications(apps, operator):
    link = integrations.create_link(link_body(apps["ours"], apps["ours2"]), actor=operator)
    assert link.id
    assert link.status.value == "active"


@pytest.mark.parametrize("role", ["architect", "admin"])
def test_maintainers_still_link_across_opds_directly(apps, make_user, role):
    link = integrations.create_link(link_body(apps["ours"], apps["theirs"]), actor=make_user(role))
    assert link.id


# -- (b) re-pointing a link to another OPD's application ---------------------------------------

def test_service_refuses_repointing_an_own_link_to_another_opd(apps, operator, own_link):
    before = stored_values(own_link)
    with pytest.raises(RequestRequiredError):
        integrations.update_link(own_link.id, {"consumer_id": apps["theirs"].id},
                                 actor=operator, expected_version=own_link.version)
    assert stored_values(own_link) == before


# -- (c) retiring or changing a link that touches another OPD ----------------------------------

@pytest.mark.parametrize("change", [{"status": "retired"}, {"data_exchanged": "Lain"},
                                    {"consumer_id": "ours2"}])
def test_service_refuses_an_operators_change_to_a_cross_opd_link(apps, operator, cross_link,
                                                                  change):
    change = {k: apps[v].id if k.endswith("_id") else v for k, v in change.items()}
    before = stored_values(cross_link)
    with pytest.raises(PermissionDeniedError) as error:
        integrations.update_link(cross_link.id, change, actor=operator,
                                 expected_version=cross_link.version)
    assert "Dinas Pendidikan" in error.value.message
    assert "arsitek" in error.value.message
    assert stored_values(cross_link) == before


# -- (d) a domain attached to another OPD's application ----------------------------------------

def test_service_refuses_attaching_an_own_domain_to_another_opds_application(
        apps, operator, own_domain):
    with pytest.raises(PermissionDeniedError) as error:
        domains.update_domain(own_domain.id, {"application_id": apps["theirs"].id},
                              actor=operator, expected_version=own_domain.version)
    assert "aplikasi OPD Anda sendiri" in error.value.message
    assert stored_values(own_domain)["application_id"] is None


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


# -- (e) an operator's new application goes through the new-application request --------------


def test_service_refuses_an_operators_direct_new_application(unit, operator):
    with pytest.raises(RequestRequiredError) as error:
        inventory.create_application(new_app_body(unit), actor=operator)
    assert error.value.kind == "application"
    assert "permintaan aplikasi baru" in error.value.message
    assert row_count(models.Application) == 0


def test_the_request_path_still_creates_the_operators_application(unit, operator, make_user):
    req = requests_service.create_request("application", {
        "name": "Aplikasi Baru", "purpose": "Layanan baru"}, actor=operator)
    requests_service.transition(req.id, "submit", actor=operator)
    requests_service.transition(req.id, "approve", actor=make_user("reviewer"))
    created = db.session.get(models.Application, req.result_id)
    assert (created.name, created.owner_unit_id) == ("Aplikasi Baru", unit.id)


@pytest.mark.parametrize("role", ["architect", "admin"])
def test_maintainers_still_add_applications_directly(unit, make_user, role):
    assert inventory.create_application(new_app_body(unit), actor=make_user(role)).id


# -- (f) maker-checker: nobody decides their own request ---------------------------------------


@pytest.mark.parametrize("role", ["architect", "admin"])
@pytest.mark.parametrize("action", ["approve", "reject"])
def test_service_refuses_a_decision_on_ones_own_request(unit, make_user, role, action):
    maker = make_user(role)
    req = submitted_application_request(unit, maker)
    assert requests_service.available_actions(maker, req) == [
        requests_service.RequestAction.WITHDRAW]
    with pytest.raises(PermissionDeniedError) as error:
        requests_service.transition(req.id, action, actor=maker, reason="Sendiri")
    assert "Anda ajukan sendiri" in error.value.message
    assert db.session.get(models.Request, req.id).state.value == "submitted"
    assert row_count(models.Application) == 0


def test_another_decider_approves_the_architects_request(unit, make_user):
    maker, checker = make_user("architect"), make_user("admin")
    req = submitted_application_request(unit, maker)
    requests_service.transition(req.id, "approve", actor=checker)
    assert req.state.value == "approved"
    assert req.decider_id == checker.id


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
    assert queue.items == []
    assert requests_service.queue_count(maker) == 0
