"""Issue 19.3 in the services: the change log restores what a delete or a retirement ended.

Every delete or retire button leads to a confirmation page (plain GET, no JavaScript) that
names the record and what else the action touches; only its POST changes anything. The
change-log entry of a delete or a retirement offers "Pulihkan" to those who may write the
record, which brings it back with the same id and values, and re-activates the links the
retirement ended, compared here column by column; a restore that can no longer be exact is
refused with a 409.
"""

from datetime import date

import pytest

from registry import models
from registry.errors import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailedError,
)
from registry.extensions import db
from registry.services import (
    infrastructure,
    integrations,
    inventory,
    management,
    reference,
    talent,
)
from registry.services import restore as restore_service
from tests.registry.builders import (
    audit_record,
    certificate_record,
    network_record,
    newest_entry,
    reference_entry,
    service_bus_record,
    stored_columns,
)

#: what a restore may change in a row: the moment and the lock counter of its own write
WRITE_BOOKKEEPING = {"updated_at", "version"}


def _without(values, keys=WRITE_BOOKKEEPING):
    return {k: v for k, v in values.items() if k not in keys}


# --- the service: delete, then restore ------------------------------------------------------


def test_delete_then_restore_brings_the_application_back_column_by_column(
        full_application, make_user):
    architect = make_user("architect")
    original = stored_columns(models.Application, full_application.id)
    inventory.delete_application(full_application.id, actor=architect)
    assert stored_columns(models.Application, full_application.id) is None
    entry = newest_entry("applications", full_application.id)
    assert entry.action == models.ChangeAction.DELETE

    restore_service.restore_change(entry.id, actor=architect, reason="Terhapus tidak sengaja")

    restored = stored_columns(models.Application, full_application.id)
    assert _without(restored) == _without(original)  # same id, code, dates, creation time
    assert restored["version"] == original["version"] + 1  # the restore is a write too


def test_the_delete_entry_keeps_what_a_restore_needs(full_application, make_user):
    original = stored_columns(models.Application, full_application.id)
    inventory.delete_application(full_application.id, actor=make_user("architect"))
    entry = newest_entry("applications", full_application.id)
    assert entry.before["created_at"] == original["created_at"].isoformat()
    assert entry.before["version"] == original["version"]
    assert entry.before["code"] == "SIMPEG"


def test_the_restore_is_logged_with_its_reason(full_application, make_user):
    architect = make_user("architect")
    inventory.delete_application(full_application.id, actor=architect)
    entry = newest_entry("applications", full_application.id)
    restore_service.restore_change(entry.id, actor=architect, reason="Terhapus tidak sengaja")
    logged = newest_entry("applications", full_application.id)
    assert logged.id != entry.id
    assert logged.action == models.ChangeAction.CREATE
    assert logged.reason == "Terhapus tidak sengaja"
    assert logged.after["restored_from"] == entry.id
    assert logged.actor_id == architect.id


def test_a_restore_needs_a_reason(full_application, make_user):
    architect = make_user("architect")
    inventory.delete_application(full_application.id, actor=architect)
    entry = newest_entry("applications", full_application.id)
    with pytest.raises(ValidationFailedError) as caught:
        restore_service.restore_change(entry.id, actor=architect, reason="  ")
    assert "reason" in caught.value.errors
    assert stored_columns(models.Application, full_application.id) is None


def test_restore_is_refused_when_a_new_application_took_the_code(full_application, make_user,
                                                                  make_application):
    architect = make_user("architect")
    inventory.delete_application(full_application.id, actor=architect)
    entry = newest_entry("applications", full_application.id)
    newcomer = make_application(code="simpeg", name="Sistem Kepegawaian Baru")
    with pytest.raises(ConflictError, match="SIMPEG|simpeg"):
        restore_service.restore_change(entry.id, actor=architect, reason="Salah hapus")
    assert db.session.get(models.Application, newcomer.id).name == "Sistem Kepegawaian Baru"


def test_a_deleted_record_is_restored_once(full_application, make_user):
    architect = make_user("architect")
    inventory.delete_application(full_application.id, actor=architect)
    entry = newest_entry("applications", full_application.id)
    restore_service.restore_change(entry.id, actor=architect, reason="Salah hapus")
    with pytest.raises(ConflictError):
        restore_service.restore_change(entry.id, actor=architect, reason="Sekali lagi")


# --- the service: retire, then restore ------------------------------------------------------


def test_retire_then_restore_brings_the_application_and_its_links_back(linked, make_user):
    app, _partner, link_ids = linked
    architect = make_user("architect")
    app_before = stored_columns(models.Application, app.id)
    links_before = {i: stored_columns(models.IntegrationLink, i) for i in link_ids}

    inventory.retire_application(app.id, actor=architect, expected_version=app.version)
    statuses = {stored_columns(models.IntegrationLink, i)["status"].value for i in link_ids}
    assert statuses == {"retired"}
    entry = newest_entry("applications", app.id)

    restore_service.restore_change(entry.id, actor=architect, reason="Masih dipakai")

    assert _without(stored_columns(models.Application, app.id)) == _without(app_before)
    for link_id, before in links_before.items():
        assert _without(stored_columns(models.IntegrationLink, link_id)) == _without(before)
    # the link retired long before was not touched by either write
    assert stored_columns(models.IntegrationLink, link_ids[2]) == links_before[link_ids[2]]


