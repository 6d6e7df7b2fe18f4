"""Peta Rencana pages: the form, the timeline and the initiative page."""


from registry import models
from registry.extensions import db
from registry.services import roadmap
from tests.registry.builders import initiative_body


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
    assert bad.status_code == 422
    assert "di luar jendela 2025-2026" in bad.text


def test_initiative_page_lists_the_applications_it_touches(client, auth, unit, make_application):
    app = make_application(name="e-Office Lama")
    initiative = roadmap.create_initiative(
        initiative_body(unit, elements=[{"application_id": app.id, "action": "retire"}]),
        actor=None)
    auth.login("viewer")
    page = client.get(f"/architecture/roadmap/{initiative.id}").text
    assert "Dipensiunkan" in page
    assert "e-Office Lama" in page


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
