"""Issue 19.3 on the pages: delete and retire ask first, restore is offered to who may do it."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from registry import models
from registry.extensions import db
from registry.services import (
    changelog,
    integrations,
    inventory,
    management,
)
from tests.registry.builders import (
    audit_record,
    certificate_record,
    network_record,
    newest_entry,
    reference_entry,
    service_bus_record,
    stored_columns,
)

# --- the other records with a delete button -------------------------------------------------


# --- the pages: ask first -------------------------------------------------------------------


def _post_forms(html):
    """The action of every form that posts, on a page."""
    return re.findall(r'<form[^>]*method="post"[^>]*action="([^"]+)"', html)


def test_the_application_page_links_to_confirmations_instead_of_posting(client, auth,
                                                                       make_application):
    app = make_application()
    auth.login("architect")
    page = client.get(f"/inventory/applications/{app.id}").text
    posts = _post_forms(page)
    assert f"/inventory/applications/{app.id}/retire" not in posts
    assert f"/inventory/applications/{app.id}/delete" not in posts
    assert f'href="/inventory/applications/{app.id}/retire"' in page
    assert f'href="/inventory/applications/{app.id}/delete"' in page


def test_the_retire_confirmation_names_the_links_it_ends_and_changes_nothing(client, auth,
                                                                            linked):
    app, partner, link_ids = linked
    auth.login("architect")
    before = stored_columns(models.Application, app.id)
    page = client.get(f"/inventory/applications/{app.id}/retire")
    assert page.status_code == 200
    assert "Sistem Informasi Kepegawaian" in page.text
    assert "2 tautan integrasi ikut dihentikan" in page.text
    assert "Portal Layanan" in page.text
    assert "Arsip Digital" in page.text
    assert f"/inventory/applications/{app.id}/retire" in _post_forms(page.text)
    assert 'name="csrf_token"' in page.text
    assert f'name="version" value="{app.version}"' in page.text
    assert stored_columns(models.Application, app.id) == before
    assert stored_columns(models.IntegrationLink, link_ids[0])["status"].value == "active"


def test_the_delete_confirmation_is_shown_before_any_change(client, auth, full_application):
    auth.login("architect")
    page = client.get(f"/inventory/applications/{full_application.id}/delete")
    assert page.status_code == 200
    assert "Sistem Informasi Kepegawaian" in page.text
    assert "SIMPEG" in page.text
    assert f"/inventory/applications/{full_application.id}/delete" in _post_forms(page.text)
    assert db.session.get(models.Application, full_application.id) is not None


def test_a_confirmation_page_is_refused_to_who_may_not_do_it(client, auth, make_application):
    app = make_application()
    auth.login("viewer")
    assert client.get(f"/inventory/applications/{app.id}/retire").status_code == 403
    assert client.get(f"/inventory/applications/{app.id}/delete").status_code == 403


def test_the_delete_confirmation_of_an_application_in_use_says_retire_instead(client, auth,
                                                                             linked):
    app, _partner, _links = linked
    auth.login("architect")
    page = client.get(f"/inventory/applications/{app.id}/delete")
    assert page.status_code == 409
    assert "pensiunkan" in page.text.lower()


def test_the_posts_stay_protected_by_csrf(app, client, auth, make_application):
    record = make_application()
    auth.login("architect")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post(f"/inventory/applications/{record.id}/delete").status_code == 400
        assert client.post(f"/inventory/applications/{record.id}/retire").status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert db.session.get(models.Application, record.id) is not None


def _other_confirmations(agency, unit, other_unit, centers, make_application):
    app = make_application()
    review = management.record_review(app.id, {"reviewed_on": date(2025, 1, 1),
                                               "reviewer": "Inspektorat"}, actor=None)
    link = integrations.create_link({"provider_id": app.id,
                                     "consumer_id": make_application().id,
                                     "channel": "service_bus", "status": "active"}, actor=None)
    network = network_record(agency, unit, other_unit)
    return {
        f"/inventory/applications/{app.id}/reviews/{review.id}/delete": "Inspektorat",
        f"/architecture/audits/{audit_record(agency).id}/delete": "Pusat Data Provinsi",
        f"/architecture/reference/{reference_entry(agency).id}/delete": "RAL.02.03",
        f"/architecture/networks/{network.id}/delete": "2 OPD",
        f"/architecture/service-buses/{service_bus_record(agency, centers).id}/delete":
            "SPLP Provinsi",
        f"/architecture/data-centers/{centers[1].id}/delete": "Pusat Data Nasional",
        f"/talent/{certificate_record(agency, unit).id}/delete": "Siti Aminah",
        f"/integrations/links/{link.id}/retire": "Sistem Informasi Uji",
    }


def test_every_other_delete_or_retire_asks_first(client, auth, agency, unit, other_unit,
                                                centers, make_application):
    pages = _other_confirmations(agency, unit, other_unit, centers, make_application)
    auth.login("architect")
    counts = {t.name: db.session.scalar(select(db.func.count()).select_from(t))
              for t in db.metadata.sorted_tables if t.name != "change_log"}
    logged = changelog.count()
    for path, name in pages.items():
        page = client.get(path)
        assert page.status_code == 200, path
        assert name in page.text, path
        assert path in _post_forms(page.text), path
    assert changelog.count() == logged  # nothing written by looking
    assert counts == {t.name: db.session.scalar(select(db.func.count()).select_from(t))
                      for t in db.metadata.sorted_tables if t.name != "change_log"}


def test_the_undo_link_after_a_confirmed_delete_restores_that_delete(
        client, auth, agency, unit, other_unit, centers, make_application):
    pages = _other_confirmations(agency, unit, other_unit, centers, make_application)
    auth.login("architect")
    deletes = [p for p in pages if p.startswith("/architecture/") and p.endswith("/delete")]
    assert len(deletes) >= 3  # a reference entry, an audit, an infrastructure record
    for path in deletes:
        done = client.post(path, data={}, follow_redirects=True)
        assert done.status_code == 200, path
        entry = re.search(r'href="/changes/(\d+)/restore"', done.text)
        assert entry, path
        logged = db.session.get(models.ChangeLog, int(entry.group(1)))
        assert logged.action == models.ChangeAction.DELETE, path


def test_no_page_posts_a_delete_or_retire_directly(client, auth, agency, unit, other_unit,
                                                  centers, make_application):
    _other_confirmations(agency, unit, other_unit, centers, make_application)
    auth.login("architect")
    app_id = db.session.scalar(select(models.Application.id).limit(1))
    network_id = db.session.scalar(select(models.Network.id))
    cert_id = db.session.scalar(select(models.StaffCertificate.id))
    audit_id = db.session.scalar(select(models.AuditRecord.id))
    link_id = db.session.scalar(select(models.IntegrationLink.id))
    for path in (f"/inventory/applications/{app_id}", f"/architecture/networks/{network_id}/edit",
                 f"/talent/{cert_id}/edit", f"/architecture/audits/{audit_id}/edit",
                 f"/architecture/reference?agency={agency.id}",
                 f"/integrations/links/{link_id}"):
        page = client.get(path)
        assert page.status_code == 200, path
        direct = [a for a in _post_forms(page.text) if re.search(r"/(delete|retire)$", a)]
        assert direct == [], path


# --- the pages: restore from the change log -------------------------------------------------


def test_the_change_log_offers_restore_to_an_architect_and_the_restore_page_does_it(
        client, auth, full_application, make_user):
    inventory.delete_application(full_application.id, actor=make_user("architect", suffix="a"))
    entry = newest_entry("applications", full_application.id)
    auth.login("architect")
    feed = client.get("/changes/").text
    assert f'href="/changes/{entry.id}/restore"' in feed
    page = client.get(f"/changes/{entry.id}/restore")
    assert page.status_code == 200
    assert "Sistem Informasi Kepegawaian" in page.text
    assert f"/changes/{entry.id}/restore" in _post_forms(page.text)
    assert stored_columns(models.Application, full_application.id) is None  # asking changed nothing

    refused = client.post(f"/changes/{entry.id}/restore", data={"reason": ""})
    assert refused.status_code == 422
    done = client.post(f"/changes/{entry.id}/restore", data={"reason": "Salah hapus"})
    assert done.status_code == 302
    assert done.headers["Location"].endswith(f"/inventory/applications/{full_application.id}")
    shown = client.get(done.headers["Location"]).text
    assert "Salah hapus" in shown  # the restore, with its reason, in the record's history
    assert "memulihkan" in shown


def test_the_history_of_a_retired_application_offers_restore(client, auth, linked, make_user):
    app, _partner, link_ids = linked
    inventory.retire_application(app.id, actor=make_user("architect", suffix="a"),
                                 expected_version=app.version)
    entry = newest_entry("applications", app.id)
    auth.login("architect")
    page = client.get(f"/inventory/applications/{app.id}").text
    assert f'href="/changes/{entry.id}/restore"' in page
    confirm = client.get(f"/changes/{entry.id}/restore")
    assert "2 tautan integrasi" in confirm.text
    assert client.post(f"/changes/{entry.id}/restore",
                       data={"reason": "Masih dipakai"}).status_code == 302
    assert stored_columns(models.IntegrationLink, link_ids[0])["status"].value == "active"
    again = client.get(f"/inventory/applications/{app.id}").text
    assert f'href="/changes/{entry.id}/restore"' not in again  # nothing left to restore


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
def test_readers_are_not_offered_restore_and_cannot_post_it(client, auth, full_application,
                                                           make_user, role):
    inventory.delete_application(full_application.id, actor=make_user("architect", suffix="a"))
    entry = newest_entry("applications", full_application.id)
    auth.login(role)
    assert f"/changes/{entry.id}/restore" not in client.get("/changes/").text
    assert client.get(f"/changes/{entry.id}/restore").status_code == 403
    assert client.post(f"/changes/{entry.id}/restore",
                       data={"reason": "Salah hapus"}).status_code == 403
    assert stored_columns(models.Application, full_application.id) is None


def test_another_opds_operator_is_not_offered_restore(client, auth, make_application, make_user,
                                                      other_unit):
    app = make_application()
    inventory.retire_application(app.id, actor=make_user("architect", suffix="a"),
                                 expected_version=app.version)
    entry = newest_entry("applications", app.id)
    auth.login("opd_operator", suffix="x", unit_id=other_unit.id)
    page = client.get(f"/inventory/applications/{app.id}").text
    assert f"/changes/{entry.id}/restore" not in page
    assert client.post(f"/changes/{entry.id}/restore",
                       data={"reason": "Masih dipakai"}).status_code == 403


def test_the_restore_page_says_409_when_the_code_was_reused(client, auth, full_application,
                                                            make_user, make_application):
    inventory.delete_application(full_application.id, actor=make_user("architect", suffix="a"))
    entry = newest_entry("applications", full_application.id)
    make_application(code="SIMPEG", name="Pengganti")
    auth.login("architect")
    page = client.get(f"/changes/{entry.id}/restore")
    assert page.status_code == 409
    assert "SIMPEG" in page.text
    assert f"/changes/{entry.id}/restore" not in _post_forms(page.text)
    posted = client.post(f"/changes/{entry.id}/restore", data={"reason": "Salah hapus"})
    assert posted.status_code == 409
    assert f'href="/changes/{entry.id}/restore"' not in client.get("/changes/").text


def test_the_restore_post_is_protected_by_csrf(app, client, auth, full_application, make_user):
    inventory.delete_application(full_application.id, actor=make_user("architect", suffix="a"))
    entry = newest_entry("applications", full_application.id)
    auth.login("architect")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post(f"/changes/{entry.id}/restore",
                           data={"reason": "Salah hapus"}).status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert stored_columns(models.Application, full_application.id) is None


def test_the_delete_flash_offers_the_undo(client, auth, make_application):
    app = make_application(name="Aplikasi Coba Hapus")
    auth.login("architect")
    response = client.post(f"/inventory/applications/{app.id}/delete", follow_redirects=True)
    entry = newest_entry("applications", app.id)
    assert "Aplikasi Coba Hapus" in response.text
    assert f'href="/changes/{entry.id}/restore"' in response.text
