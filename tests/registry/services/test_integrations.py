"""Integration-link rules: no self-link, known apps, no duplicate, nothing new to retired."""

import pytest

from registry.errors import ConflictError, PermissionDeniedError, ValidationFailedError
from registry.services import changelog, integrations, inventory


@pytest.fixture
def pair(make_application):
    return make_application(name="SIMPEG"), make_application(name="e-Kinerja")


def _link(provider, consumer, **overrides):
    return {"provider_id": provider.id, "consumer_id": consumer.id, "channel": "service_bus",
            "data_exchanged": "Data pegawai", "status": "active"} | overrides


def test_link_is_created_and_logged(pair):
    link = integrations.create_link(_link(*pair), actor=None)
    assert str(link) == "SIMPEG → e-Kinerja"
    assert changelog.history("integration_links", link.id)[0].action.value == "create"


def test_self_link_is_refused(pair):
    with pytest.raises(ValidationFailedError) as caught:
        integrations.create_link(_link(pair[0], pair[0]), actor=None)
    assert "consumer_id" in caught.value.errors


def test_unknown_applications_are_named(pair):
    with pytest.raises(ValidationFailedError) as caught:
        integrations.create_link({"provider_id": 9998, "consumer_id": 9999,
                                  "channel": "direct_api"}, actor=None)
    assert set(caught.value.errors) == {"provider_id", "consumer_id"}


def test_duplicate_active_link_is_refused_but_other_data_is_allowed(pair):
    integrations.create_link(_link(*pair), actor=None)
    with pytest.raises(ValidationFailedError) as caught:
        integrations.create_link(_link(*pair), actor=None)
    assert "data_exchanged" in caught.value.errors
    assert integrations.create_link(_link(*pair, data_exchanged="Data jabatan"), actor=None)
    assert integrations.create_link(_link(*pair, channel="direct_api"), actor=None)


def test_new_link_to_a_retired_application_is_refused(pair):
    inventory.retire_application(pair[1].id, actor=None)
    with pytest.raises(ValidationFailedError) as caught:
        integrations.create_link(_link(*pair), actor=None)
    assert "consumer_id" in caught.value.errors


def test_activating_a_duplicate_by_update_is_refused(pair):
    integrations.create_link(_link(*pair), actor=None)
    proposed = integrations.create_link(_link(*pair, status="proposed"), actor=None)
    with pytest.raises(ValidationFailedError):
        integrations.update_link(proposed.id, {"status": "active"}, actor=None,
                                 expected_version=proposed.version)


def test_stale_link_edit_is_a_conflict(pair):
    link = integrations.create_link(_link(*pair), actor=None)
    integrations.update_link(link.id, {"protocol": "REST"}, actor=None, expected_version=1)
    with pytest.raises(ConflictError):
        integrations.update_link(link.id, {"protocol": "SOAP"}, actor=None, expected_version=1)


def test_operator_links_only_its_own_units_applications(make_application, other_unit,
                                                        make_user):
    theirs_a = make_application(owner_unit_id=other_unit.id)
    theirs_b = make_application(owner_unit_id=other_unit.id)
    mine, mine_too = make_application(), make_application()
    operator = make_user("opd_operator")
    with pytest.raises(PermissionDeniedError):
        integrations.create_link(_link(theirs_a, theirs_b), actor=operator)
    # one side another OPD's: that OPD approves it through a link request (issue 17.6)
    with pytest.raises(PermissionDeniedError):
        integrations.create_link(_link(mine, theirs_a), actor=operator)
    assert integrations.create_link(_link(mine, mine_too), actor=operator).id


def test_list_filters_by_channel_and_application(pair, make_application):
    other = make_application(name="SIPD")
    integrations.create_link(_link(*pair), actor=None)
    integrations.create_link(_link(pair[0], other, channel="direct_api"), actor=None)
    by_channel = integrations.list_links(integrations.LinkFilters(channel="direct_api"))
    by_app = integrations.list_links(integrations.LinkFilters(application_id=pair[1].id))
    assert [str(link) for link in by_channel.items] == ["SIMPEG → SIPD"]
    assert [str(link) for link in by_app.items] == ["SIMPEG → e-Kinerja"]
