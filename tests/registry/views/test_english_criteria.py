"""With the English interface, the instrument's criteria, the computed explanations and the
blockers' reasons and fixes read in English (issue 19, item 7); explanations stored before
they kept their parameters still show as they were written."""

import pytest
from flask_babel import refresh

from registry.extensions import db
from registry.services import assessments

YEAR = 2025


@pytest.fixture
def opened(agency, make_application):
    make_application(consulted_ict_unit_on=None)
    return assessments.open_assessment(agency.id, YEAR, actor=None)


def _english(client):
    client.get("/auth/language/en?next=/")
    refresh()  # the tests keep one app context: forget the locale an earlier page cached


def test_the_indicator_page_reads_in_english(client, auth, opened):
    auth.login("viewer")
    indonesian = client.get(f"/assessments/{opened.id}/indicators/15").text
    assert "Pembangunan aplikasi mengikuti siklus hidup." in indonesian
    assert "dibangun tanpa konsultasi dengan unit TIK" in indonesian
    _english(client)
    page = client.get(f"/assessments/{opened.id}/indicators/15").text
    assert "SPBE Application Development" in page
    assert "Application development follows a lifecycle." in page  # the level criterion
    assert "Pembangunan aplikasi mengikuti siklus hidup." not in page
    assert "Applications are built following a lifecycle (1 applications" in page  # met
    assert "is discussed with the ICT unit before it is built (0 of 1)" in page  # not met
    assert "dari" not in page.split("<main", 1)[-1].split("Team and status", 1)[0]
    assert "was built without consulting the ICT unit" in page  # the blocker's reason
    assert "Record the date the ICT unit was consulted" in page  # and its fix
    assert "dibangun tanpa konsultasi" not in page


def test_the_report_reads_in_english(client, auth, opened):
    auth.login("viewer")
    _english(client)
    page = client.get(f"/assessments/{opened.id}/report").text
    assert "SPBE Application Development" in page
    assert "Pembangunan Aplikasi SPBE" not in page
    assert "SPBE Internal Policy" in page  # a domain
    assert "SPBE Evaluation (PermenPANRB 59/2020)" in page  # the instrument
    assert "Applications are built following a lifecycle" in page


def test_an_explanation_stored_as_plain_text_still_shows_as_written(client, auth, opened):
    score = assessments.score_of(opened, 15)
    score.explanation = {"met": ["Teks lama yang tersimpan."], "not_met": [],
                         "blocker_count": 1,
                         "blockers": [{"kind": "agency", "id": None, "code": "", "name": "",
                                       "caps_at": 2, "reason": "Alasan lama.",
                                       "fix": "Perbaikan lama."}]}
    db.session.commit()
    auth.login("viewer")
    _english(client)
    page = client.get(f"/assessments/{opened.id}/indicators/15").text
    assert "Teks lama yang tersimpan." in page
    assert "Alasan lama." in page
    assert "Perbaikan lama." in page


def test_the_blockers_page_reads_in_english(client, auth, opened, agency):
    auth.login("viewer")
    indonesian = client.get(f"/integrations/blockers?agency={agency.id}&year={YEAR}").text
    assert "Belum ada jaringan intra yang tercatat." in indonesian
    _english(client)
    page = client.get(f"/integrations/blockers?agency={agency.id}&year={YEAR}").text
    assert "No intra network is recorded." in page
    assert "Record the local government&#39;s intra network" in page
    assert "was built without consulting the ICT unit" in page
    assert "Belum ada jaringan intra yang tercatat." not in page
    assert "SPBE Application Development" in page  # the indicator's name
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert "was built without consulting the ICT unit" in svg  # the diagram's tooltips too


def test_the_blockers_api_keeps_its_indonesian_and_adds_english(client, opened, agency,
                                                                 token_for):
    report = client.get(f"/api/v1/blockers?agency={agency.id}&year={YEAR}",
                        headers=token_for("viewer")).json
    found = next(b for b in report["blockers"] if b["rule_id"] == "app_not_consulted")
    assert "dibangun tanpa konsultasi dengan unit TIK" in found["reason"]
    assert "was built without consulting the ICT unit" in found["reason_en"]
    assert found["fix_en"].startswith("Record the date the ICT unit was consulted")