def test_the_retire_entry_names_the_links_it_ended_and_their_statuses(linked, make_user):
    app, _partner, (active, proposed, _old) = linked
    inventory.retire_application(app.id, actor=make_user("architect"),
                                 expected_version=app.version)
    entry = newest_entry("applications", app.id)
    assert sorted(entry.before["integration_links"], key=lambda x: x["id"]) == [
        {"id": active, "status": "active"}, {"id": proposed, "status": "proposed"}]
    assert {x["status"] for x in entry.after["integration_links"]} == {"retired"}


def test_retiring_through_the_edit_form_is_restorable_too(linked, make_user):
    app, _partner, link_ids = linked
    architect = make_user("architect")
    app_before = stored_columns(models.Application, app.id)
    inventory.update_application(app.id, {"lifecycle": "retired"}, actor=architect,
                                 expected_version=app.version)
    entry = newest_entry("applications", app.id)
    restore_service.restore_change(entry.id, actor=architect, reason="Salah pilih")
    assert _without(stored_columns(models.Application, app.id)) == _without(app_before)
    assert stored_columns(models.IntegrationLink, link_ids[0])["status"].value == "active"


def test_restore_is_refused_when_the_application_changed_since(linked, make_user):
    app, _partner, link_ids = linked
    architect = make_user("architect")
    retired = inventory.retire_application(app.id, actor=architect,
                                           expected_version=app.version)
    entry = newest_entry("applications", app.id)
    inventory.update_application(app.id, {"description": "Diganti"}, actor=architect,
                                 expected_version=retired.version)
    with pytest.raises(ConflictError):
        restore_service.restore_change(entry.id, actor=architect, reason="Masih dipakai")
    assert stored_columns(models.Application, app.id)["lifecycle"].value == "retired"
    assert stored_columns(models.IntegrationLink, link_ids[0])["status"].value == "retired"


def test_restore_is_refused_when_a_partner_was_retired_since(linked, make_user):
    app, partner, link_ids = linked
    architect = make_user("architect")
    inventory.retire_application(app.id, actor=architect, expected_version=app.version)
    entry = newest_entry("applications", app.id)
    inventory.retire_application(partner.id, actor=architect)
    with pytest.raises(ConflictError, match="Portal Layanan"):
        restore_service.restore_change(entry.id, actor=architect, reason="Masih dipakai")
    assert stored_columns(models.Application, app.id)["lifecycle"].value == "retired"


def test_retire_then_restore_of_one_link(linked, make_user):
    app, _partner, (active, _proposed, _old) = linked
    architect = make_user("architect")
    before = stored_columns(models.IntegrationLink, active)
    integrations.retire_link(active, actor=architect, expected_version=before["version"])
    assert stored_columns(models.IntegrationLink, active)["status"].value == "retired"
    entry = newest_entry("integration_links", active)
    restore_service.restore_change(entry.id, actor=architect, reason="Masih bertukar data")
    assert _without(stored_columns(models.IntegrationLink, active)) == _without(before)


# --- the service: who may restore -----------------------------------------------------------


@pytest.mark.parametrize("who", ["viewer", "reviewer", "other_operator", "own_operator"])
def test_only_those_who_may_delete_restore_a_deleted_application(full_application, make_user,
                                                                  other_unit, who):
    inventory.delete_application(full_application.id, actor=make_user("architect"))
    entry = newest_entry("applications", full_application.id)
    actor = {"viewer": lambda: make_user("viewer"),
             "reviewer": lambda: make_user("reviewer"),
             "other_operator": lambda: make_user("opd_operator", suffix="o",
                                                 unit_id=other_unit.id),
             "own_operator": lambda: make_user("opd_operator", suffix="own")}[who]()
    with pytest.raises(PermissionDeniedError):
        restore_service.restore_change(entry.id, actor=actor, reason="Salah hapus")
    assert stored_columns(models.Application, full_application.id) is None


@pytest.mark.parametrize("role", ["viewer", "reviewer", "other_operator"])
def test_a_viewer_or_another_opds_operator_cannot_restore_a_retirement(linked, make_user,
                                                                        other_unit, role):
    app, _partner, _links = linked
    inventory.retire_application(app.id, actor=make_user("architect"),
                                 expected_version=app.version)
    entry = newest_entry("applications", app.id)
    actor = (make_user("opd_operator", suffix="o", unit_id=other_unit.id)
             if role == "other_operator" else make_user(role))
    with pytest.raises(PermissionDeniedError):
        restore_service.restore_change(entry.id, actor=actor, reason="Masih dipakai")
    assert stored_columns(models.Application, app.id)["lifecycle"].value == "retired"


def test_the_owning_opds_operator_restores_its_retired_application(make_application,
                                                                   make_user):
    app = make_application()
    operator = make_user("opd_operator")
    inventory.retire_application(app.id, actor=operator, expected_version=app.version)
    entry = newest_entry("applications", app.id)
    restore_service.restore_change(entry.id, actor=operator, reason="Masih dipakai")
    assert stored_columns(models.Application, app.id)["lifecycle"].value == "production"


