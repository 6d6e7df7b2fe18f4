"""The application write path: rules, permissions, change log, stale edits."""

from datetime import date

import pytest
from sqlalchemy import select

from registry import models
from registry.errors import ConflictError, PermissionDeniedError, ValidationFailedError
from registry.extensions import db
from registry.services import changelog, inventory


def _data(unit, **overrides):
    return {"code": "SIMPEG", "name": "Sistem Informasi Kepegawaian", "owner_unit_id": unit.id,
            "kind": "khusus", "lifecycle": "production"} | overrides


def test_create_application_logs_the_creation_with_its_values(unit, make_user):
    architect = make_user("architect")
    app = inventory.create_application(_data(unit), actor=architect)
    [entry] = changelog.history("applications", app.id)
    assert entry.action == models.ChangeAction.CREATE
    assert entry.actor_id == architect.id
    assert entry.after["code"] == "SIMPEG"
    assert entry.after["owner_unit_id"] == unit.id
    assert entry.before is None


def test_application_inherits_its_agency_from_the_owner_unit(unit, agency):
    app = inventory.create_application(_data(unit), actor=None)
    assert app.agency_id == agency.id


def test_duplicate_code_in_the_agency_is_refused_and_nothing_is_written(unit):
    inventory.create_application(_data(unit), actor=None)
    with pytest.raises(ValidationFailedError) as caught:
        inventory.create_application(_data(unit, name="Lain"), actor=None)
    assert "code" in caught.value.errors
    assert db.session.scalar(select(db.func.count()).select_from(models.Application)) == 1


def test_unknown_unit_and_hosting_are_named_in_the_errors(unit):
    with pytest.raises(ValidationFailedError) as caught:
        inventory.create_application(_data(unit, owner_unit_id=9999, hosting_id=8888), actor=None)
    assert set(caught.value.errors) == {"owner_unit_id", "hosting_id"}


def test_reference_code_is_normalised_on_input(unit):
    app = inventory.create_application(_data(unit, reference_code="raa.2.2.1"), actor=None)
    assert app.reference_code == "RAA.02.02.01"


def test_reference_code_of_another_architecture_is_refused(unit):
    with pytest.raises(ValidationFailedError) as caught:
        inventory.create_application(_data(unit, reference_code="RAL.02.03"), actor=None)
    assert "RAA" in caught.value.errors["reference_code"][0]


def test_retirement_before_start_is_refused(unit):
    with pytest.raises(ValidationFailedError) as caught:
        inventory.create_application(
            _data(unit, started_on=date(2024, 1, 1), retired_on=date(2023, 1, 1)), actor=None
        )
    assert "retired_on" in caught.value.errors


def test_update_logs_before_and_after_of_the_changed_fields(make_application, make_user):
    app = make_application(name="Lama")
    architect = make_user("architect")
    inventory.update_application(app.id, {"name": "Baru"}, actor=architect,
                                 expected_version=app.version)
    latest = changelog.history("applications", app.id)[0]
    assert latest.action == models.ChangeAction.UPDATE
    assert latest.before["name"] == "Lama"
    assert latest.after["name"] == "Baru"
    assert latest.changed_fields == ["name"]


def test_an_edit_made_on_a_stale_version_is_refused(make_application):
    app = make_application()
    first_version = app.version
    inventory.update_application(app.id, {"name": "Satu"}, actor=None,
                                 expected_version=first_version)
    with pytest.raises(ConflictError):
        inventory.update_application(app.id, {"name": "Dua"}, actor=None,
                                     expected_version=first_version)
    assert db.session.get(models.Application, app.id).name == "Satu"


def test_an_edit_without_a_version_is_refused(make_application):
    app = make_application()
    with pytest.raises(ValidationFailedError) as caught:
        inventory.update_application(app.id, {"name": "X"}, actor=None, expected_version=None)
    assert "version" in caught.value.errors


def test_retiring_an_application_retires_its_links(make_application):
    provider, consumer = make_application(), make_application()
    with db.session.begin_nested():
        db.session.add(models.IntegrationLink(
            agency_id=provider.agency_id, provider_id=provider.id, consumer_id=consumer.id,
            channel="service_bus", status="active"))
    db.session.commit()
    inventory.retire_application(provider.id, actor=None)
    link = db.session.scalars(select(models.IntegrationLink)).one()
    assert provider.lifecycle.value == "retired"
    assert provider.retired_on is not None
    assert link.status.value == "retired"
    assert any(c.object_type == "integration_links" for c in changelog.feed().items)


def test_retiring_twice_is_a_conflict(make_application):
    app = make_application()
    inventory.retire_application(app.id, actor=None)
    with pytest.raises(ConflictError):
        inventory.retire_application(app.id, actor=None)


