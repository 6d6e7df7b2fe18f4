"""Issue 19.3: delete and retire ask first, and the change log restores what they ended.

Every delete or retire button leads to a confirmation page (plain GET, no JavaScript) that
names the record and what else the action touches; only its POST changes anything. The
change-log entry of a delete or a retirement offers "Pulihkan" to those who may write the
record, which brings it back with the same id and values, and re-activates the links the
retirement ended, compared here column by column; a restore that can no longer be exact is
refused with a 409.
"""

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import inspect, select

from registry import models
from registry.errors import ConflictError, PermissionDeniedError, ValidationFailedError
from registry.extensions import db
from registry.services import (
    changelog,
    infrastructure,
    integrations,
    inventory,
    management,
    reference,
    talent,
)
from registry.services import restore as restore_service

#: what a restore may change in a row: the moment and the lock counter of its own write
WRITE_BOOKKEEPING = {"updated_at", "version"}


def _columns(model, obj_id):
    """Every column of the row as stored now (read afresh from the database)."""
    db.session.expire_all()
    obj = db.session.get(model, obj_id)
    if obj is None:
        return None
    return {attr.key: getattr(obj, attr.key) for attr in inspect(model).column_attrs}


def _without(values, keys=WRITE_BOOKKEEPING):
    return {k: v for k, v in values.items() if k not in keys}


def _newest(object_type, object_id):
    return changelog.history(object_type, object_id, limit=1)[0]


@pytest.fixture
def centers(agency):
    own = infrastructure.create_record(models.DataCenter, {
        "agency_id": agency.id, "code": "DC-PROV", "name": "Pusat Data Provinsi",
        "kind": "own", "tier": 3}, actor=None)
    pdn = infrastructure.create_record(models.DataCenter, {
        "agency_id": agency.id, "code": "PDN", "name": "Pusat Data Nasional", "kind": "pdn"},
        actor=None)
    return own, pdn


@pytest.fixture
def full_application(make_application, centers, make_user):
    """An application with a value in every column a person can fill, confirmed once."""
    own, pdn = centers
    app = make_application(
        code="SIMPEG", name="Sistem Informasi Kepegawaian", acronym="SIMPEG",
        description="Data pegawai", kind="khusus", lifecycle="production",
        started_on=date(2021, 3, 1), reference_code="RAA.02.02.01", hosting_id=own.id,
        backup_hosting_id=pdn.id, service_codes=["RAL.02.03"], data_codes=["RAD.01.01"],
        url="https://simpeg.contohprov.go.id", consulted_ict_unit_on=date(2020, 11, 2),
        ict_controlled=True, published=True, last_review_on=date(2025, 5, 5),
        review_followup="SK 12/2025", service_indicator=33)
    # a second write, so version and created_at differ from a fresh row's
    checker = make_user("architect", suffix="checker")
    inventory.update_application(app.id, {"description": "Data seluruh pegawai"},
                                 actor=checker, expected_version=app.version)
    row = db.session.get(models.Application, app.id)
    row.confirmed_at = datetime(2026, 2, 3, 4, 5, 6, tzinfo=UTC)
    row.confirmed_by_id = checker.id
    db.session.commit()
    return db.session.get(models.Application, app.id)


@pytest.fixture
def linked(full_application, make_application, other_unit):
    """The application with three links: active, proposed and one retired long ago."""
    partner = make_application(code="PORTAL", name="Portal Layanan",
                               owner_unit_id=other_unit.id)
    spare = make_application(code="ARSIP", name="Arsip Digital")
    active = integrations.create_link({
        "provider_id": full_application.id, "consumer_id": partner.id,
        "channel": "service_bus", "status": "active", "data_exchanged": "Data pegawai",
        "protocol": "REST/JSON", "agreement_ref": "PKS 1/2025",
        "direction": "bidirectional"}, actor=None)
    proposed = integrations.create_link({
        "provider_id": spare.id, "consumer_id": full_application.id,
        "channel": "direct_api", "status": "proposed", "data_exchanged": "Arsip"}, actor=None)
    old = integrations.create_link({
        "provider_id": full_application.id, "consumer_id": spare.id,
        "channel": "file_transfer", "status": "retired"}, actor=None)
    return full_application, partner, [active.id, proposed.id, old.id]


