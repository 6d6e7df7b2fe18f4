"""The self-assessment pages: list, scorecard with what-if, indicator form, report, actions."""

import re

import pytest

from registry import models
from registry.extensions import db
from registry.services import assessments

YEAR = 2025


@pytest.fixture
def opened(agency):
    return assessments.open_assessment(agency.id, YEAR, actor=None)


def test_list_opens_an_assessment_and_refuses_a_bad_year(client, auth, agency):
    auth.login("architect")
    page = client.get(f"/assessments?agency={agency.id}")
    assert page.status_code == 200
    assert "Belum ada penilaian" in page.text
    bad = client.post("/assessments", data={"agency_id": agency.id, "year": "20x6"})
    assert bad.status_code == 422
    assert "Harus berupa bilangan bulat" in bad.text
    done = client.post("/assessments", data={"agency_id": agency.id, "year": str(YEAR)})
    assert done.status_code == 302
    again = client.post("/assessments", data={"agency_id": agency.id, "year": str(YEAR)})
    assert again.status_code == 409
    assert "sudah ada" in again.text


def test_scorecard_shows_index_charts_47_indicators_and_a_what_if(client, auth, opened):
    auth.login("reviewer")
    page = client.get(f"/assessments/{opened.id}")
    assert page.status_code == 200
    assert page.text.count("<svg") == 5  # the domain bars and one chart per domain
    assert len(re.findall(r'<tr id="i\d+"', page.text)) == 47
    assert "Kurang" in page.text
    what_if = client.get(f"/assessments/{opened.id}?w36=5&w40=5")
    assert "Bagaimana jika: indeks" in what_if.text
    assert "+0.220" in what_if.text


def _coordinate(opened, user):
    """Make ``user`` the Koordinator of an assessment the system opened."""
    from registry.services import assessment_team

    assessment_team.set_coordinator(opened.id, user.id, actor=None,
                                    expected_version=opened.version)


def test_indicator_form_explains_and_requires_a_reason_to_override(client, auth, opened):
    _coordinate(opened, auth.login("architect"))
    score = assessments.score_of(opened, 16)
    page = client.get(f"/assessments/{opened.id}/indicators/16")
    assert "Mengapa registri menghitung level 1" in page.text
    refused = client.post(f"/assessments/{opened.id}/indicators/16",
                          data={"entered_level": "3", "version": score.version,
                                "evidence": "BA PDN | javascript:alert(1)"})
    assert refused.status_code == 422
    assert "Wajib diisi" in refused.text or "Alamat web tidak sah" in refused.text
    assert "Baris 1" in refused.text
    saved = client.post(f"/assessments/{opened.id}/indicators/16",
                        data={"entered_level": "3", "version": score.version,
                              "override_reason": "PDN dipakai sejak Juli",
                              "evidence": "BA PDN | https://contohprov.go.id/ba.pdf\nSK 12"})
    assert saved.status_code == 302
    db.session.expire_all()
    score = assessments.score_of(assessments.get_assessment(opened.id), 16)
    assert score.level == 3
    assert score.evidence == [
        {"label": "BA PDN", "url": "https://contohprov.go.id/ba.pdf"},
        {"label": "SK 12", "url": None}]


def test_readers_see_but_cannot_write(client, auth, opened):
    auth.login("viewer")
    assert client.get(f"/assessments/{opened.id}/indicators/36").status_code == 200
    score = assessments.score_of(opened, 36)
    assert client.post(f"/assessments/{opened.id}/indicators/36",
                       data={"entered_level": "4", "version": score.version}).status_code == 403
    refused = client.post(f"/assessments/{opened.id}/finalise", data={"version": opened.version})
    assert refused.status_code == 403
    db.session.expire_all()
    assert assessments.get_assessment(opened.id).status is models.AssessmentStatus.DRAFT


def test_finalise_then_copy_forward_from_the_buttons(client, auth, opened):
    from registry.services import assessment_team

    _coordinate(opened, auth.login("architect"))
    for score in opened.scores:  # every indicator checked: the Koordinator may send
        for action in ("fill", "check"):
            assessment_team.move_indicator(opened.id, score.indicator, action, actor=None,
                                           expected_version=score.version)
    opened = assessments.get_assessment(opened.id)
    client.post(f"/assessments/{opened.id}/finalise", data={"version": opened.version})
    db.session.expire_all()
    final = assessments.get_assessment(opened.id)
    assert final.status is models.AssessmentStatus.FINAL
    page = client.get(f"/assessments/{opened.id}")
    assert "Finalkan" not in page.text
    assert "tidak dapat diubah" in page.text
    copied = client.post(f"/assessments/{opened.id}/copy-forward", data={"version": 1})
    new = assessments.find_assessment(opened.agency_id, YEAR + 1)
    assert copied.headers["Location"].endswith(f"/assessments/{new.id}")


def test_report_is_a_printable_page_with_every_indicator(client, auth, opened):
    auth.login("viewer")
    page = client.get(f"/assessments/{opened.id}/report")
    assert page.status_code == 200
    assert "report.css" in page.text
    assert "<nav" not in page.text
    assert "DRAF" in page.text
    assert len(re.findall(r'<tr class="avoid-break">', page.text)) == 47
