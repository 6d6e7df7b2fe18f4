"""Peta Rencana through the service: initiatives with yearly lines, validation, versions."""

import pytest
from sqlalchemy import func, select

from registry import models
from registry.errors import ConflictError, ValidationFailedError
from registry.extensions import db
from registry.services import changelog, roadmap
from tests.registry.builders import initiative_body


def _count():
    return db.session.scalar(select(func.count()).select_from(models.Initiative))


def test_initiative_is_created_with_its_years_and_logged(unit):
    initiative = roadmap.create_initiative(initiative_body(unit), actor=None)
    assert [y.year for y in initiative.years] == [2025, 2026]
    assert str(initiative.years[0].amount) == "250000000.00"
    [entry] = changelog.history("initiatives", initiative.id)
    assert entry.after["years"][1]["target"] == "25 aplikasi"


@pytest.mark.parametrize(("change", "field"), [
    ({"years": [{"year": 2031}]}, "years.0.year"),
    ({"years": [{"year": 2025, "amount": -1}]}, "years.0.amount"),
    ({"end_year": 2031}, "end_year"),
    ({"owner_unit_id": 9999}, "owner_unit_id"),
    ({"indicators": [99]}, "indicators"),
    ({"elements": [{"application_id": 9999, "action": "build"}]}, "elements"),
])
def test_bad_initiatives_are_refused_naming_the_field(unit, change, field):
    with pytest.raises(ValidationFailedError) as caught:
        roadmap.create_initiative(initiative_body(unit) | change, actor=None)
    assert field in caught.value.errors
    assert _count() == 0


def test_duplicate_code_and_stale_edit(unit):
    first = roadmap.create_initiative(initiative_body(unit), actor=None)
    with pytest.raises(ValidationFailedError):
        roadmap.create_initiative(initiative_body(unit), actor=None)
    roadmap.update_initiative(first.id, {"status": "ongoing"}, actor=None, expected_version=1)
    with pytest.raises(ConflictError):
        roadmap.update_initiative(first.id, {"status": "delayed"}, actor=None,
                                  expected_version=1)


def test_updating_years_replaces_them_and_bumps_the_version(unit):
    initiative = roadmap.create_initiative(initiative_body(unit), actor=None)
    roadmap.update_initiative(initiative.id, {"years": [{"year": 2027, "target": "Semua"}]},
                              actor=None, expected_version=1)
    db.session.refresh(initiative)
    assert [y.year for y in initiative.years] == [2027]
    assert initiative.version == 2


def test_timeline_lists_each_year_of_each_window(unit):
    roadmap.create_initiative(initiative_body(unit, start_year=2025, end_year=2026,
                                              years=[{"year": 2025, "target": "A"}]), actor=None)
    by_year = roadmap.timeline(roadmap.list_initiatives(roadmap.InitiativeFilters()))
    assert list(by_year) == [2025, 2026]
    assert by_year[2025][0][1].target == "A"
    assert by_year[2026][0][1] is None