# --- the service: delete, then restore ------------------------------------------------------


def test_delete_then_restore_brings_the_application_back_column_by_column(
        full_application, make_user):
    architect = make_user("architect")
    original = _columns(models.Application, full_application.id)
    inventory.delete_application(full_application.id, actor=architect)
    assert _columns(models.Application, full_application.id) is None
    entry = _newest("applications", full_application.id)
    assert entry.action == models.ChangeAction.DELETE

    restore_service.restore_change(entry.id, actor=architect, reason="Terhapus tidak sengaja")

    restored = _columns(models.Application, full_application.id)
    assert _without(restored) == _without(original)  # same id, code, dates, creation time
    assert restored["version"] == original["version"] + 1  # the restore is a write too


def test_the_delete_entry_keeps_what_a_restore_needs(full_application, make_user):
    original = _columns(models.Application, full_application.id)
    inventory.delete_application(full_application.id, actor=make_user("architect"))
    entry = _newest("applications", full_application.id)
    assert entry.before["created_at"] == original["created_at"].isoformat()
    assert entry.before["version"] == original["version"]
    assert entry.before["code"] == "SIMPEG"


def test_the_restore_is_logged_with_its_reason(full_application, make_user):
    architect = make_user("architect")
    inventory.delete_application(full_application.id, actor=architect)
    entry = _newest("applications", full_application.id)
    restore_service.restore_change(entry.id, actor=architect, reason="Terhapus tidak sengaja")
    logged = _newest("applications", full_application.id)
    assert logged.id != entry.id
    assert logged.action == models.ChangeAction.CREATE
    assert logged.reason == "Terhapus tidak sengaja"
    assert logged.after["restored_from"] == entry.id
    assert logged.actor_id == architect.id


def test_a_restore_needs_a_reason(full_application, make_user):
    architect = make_user("architect")
    inventory.delete_application(full_application.id, actor=architect)
    entry = _newest("applications", full_application.id)
    with pytest.raises(ValidationFailedError) as caught:
        restore_service.restore_change(entry.id, actor=architect, reason="  ")
    assert "reason" in caught.value.errors
    assert _columns(models.Application, full_application.id) is None


def test_restore_is_refused_when_a_new_application_took_the_code(full_application, make_user,
                                                                  make_application):
    architect = make_user("architect")
    inventory.delete_application(full_application.id, actor=architect)
    entry = _newest("applications", full_application.id)
    newcomer = make_application(code="simpeg", name="Sistem Kepegawaian Baru")
    with pytest.raises(ConflictError, match="SIMPEG|simpeg"):
        restore_service.restore_change(entry.id, actor=architect, reason="Salah hapus")
    assert db.session.get(models.Application, newcomer.id).name == "Sistem Kepegawaian Baru"


def test_a_deleted_record_is_restored_once(full_application, make_user):
    architect = make_user("architect")
    inventory.delete_application(full_application.id, actor=architect)
    entry = _newest("applications", full_application.id)
    restore_service.restore_change(entry.id, actor=architect, reason="Salah hapus")
    with pytest.raises(ConflictError):
        restore_service.restore_change(entry.id, actor=architect, reason="Sekali lagi")


# --- the service: retire, then restore ------------------------------------------------------


def test_retire_then_restore_brings_the_application_and_its_links_back(linked, make_user):
    app, _partner, link_ids = linked
    architect = make_user("architect")
    app_before = _columns(models.Application, app.id)
    links_before = {i: _columns(models.IntegrationLink, i) for i in link_ids}

    inventory.retire_application(app.id, actor=architect, expected_version=app.version)
    assert {_columns(models.IntegrationLink, i)["status"].value for i in link_ids} == {"retired"}
    entry = _newest("applications", app.id)

    restore_service.restore_change(entry.id, actor=architect, reason="Masih dipakai")

    assert _without(_columns(models.Application, app.id)) == _without(app_before)
    for link_id, before in links_before.items():
        assert _without(_columns(models.IntegrationLink, link_id)) == _without(before)
    # the link retired long before was not touched by either write
    assert _columns(models.IntegrationLink, link_ids[2]) == links_before[link_ids[2]]