def test_a_create_or_an_ordinary_edit_has_nothing_to_restore(make_application, make_user):
    app = make_application()
    entry = newest_entry("applications", app.id)
    with pytest.raises(NotFoundError) as caught:
        restore_service.restore_change(entry.id, actor=make_user("architect"), reason="x")
    assert getattr(caught.value, "status_code", None) == 404


# --- the other records with a delete button -------------------------------------------------


RECORDS = {
    "audit": (models.AuditRecord, lambda f: audit_record(f["agency"]),
              lambda obj, actor: management.delete_audit(obj.id, actor=actor)),
    "network": (models.Network, lambda f: network_record(f["agency"], f["unit"], f["other_unit"]),
                lambda obj, actor: infrastructure.delete_record(models.Network, obj.id,
                                                                actor=actor)),
    "service_bus": (models.ServiceBus, lambda f: service_bus_record(f["agency"], f["centers"]),
                    lambda obj, actor: infrastructure.delete_record(models.ServiceBus, obj.id,
                                                                    actor=actor)),
    "data_center": (models.DataCenter, lambda f: infrastructure.create_record(
        models.DataCenter, {"agency_id": f["agency"].id, "code": "DC-2", "name": "Ruang 2",
                            "kind": "opd_server_room", "tier": 1, "location": "Lt 2",
                            "uses_pdn": True, "sop_ref": "SOP 3"}, actor=None),
                    lambda obj, actor: infrastructure.delete_record(models.DataCenter, obj.id,
                                                                    actor=actor)),
    "reference_entry": (models.ReferenceEntry, lambda f: reference_entry(f["agency"]),
                        lambda obj, actor: reference.delete_entry(obj.id, actor=actor)),
    "certificate": (models.StaffCertificate, lambda f: certificate_record(f["agency"], f["unit"]),
                    lambda obj, actor: talent.delete_certificate(obj.id, actor=actor)),
}


@pytest.mark.parametrize("kind", sorted(RECORDS))
def test_delete_then_restore_of_other_records(kind, agency, unit, other_unit, centers,
                                              make_user):
    model, create, delete = RECORDS[kind]
    obj = create({"agency": agency, "unit": unit, "other_unit": other_unit,
                  "centers": centers})
    architect = make_user("architect")
    original = stored_columns(model, obj.id)
    units = sorted(u.id for u in obj.units) if model is models.Network else None
    delete(obj, architect)
    assert stored_columns(model, obj.id) is None
    entry = newest_entry(model.__tablename__, obj.id)
    restore_service.restore_change(entry.id, actor=architect, reason="Salah hapus")
    restored = stored_columns(model, obj.id)
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
    review_before = stored_columns(models.ApplicationReview, newest.id)
    app_before = stored_columns(models.Application, app.id)
    management.delete_review(newest.id, actor=architect)
    assert stored_columns(models.Application, app.id)["last_review_on"] == date(2024, 2, 2)
    entry = newest_entry("application_reviews", newest.id)
    restore_service.restore_change(entry.id, actor=architect, reason="Salah hapus")
    assert _without(stored_columns(models.ApplicationReview, newest.id)) == _without(review_before)
    assert _without(stored_columns(models.Application, app.id)) == _without(app_before)


def test_a_network_is_not_restored_once_one_of_its_opds_is_gone(agency, unit, other_unit,
                                                               make_user):
    network = network_record(agency, unit, other_unit)
    architect = make_user("architect")
    infrastructure.delete_record(models.Network, network.id, actor=architect)
    entry = newest_entry("networks", network.id)
    db.session.delete(db.session.get(models.Unit, other_unit.id))
    db.session.commit()
    with pytest.raises(ConflictError):
        restore_service.restore_change(entry.id, actor=architect, reason="Salah hapus")


def test_a_certificate_is_restored_by_its_opds_operator_not_by_another(agency, unit, other_unit,
                                                                      make_user):
    cert = certificate_record(agency, unit)
    own = make_user("opd_operator", suffix="own")
    talent.delete_certificate(cert.id, actor=own)
    entry = newest_entry("staff_certificates", cert.id)
    stranger = make_user("opd_operator", suffix="x", unit_id=other_unit.id)
    with pytest.raises(PermissionDeniedError):
        restore_service.restore_change(entry.id, actor=stranger, reason="Salah hapus")
    restore_service.restore_change(entry.id, actor=own, reason="Salah hapus")
    assert db.session.get(models.StaffCertificate, cert.id) is not None


def test_a_retirement_logged_without_its_links_is_not_offered(make_application, make_user):
    """An entry written before retirements named their links cannot say which to re-activate."""
    app = make_application()
    inventory.retire_application(app.id, actor=None, expected_version=app.version)
    entry = newest_entry("applications", app.id)
    entry.before = {k: v for k, v in entry.before.items() if k != "integration_links"}
    db.session.commit()
    assert restore_service.kind_of(entry) is None
    assert restore_service.restorable_ids([entry], make_user("architect")) == set()
