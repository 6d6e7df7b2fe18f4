"""Approvals on the pages: cross-OPD changes are refused and sent to the request form."""


from registry import models
from registry.extensions import db
from tests.registry.builders import (
    row_count,
    stored_values,
    submitted_application_request,
)


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
    assert row_count(models.IntegrationLink) == 0


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
    assert "SIMRS" in page.text
    assert "e-Puskesmas" in page.text
    assert "Dapodik Lokal" not in page.text
    assert "/requests/new/link" in page.text


def test_page_refuses_repointing_an_own_link_to_another_opd(client, auth, apps, own_link):
    auth.login("opd_operator", suffix="page")
    response = client.post(f"/integrations/links/{own_link.id}/edit", data={
        "provider_id": apps["ours"].id, "consumer_id": apps["theirs"].id,
        "channel": "service_bus", "status": "active", "version": own_link.version})
    assert response.status_code == 403
    assert "permintaan tautan integrasi" in response.text
    assert stored_values(own_link)["consumer_id"] == apps["ours2"].id


def test_page_refuses_retiring_a_cross_opd_link_and_hides_the_button(client, auth, apps,
                                                                     cross_link):
    auth.login("opd_operator", suffix="page")
    detail = client.get(f"/integrations/links/{cross_link.id}")
    assert f"/integrations/links/{cross_link.id}/edit" not in detail.text
    assert "Dinas Pendidikan" in detail.text
    assert "arsitek" in detail.text
    assert client.get(f"/integrations/links/{cross_link.id}/edit").status_code == 403
    response = client.post(f"/integrations/links/{cross_link.id}/edit", data={
        "provider_id": apps["theirs"].id, "consumer_id": apps["ours"].id,
        "channel": "service_bus", "status": "retired", "version": cross_link.version})
    assert response.status_code == 403
    assert stored_values(cross_link)["status"].value == "active"


def test_the_link_page_still_offers_an_own_link_to_its_operator(client, auth, own_link):
    auth.login("opd_operator", suffix="page")
    detail = client.get(f"/integrations/links/{own_link.id}")
    assert f"/integrations/links/{own_link.id}/edit" in detail.text


def test_page_refuses_attaching_an_own_domain_to_another_opds_application(
        client, auth, apps, own_domain):
    auth.login("opd_operator", suffix="page")
    form = client.get(f"/domains/{own_domain.id}/edit")
    assert "SIMRS" in form.text
    assert "Dapodik Lokal" not in form.text
    response = client.post(f"/domains/{own_domain.id}/edit", data={
        "fqdn": own_domain.fqdn, "unit_id": own_domain.unit_id,
        "application_id": apps["theirs"].id, "status": "active",
        "version": own_domain.version})
    assert response.status_code == 403
    assert "aplikasi OPD Anda sendiri" in response.text
    assert stored_values(own_domain)["application_id"] is None


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
    assert row_count(models.Application) == 0


# -- (f) maker-checker: nobody decides their own request ---------------------------------------


def test_page_hides_and_refuses_a_decision_on_ones_own_request(client, auth, unit):
    maker = auth.login("architect", suffix="maker")
    req = submitted_application_request(unit, maker)
    page = client.get(f"/requests/{req.id}")
    assert "action-approve" not in page.text
    assert "action-reject" not in page.text
    assert "Anda ajukan sendiri" in page.text
    response = client.post(f"/requests/{req.id}/transition",
                           data={"action": "approve", "version": req.version})
    assert response.status_code == 403
    assert "Anda ajukan sendiri" in response.text
    assert db.session.get(models.Request, req.id).state.value == "submitted"