def test_the_retire_entry_names_the_links_it_ended_and_their_statuses(linked, make_user):
    app, _partner, (active, proposed, _old) = linked
    inventory.retire_application(app.id, actor=make_user("architect"),
                                 expected_version=app.version)
    entry = _newest("applications", app.id)
    assert sorted(entry.before["integration_links"], key=lambda x: x["id"]) == [
        {"id": active, "status": "active"}, {"id": proposed, "status": "proposed"}]
    assert {x["status"] for x in entry.after["integration_links"]} == {"retired"}


def test_retiring_through_the_edit_form_is_restorable_too(linked, make_user):
    app, _partner, link_ids = linked
    architect = make_user("architect")
    app_before = _columns(models.Application, app.id)
    inventory.update_application(app.id, {"lifecycle": "retired"}, actor=architect,
                                 expected_version=app.version)
    entry = _newest("applications", app.id)
    restore_service.restore_change(entry.id, actor=architect, reason="Salah pilih")
    assert _without(_columns(models.Application, app.id)) == _without(app_before)
    assert _columns(models.IntegrationLink, link_ids[0])["status"].value == "active"


def test_restore_is_refused_when_the_application_changed_since(linked, make_user):
    app, _partner, link_ids = linked
    architect = make_user("architect")
    retired = inventory.retire_application(app.id, actor=architect,
                                           expected_version=app.version)
    entry = _newest("applications", app.id)
    inventory.update_application(app.id, {"description": "Diganti"}, actor=architect,
                                 expected_version=retired.version)
    with pytest.raises(ConflictError):
        restore_service.restore_change(entry.id, actor=architect, reason="Masih dipakai")
    assert _columns(models.Application, app.id)["lifecycle"].value == "retired"
    assert _columns(models.IntegrationLink, link_ids[0])["status"].value == "retired"


def test_restore_is_refused_when_a_partner_was_retired_since(linked, make_user):
    app, partner, link_ids = linked
    architect = make_user("architect")
    inventory.retire_application(app.id, actor=architect, expected_version=app.version)
    entry = _newest("applications", app.id)
    inventory.retire_application(partner.id, actor=architect)
    with pytest.raises(ConflictError, match="Portal Layanan"):
        restore_service.restore_change(entry.id, actor=architect, reason="Masih dipakai")
    assert _columns(models.Application, app.id)["lifecycle"].value == "retired"


def test_retire_then_restore_of_one_link(linked, make_user):
    app, _partner, (active, _proposed, _old) = linked
    architect = make_user("architect")
    before = _columns(models.IntegrationLink, active)
    integrations.retire_link(active, actor=architect, expected_version=before["version"])
    assert _columns(models.IntegrationLink, active)["status"].value == "retired"
    entry = _newest("integration_links", active)
    restore_service.restore_change(entry.id, actor=architect, reason="Masih bertukar data")
    assert _without(_columns(models.IntegrationLink, active)) == _without(before)


# --- the service: who may restore -----------------------------------------------------------


@pytest.mark.parametrize("who", ["viewer", "reviewer", "other_operator", "own_operator"])
def test_only_those_who_may_delete_restore_a_deleted_application(full_application, make_user,
                                                                  other_unit, who):
    inventory.delete_application(full_application.id, actor=make_user("architect"))
    entry = _newest("applications", full_application.id)
    actor = {"viewer": lambda: make_user("viewer"),
             "reviewer": lambda: make_user("reviewer"),
             "other_operator": lambda: make_user("opd_operator", suffix="o",
                                                 unit_id=other_unit.id),
             "own_operator": lambda: make_user("opd_operator", suffix="own")}[who]()
    with pytest.raises(PermissionDeniedError):
        restore_service.restore_change(entry.id, actor=actor, reason="Salah hapus")
    assert _columns(models.Application, full_application.id) is None


@pytest.mark.parametrize("role", ["viewer", "reviewer", "other_operator"])
def test_a_viewer_or_another_opds_operator_cannot_restore_a_retirement(linked, make_user,
                                                                        other_unit, role):
    app, _partner, _links = linked
    inventory.retire_application(app.id, actor=make_user("architect"),
                                 expected_version=app.version)
    entry = _newest("applications", app.id)
    actor = (make_user("opd_operator", suffix="o", unit_id=other_unit.id)
             if role == "other_operator" else make_user(role))
    with pytest.raises(PermissionDeniedError):
        restore_service.restore_change(entry.id, actor=actor, reason="Masih dipakai")
    assert _columns(models.Application, app.id)["lifecycle"].value == "retired"


