"""ICT management through the service: areas, audits, reviews and who may record them."""

from datetime import date

import pytest

from registry.errors import ConflictError, PermissionDeniedError, ValidationFailedError
from registry.extensions import db
from registry.services import changelog, management


def test_catalogue_lists_eight_areas_and_three_audits(agency):
    rows = management.areas_of(agency.id)
    assert len(rows) == 11
    assert all(record is None for *_rest, record in rows)
    assert [indicator for _k, _n, indicator, _r in rows] == list(range(21, 32))


def test_saving_an_area_creates_then_updates_with_versions(agency):
    first = management.save_area(agency.id, "ict_assets", {"status": "planned"}, actor=None)
    assert first.version == 1
    management.save_area(agency.id, "ict_assets", {"status": "guided",
                                                   "guideline_ref": "Pergub 12/2025"},
                         actor=None, expected_version=1)
    with pytest.raises(ConflictError):
        management.save_area(agency.id, "ict_assets", {"status": "reviewed"}, actor=None,
                             expected_version=1)
    actions = [c.action.value for c in changelog.history("management_areas", first.id)]
    assert actions == ["update", "create"]


def test_unknown_area_is_refused(agency):
    with pytest.raises(ValidationFailedError) as caught:
        management.save_area(agency.id, "astrology", {"status": "planned"}, actor=None)
    assert "area" in caught.value.errors


def test_a_newer_review_becomes_the_applications_last_review(make_application):
    app = make_application()
    management.record_review(app.id, {"reviewed_on": date(2026, 3, 1), "reviewer": "Tim TIK",
                                      "followup_document": "SK 555/7/2026"}, actor=None)
    management.record_review(app.id, {"reviewed_on": date(2025, 3, 1), "reviewer": "Lama"},
                             actor=None)
    db.session.refresh(app)
    assert app.last_review_on == date(2026, 3, 1)
    assert app.review_followup == "SK 555/7/2026"
    assert [r.reviewer for r in management.reviews_of(app.id)] == ["Tim TIK", "Lama"]


@pytest.mark.parametrize("role", ["viewer", "reviewer", "opd_operator"])
def test_readers_cannot_record_management_facts(agency, make_application, make_user, role):
    actor = make_user(role)
    with pytest.raises(PermissionDeniedError):
        management.save_area(agency.id, "data", {"status": "planned"}, actor=actor)
    with pytest.raises(PermissionDeniedError):
        management.record_review(make_application().id,
                                 {"reviewed_on": date(2026, 1, 1), "reviewer": "x"}, actor=actor)
