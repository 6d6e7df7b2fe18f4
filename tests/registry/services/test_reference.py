"""Reference codes through the services: the catalogue, and the codes an application carries."""

import pytest

from registry import models
from registry.errors import ValidationFailedError
from registry.extensions import db
from registry.services import inventory, reference


def test_catalogue_normalises_codes_and_refuses_duplicates(agency):
    entry = reference.create_entry({"agency_id": agency.id, "code": "ral.2.3.2",
                                    "name": "Layanan kepegawaian"}, actor=None)
    assert entry.code == "RAL.02.03.02"
    assert entry.prefix == "RAL"
    with pytest.raises(ValidationFailedError) as caught:
        reference.create_entry({"agency_id": agency.id, "code": "RAL.02.03.02", "name": "x"},
                               actor=None)
    assert "code" in caught.value.errors
    with pytest.raises(ValidationFailedError):
        reference.create_entry({"agency_id": agency.id, "code": "XYZ.1", "name": "x"},
                               actor=None)
    assert reference.counts_by_prefix(agency.id) == {"RAB": 0, "RAD": 0, "RAL": 1, "RAA": 0,
                                                     "RAI": 0, "RAK": 0}


def test_application_codes_are_normalised_and_checked(unit, agency):
    backup = models.DataCenter(agency_id=agency.id, code="DR", name="DRC", kind="cloud")
    db.session.add(backup)
    db.session.commit()
    app = inventory.create_application(
        {"code": "A1", "name": "SIMPEG", "owner_unit_id": unit.id,
         "service_codes": ["ral.2.3.2", "RAL.02.03.02"], "data_codes": ["Rad.4.1"],
         "backup_hosting_id": backup.id}, actor=None)
    assert app.service_codes == ["RAL.02.03.02"]
    assert app.data_codes == ["RAD.04.01"]
    assert app.backup_hosting_id == backup.id
    with pytest.raises(ValidationFailedError) as caught:
        inventory.create_application({"code": "A2", "name": "X", "owner_unit_id": unit.id,
                                      "service_codes": ["RAD.01"], "backup_hosting_id": 999},
                                     actor=None)
    assert set(caught.value.errors) == {"service_codes", "backup_hosting_id"}