def test_the_owning_opds_operator_restores_its_retired_application(make_application,
                                                                   make_user):
    app = make_application()
    operator = make_user("opd_operator")
    inventory.retire_application(app.id, actor=operator, expected_version=app.version)
    entry = _newest("applications", app.id)
    restore_service.restore_change(entry.id, actor=operator, reason="Masih dipakai")
    assert _columns(models.Application, app.id)["lifecycle"].value == "production"


def test_a_create_or_an_ordinary_edit_has_nothing_to_restore(make_application, make_user):
    app = make_application()
    entry = _newest("applications", app.id)
    with pytest.raises(Exception) as caught:
        restore_service.restore_change(entry.id, actor=make_user("architect"), reason="x")
    assert getattr(caught.value, "status_code", None) == 404


# --- the other records with a delete button -------------------------------------------------


def _audit(agency):
    return management.create_audit({
        "agency_id": agency.id, "type": "security", "object_name": "Pusat Data Provinsi",
        "performed_on": date(2026, 1, 10), "auditor_kind": "external_certified",
        "auditor_name": "BSSN", "conclusion": "Memadai", "findings": "2 temuan",
        "follow_up": "Ditutup", "followed_up": True}, actor=None)


def _network(agency, unit, other_unit):
    return infrastructure.create_record(models.Network, {
        "agency_id": agency.id, "code": "INTRA", "name": "Jaringan Intra Pemprov",
        "connected_to_jip": True, "unit_ids": [unit.id, other_unit.id]}, actor=None)


def _service_bus(agency, centers):
    return infrastructure.create_record(models.ServiceBus, {
        "agency_id": agency.id, "code": "ESB", "name": "SPLP Provinsi",
        "connected_to_splp": True, "data_center_id": centers[0].id}, actor=None)


def _certificate(agency, unit):
    return talent.create_certificate({
        "unit_id": unit.id, "person_name": "Siti Aminah", "employee_number": "19800101",
        "position": "Pranata Komputer", "competence": "Keamanan informasi",
        "certificate": "CISSP", "issuer": "ISC2", "number": "C-1",
        "issued_on": date(2024, 1, 1), "expires_on": date(2027, 1, 1)}, actor=None)


def _entry(agency):
    return reference.create_entry({"agency_id": agency.id, "code": "RAL.02.03",
                                   "name": "Layanan kepegawaian",
                                   "description": "Dari katalog nasional"}, actor=None)


RECORDS = {
    "audit": (models.AuditRecord, lambda f: _audit(f["agency"]),
              lambda obj, actor: management.delete_audit(obj.id, actor=actor)),
    "network": (models.Network, lambda f: _network(f["agency"], f["unit"], f["other_unit"]),
                lambda obj, actor: infrastructure.delete_record(models.Network, obj.id,
                                                                actor=actor)),
    "service_bus": (models.ServiceBus, lambda f: _service_bus(f["agency"], f["centers"]),
                    lambda obj, actor: infrastructure.delete_record(models.ServiceBus, obj.id,
                                                                    actor=actor)),
    "data_center": (models.DataCenter, lambda f: infrastructure.create_record(
        models.DataCenter, {"agency_id": f["agency"].id, "code": "DC-2", "name": "Ruang 2",
                            "kind": "opd_server_room", "tier": 1, "location": "Lt 2",
                            "uses_pdn": True, "sop_ref": "SOP 3"}, actor=None),
                    lambda obj, actor: infrastructure.delete_record(models.DataCenter, obj.id,
                                                                    actor=actor)),
    "reference_entry": (models.ReferenceEntry, lambda f: _entry(f["agency"]),
                        lambda obj, actor: reference.delete_entry(obj.id, actor=actor)),
    "certificate": (models.StaffCertificate, lambda f: _certificate(f["agency"], f["unit"]),
                    lambda obj, actor: talent.delete_certificate(obj.id, actor=actor)),
}