def test_delete_logs_the_values_it_removed(make_application, make_user):
    app = make_application(name="Salah Input")
    inventory.delete_application(app.id, actor=make_user("admin"))
    assert db.session.get(models.Application, app.id) is None
    [entry] = [c for c in changelog.history("applications", app.id) if c.action.value == "delete"]
    assert entry.before["name"] == "Salah Input"
    assert entry.after is None


def test_an_application_with_links_cannot_be_deleted(make_application):
    a, b = make_application(), make_application()
    db.session.add(models.IntegrationLink(agency_id=a.agency_id, provider_id=a.id,
                                          consumer_id=b.id, channel="direct_api"))
    db.session.commit()
    with pytest.raises(ConflictError):
        inventory.delete_application(a.id, actor=None)


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
def test_readers_cannot_create_applications(role, unit, make_user):
    with pytest.raises(PermissionDeniedError):
        inventory.create_application(_data(unit), actor=make_user(role))


def test_operator_creates_no_application_directly(unit, other_unit, make_user):
    # an OPD proposes one through the new-application request and its duplicate check
    operator = make_user("opd_operator")
    for owner in (unit, other_unit):
        with pytest.raises(PermissionDeniedError):
            inventory.create_application(_data(owner, code="X1"), actor=operator)


def test_operator_cannot_edit_or_move_away_another_units_application(
    make_application, other_unit, make_user
):
    mine = make_application()
    theirs = make_application(owner_unit_id=other_unit.id)
    operator = make_user("opd_operator")
    with pytest.raises(PermissionDeniedError):
        inventory.update_application(theirs.id, {"name": "x"}, actor=operator,
                                     expected_version=theirs.version)
    with pytest.raises(PermissionDeniedError):
        inventory.update_application(mine.id, {"owner_unit_id": other_unit.id}, actor=operator,
                                     expected_version=mine.version)


def test_list_filters_by_search_kind_and_integration(make_application, unit):
    simpeg = make_application(name="SIMPEG", acronym="SIMPEG", kind="khusus")
    srikandi = make_application(name="SRIKANDI", kind="umum", description="Kearsipan dinamis")
    make_application(name="Lainnya")
    db.session.add(models.IntegrationLink(agency_id=simpeg.agency_id, provider_id=simpeg.id,
                                          consumer_id=srikandi.id, channel="service_bus",
                                          status="active"))
    db.session.commit()
    names = lambda f: [r.name for r in inventory.list_applications(f).items]  # noqa: E731
    assert names(inventory.ApplicationFilters(q="kearsipan")) == ["SRIKANDI"]
    assert names(inventory.ApplicationFilters(kind="umum")) == ["SRIKANDI"]
    assert names(inventory.ApplicationFilters(integrated=True)) == ["SIMPEG", "SRIKANDI"]
    assert names(inventory.ApplicationFilters(integrated=False)) == ["Lainnya"]
    assert names(inventory.ApplicationFilters(sort="-name")) == ["SRIKANDI", "SIMPEG", "Lainnya"]


def test_hyperlink_only_does_not_count_as_integrated(make_application):
    a, b = make_application(), make_application()
    db.session.add(models.IntegrationLink(agency_id=a.agency_id, provider_id=a.id,
                                          consumer_id=b.id, channel="hyperlink", status="active"))
    db.session.commit()
    assert not inventory.is_integrated(a.id)


def test_list_pages_count_all_rows(make_application):
    for _ in range(7):
        make_application()
    page = inventory.list_applications(inventory.ApplicationFilters(), page=2, per_page=3)
    assert (len(page.items), page.total, page.pages, page.has_next) == (3, 7, 3, True)


def _active_link(provider, consumer):
    with db.session.begin_nested():
        db.session.add(models.IntegrationLink(
            agency_id=provider.agency_id, provider_id=provider.id, consumer_id=consumer.id,
            channel="service_bus", status="active"))
    db.session.commit()


def test_retiring_through_an_edit_retires_its_links_too(make_application):
    """Issue 16: the lifecycle edit is a path to retirement like the retire button."""
    provider, consumer = make_application(), make_application()
    _active_link(provider, consumer)
    inventory.update_application(provider.id, {"lifecycle": "retired"}, actor=None,
                                 expected_version=provider.version)
    link = db.session.scalars(select(models.IntegrationLink)).one()
    assert link.status.value == "retired"
    assert provider.retired_on is not None
    assert changelog.history("integration_links", link.id)[0].after["status"] == "retired"


def test_codes_are_unique_whatever_their_case(agency, unit, make_application):
    """Issue 17.8: app-0001 beside APP-0001, or OPD dinkes beside DINKES, is refused."""
    from registry.services import organisation

    make_application(code="APP-0001")
    with pytest.raises(ValidationFailedError) as error:
        make_application(code=" app-0001 ")
    assert "code" in error.value.errors
    with pytest.raises(ValidationFailedError) as error:
        organisation.create_unit({"agency_id": agency.id, "code": unit.code.lower(),
                                  "name": "Kembar"}, actor=None)
    assert "code" in getattr(error.value, "errors", {})
