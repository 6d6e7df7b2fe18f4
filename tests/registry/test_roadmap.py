"""Peta Rencana: initiatives with yearly lines, through the service, the API and the pages."""

import pytest
from sqlalchemy import func, select

from registry import models
from registry.errors import ConflictError, ValidationFailedError
from registry.extensions import db
from registry.services import changelog, roadmap


def _body(unit, **overrides):
    return {"code": "PR-01", "title": "Integrasi aplikasi lewat SPLP", "content_area": "aplikasi",
            "owner_unit_id": unit.id, "indicators": [18], "start_year": 2025, "end_year": 2029,
            "years": [{"year": 2025, "target": "10 aplikasi", "program_code": "2.16.03",
                       "amount": "250000000"},
                      {"year": 2026, "target": "25 aplikasi", "amount": 400000000}]} | overrides


def _count():
    return db.session.scalar(select(func.count()).select_from(models.Initiative))


def test_initiative_is_created_with_its_years_and_logged(unit):
    initiative = roadmap.create_initiative(_body(unit), actor=None)
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
        roadmap.create_initiative(_body(unit) | change, actor=None)
    assert field in caught.value.errors
    assert _count() == 0


def test_duplicate_code_and_stale_edit(unit):
    first = roadmap.create_initiative(_body(unit), actor=None)
    with pytest.raises(ValidationFailedError):
        roadmap.create_initiative(_body(unit), actor=None)
    roadmap.update_initiative(first.id, {"status": "ongoing"}, actor=None, expected_version=1)
    with pytest.raises(ConflictError):
        roadmap.update_initiative(first.id, {"status": "delayed"}, actor=None,
                                  expected_version=1)


def test_updating_years_replaces_them_and_bumps_the_version(unit):
    initiative = roadmap.create_initiative(_body(unit), actor=None)
    roadmap.update_initiative(initiative.id, {"years": [{"year": 2027, "target": "Semua"}]},
                              actor=None, expected_version=1)
    db.session.refresh(initiative)
    assert [y.year for y in initiative.years] == [2027] and initiative.version == 2


def test_timeline_lists_each_year_of_each_window(unit):
    roadmap.create_initiative(_body(unit, start_year=2025, end_year=2026,
                                    years=[{"year": 2025, "target": "A"}]), actor=None)
    by_year = roadmap.timeline(roadmap.list_initiatives(roadmap.InitiativeFilters()))
    assert list(by_year) == [2025, 2026]
    assert by_year[2025][0][1].target == "A" and by_year[2026][0][1] is None


def test_api_create_filter_and_errors(client, unit, token_for):
    headers = token_for("architect")
    created = client.post("/api/v1/initiatives", headers=headers, json=_body(unit))
    assert created.status_code == 201, created.json
    assert created.json["years"][0]["amount"] == 250000000.0
    assert len(client.get("/api/v1/initiatives?year=2027", headers=headers).json) == 1
    assert client.get("/api/v1/initiatives?year=2031", headers=headers).json == []
    bad = client.post("/api/v1/initiatives", headers=headers,
                      json=_body(unit, code="PR-02", content_area="sihir",
                                 years=[{"year": 2025, "amount": "banyak"}]))
    assert bad.status_code == 422
    assert "content_area" in bad.json["errors"] and "years" in bad.json["errors"]


@pytest.mark.parametrize(("role", "status"), [("architect", 201), ("opd_operator", 201),
                                              ("viewer", 403), ("reviewer", 403)])
def test_api_create_by_role(client, unit, token_for, role, status):
    response = client.post("/api/v1/initiatives", headers=token_for(role), json=_body(unit))
    assert response.status_code == status


def test_form_timeline_and_detail_pages(client, auth, unit):
    auth.login("architect")
    response = client.post("/architecture/roadmap/new", data={
        "code": "PR-9", "title": "Pusat data terpadu", "content_area": "infrastruktur",
        "owner_unit_id": str(unit.id), "start_year": "2025", "end_year": "2027",
        "indicators": "16, 17", "years-0-year": "2025", "years-0-target": "Migrasi 20 aplikasi",
        "years-0-amount": "1500000000", "years-1-year": "", "years-1-target": ""})
    assert response.status_code == 302, response.text
    assert "Migrasi 20 aplikasi" in client.get("/architecture/roadmap/timeline").text
    assert "Pusat data terpadu" in client.get("/architecture/roadmap").text
    bad = client.post("/architecture/roadmap/new", data={
        "code": "PR-10", "title": "X", "content_area": "aplikasi", "owner_unit_id": str(unit.id),
        "start_year": "2025", "end_year": "2026", "years-0-year": "2030",
        "years-0-target": "Di luar"})
    assert bad.status_code == 422 and "di luar jendela 2025-2026" in bad.text


def test_initiative_page_lists_the_applications_it_touches(client, auth, unit, make_application):
    app = make_application(name="e-Office Lama")
    initiative = roadmap.create_initiative(
        _body(unit, elements=[{"application_id": app.id, "action": "retire"}]), actor=None)
    auth.login("viewer")
    page = client.get(f"/architecture/roadmap/{initiative.id}").text
    assert "Dipensiunkan" in page and "e-Office Lama" in page


def test_form_records_the_applications_an_initiative_retires(client, auth, unit,
                                                             make_application):
    old = make_application(name="e-Office")
    auth.login("architect")
    response = client.post("/architecture/roadmap/new", data={
        "code": "PR-20", "title": "Migrasi SRIKANDI", "content_area": "aplikasi",
        "owner_unit_id": str(unit.id), "start_year": "2025", "end_year": "2026",
        "elements-retire": [str(old.id)]})
    assert response.status_code == 302
    initiative = db.session.query(models.Initiative).one()
    assert initiative.elements == [{"application_id": old.id, "action": "retire"}]
    edit = client.get(f"/architecture/roadmap/{initiative.id}/edit").text
    assert f'<option value="{old.id}" selected>' in edit