@pytest.mark.parametrize("kind", sorted(RECORDS))
def test_delete_then_restore_of_other_records(kind, agency, unit, other_unit, centers,
                                              make_user):
    model, create, delete = RECORDS[kind]
    obj = create({"agency": agency, "unit": unit, "other_unit": other_unit,
                  "centers": centers})
    architect = make_user("architect")
    original = _columns(model, obj.id)
    units = sorted(u.id for u in obj.units) if model is models.Network else None
    delete(obj, architect)
    assert _columns(model, obj.id) is None
    entry = _newest(model.__tablename__, obj.id)
    restore_service.restore_change(entry.id, actor=architect, reason="Salah hapus")
    restored = _columns(model, obj.id)
    assert _without(restored) == _without(original)
    assert restored["version"] == original["version"] + 1
    if units is not None:
        assert sorted(u.id for u in db.session.get(model, obj.id).units) == units


def test_restoring_a_review_makes_it_the_applications_last_review_again(make_application,
                                                                       make_user):
    app = make_application()
    architect = make_user("architect")
    management.record_review(app.id, {"reviewed_on": date(2024, 2, 2), "reviewer": "Inspektorat",
                                      "followup_document": "SK 1/2024"}, actor=architect)
    newest = management.record_review(app.id, {
        "reviewed_on": date(2025, 6, 1), "reviewer": "Diskominfo", "outcome": "Baik",
        "followup_document": "SK 9/2025"}, actor=architect)
    review_before = _columns(models.ApplicationReview, newest.id)
    app_before = _columns(models.Application, app.id)
    management.delete_review(newest.id, actor=architect)
    assert _columns(models.Application, app.id)["last_review_on"] == date(2024, 2, 2)
    entry = _newest("application_reviews", newest.id)
    restore_service.restore_change(entry.id, actor=architect, reason="Salah hapus")
    assert _without(_columns(models.ApplicationReview, newest.id)) == _without(review_before)
    assert _without(_columns(models.Application, app.id)) == _without(app_before)


def test_a_network_is_not_restored_once_one_of_its_opds_is_gone(agency, unit, other_unit,
                                                               make_user):
    network = _network(agency, unit, other_unit)
    architect = make_user("architect")
    infrastructure.delete_record(models.Network, network.id, actor=architect)
    entry = _newest("networks", network.id)
    db.session.delete(db.session.get(models.Unit, other_unit.id))
    db.session.commit()
    with pytest.raises(ConflictError):
        restore_service.restore_change(entry.id, actor=architect, reason="Salah hapus")


def test_a_certificate_is_restored_by_its_opds_operator_not_by_another(agency, unit, other_unit,
                                                                      make_user):
    cert = _certificate(agency, unit)
    own = make_user("opd_operator", suffix="own")
    talent.delete_certificate(cert.id, actor=own)
    entry = _newest("staff_certificates", cert.id)
    stranger = make_user("opd_operator", suffix="x", unit_id=other_unit.id)
    with pytest.raises(PermissionDeniedError):
        restore_service.restore_change(entry.id, actor=stranger, reason="Salah hapus")
    restore_service.restore_change(entry.id, actor=own, reason="Salah hapus")
    assert db.session.get(models.StaffCertificate, cert.id) is not None


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
    before = _columns(models.Application, app.id)
    page = client.get(f"/inventory/applications/{app.id}/retire")
    assert page.status_code == 200
    assert "Sistem Informasi Kepegawaian" in page.text
    assert "2 tautan integrasi ikut dihentikan" in page.text
    assert "Portal Layanan" in page.text and "Arsip Digital" in page.text
    assert f"/inventory/applications/{app.id}/retire" in _post_forms(page.text)
    assert 'name="csrf_token"' in page.text and f'name="version" value="{app.version}"' in page.text
    assert _columns(models.Application, app.id) == before
    assert _columns(models.IntegrationLink, link_ids[0])["status"].value == "active"


def test_the_delete_confirmation_is_shown_before_any_change(client, auth, full_application):
    auth.login("architect")
    page = client.get(f"/inventory/applications/{full_application.id}/delete")
    assert page.status_code == 200
    assert "Sistem Informasi Kepegawaian" in page.text and "SIMPEG" in page.text
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
    network = _network(agency, unit, other_unit)
    return {
        f"/inventory/applications/{app.id}/reviews/{review.id}/delete": "Inspektorat",
        f"/architecture/audits/{_audit(agency).id}/delete": "Pusat Data Provinsi",
        f"/architecture/reference/{_entry(agency).id}/delete": "RAL.02.03",
        f"/architecture/networks/{network.id}/delete": "2 OPD",
        f"/architecture/service-buses/{_service_bus(agency, centers).id}/delete":
            "SPLP Provinsi",
        f"/architecture/data-centers/{centers[1].id}/delete": "Pusat Data Nasional",
        f"/talent/{_certificate(agency, unit).id}/delete": "Siti Aminah",
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
    entry = _newest("applications", full_application.id)
    auth.login("architect")
    feed = client.get("/changes/").text
    assert f'href="/changes/{entry.id}/restore"' in feed
    page = client.get(f"/changes/{entry.id}/restore")
    assert page.status_code == 200
    assert "Sistem Informasi Kepegawaian" in page.text
    assert f"/changes/{entry.id}/restore" in _post_forms(page.text)
    assert _columns(models.Application, full_application.id) is None  # asking changed nothing

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
    entry = _newest("applications", app.id)
    auth.login("architect")
    page = client.get(f"/inventory/applications/{app.id}").text
    assert f'href="/changes/{entry.id}/restore"' in page
    confirm = client.get(f"/changes/{entry.id}/restore")
    assert "2 tautan integrasi" in confirm.text
    assert client.post(f"/changes/{entry.id}/restore",
                       data={"reason": "Masih dipakai"}).status_code == 302
    assert _columns(models.IntegrationLink, link_ids[0])["status"].value == "active"
    again = client.get(f"/inventory/applications/{app.id}").text
    assert f'href="/changes/{entry.id}/restore"' not in again  # nothing left to restore


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
def test_readers_are_not_offered_restore_and_cannot_post_it(client, auth, full_application,
                                                           make_user, role):
    inventory.delete_application(full_application.id, actor=make_user("architect", suffix="a"))
    entry = _newest("applications", full_application.id)
    auth.login(role)
    assert f"/changes/{entry.id}/restore" not in client.get("/changes/").text
    assert client.get(f"/changes/{entry.id}/restore").status_code == 403
    assert client.post(f"/changes/{entry.id}/restore",
                       data={"reason": "Salah hapus"}).status_code == 403
    assert _columns(models.Application, full_application.id) is None


def test_another_opds_operator_is_not_offered_restore(client, auth, make_application, make_user,
                                                      other_unit):
    app = make_application()
    inventory.retire_application(app.id, actor=make_user("architect", suffix="a"),
                                 expected_version=app.version)
    entry = _newest("applications", app.id)
    auth.login("opd_operator", suffix="x", unit_id=other_unit.id)
    page = client.get(f"/inventory/applications/{app.id}").text
    assert f"/changes/{entry.id}/restore" not in page
    assert client.post(f"/changes/{entry.id}/restore",
                       data={"reason": "Masih dipakai"}).status_code == 403


def test_the_restore_page_says_409_when_the_code_was_reused(client, auth, full_application,
                                                            make_user, make_application):
    inventory.delete_application(full_application.id, actor=make_user("architect", suffix="a"))
    entry = _newest("applications", full_application.id)
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
    entry = _newest("applications", full_application.id)
    auth.login("architect")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post(f"/changes/{entry.id}/restore",
                           data={"reason": "Salah hapus"}).status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert _columns(models.Application, full_application.id) is None


def test_the_delete_flash_offers_the_undo(client, auth, make_application):
    app = make_application(name="Aplikasi Coba Hapus")
    auth.login("architect")
    response = client.post(f"/inventory/applications/{app.id}/delete", follow_redirects=True)
    entry = _newest("applications", app.id)
    assert "Aplikasi Coba Hapus" in response.text
    assert f'href="/changes/{entry.id}/restore"' in response.text


def test_a_retirement_logged_without_its_links_is_not_offered(make_application, make_user):
    """An entry written before retirements named their links cannot say which to re-activate."""
    app = make_application()
    inventory.retire_application(app.id, actor=None, expected_version=app.version)
    entry = _newest("applications", app.id)
    entry.before = {k: v for k, v in entry.before.items() if k != "integration_links"}
    db.session.commit()
    assert restore_service.kind_of(entry) is None
    assert restore_service.restorable_ids([entry], make_user("architect")) == set()
