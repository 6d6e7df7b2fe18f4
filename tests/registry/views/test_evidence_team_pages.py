"""The assessment team on the pages: appointment, what each person may do, the index per stage."""

import pytest

from registry import models
from registry.errors import PermissionDeniedError, ValidationFailedError
from registry.services import assessment_team, organisation
from tests.registry.builders import indicator_score


def test_the_team_is_appointed_by_the_coordinator_or_an_admin(team, agency, make_user,
                                                              make_unit):
    assessment, people = team
    score = indicator_score(assessment, 20)
    for who in ("responsible", "staff", "architect", "viewer"):
        with pytest.raises(PermissionDeniedError):
            assessment_team.assign_indicator(assessment.id, 20, responsible_id=None,
                                             filler_ids=[], actor=people[who],
                                             expected_version=score.version)
    assessment_team.assign_indicator(assessment.id, 20, responsible_id=people["architect"].id,
                                     filler_ids=[people["staff"].id], actor=people["admin"],
                                     expected_version=score.version)
    for who in ("viewer", "asesor"):
        with pytest.raises(ValidationFailedError):
            assessment_team.assign_indicator(
                assessment.id, 20, responsible_id=None, filler_ids=[people[who].id],
                actor=people["coordinator"],
                expected_version=indicator_score(assessment, 20).version)
    elsewhere = organisation.create_agency({"code": "KABLAIN", "name": "Kabupaten Lain",
                                            "kind": "kabupaten"}, actor=None)
    outsider_unit = organisation.create_unit({"agency_id": elsewhere.id, "code": "DINKES",
                                              "name": "Dinkes Kab. Lain"}, actor=None)
    outsider = make_user("opd_operator", suffix="lain", unit_id=outsider_unit.id)
    with pytest.raises(ValidationFailedError, match="operator OPD instansi ini"):
        assessment_team.assign_indicator(
            assessment.id, 20, responsible_id=None, filler_ids=[outsider.id],
            actor=people["coordinator"], expected_version=indicator_score(assessment, 20).version)
    assert [u.id for u in assessment_team.team_candidates(assessment)
            if u.role is models.Role.OPD_OPERATOR] == [people["staff"].id]


# -- the pages ----------------------------------------------------------------------------------


def test_the_indicator_page_shows_each_person_what_they_may_do(client, team):
    assessment, people = team
    from tests.conftest import PASSWORD

    def page_as(who):
        client.post("/auth/logout")
        client.post("/auth/login", data={"email": people[who].email, "password": PASSWORD})
        return client.get(f"/assessments/{assessment.id}/indicators/16").text

    as_staff = page_as("staff")
    assert "Tandai sudah diisi" in as_staff
    assert 'name="files"' in as_staff
    assert "Tandai sudah diperiksa" not in as_staff
    as_other = page_as("other_staff")
    assert "Tandai sudah diisi" not in as_other
    assert 'name="files"' not in as_other
    assert "bukan tim indikator ini" in as_other
    assert 'name="files"' in page_as("coordinator")
    sent = client.post(f"/assessments/{assessment.id}/indicators/16/steps",
                       data={"action": "fill", "version": indicator_score(assessment, 16).version})
    assert sent.status_code == 302
    assert indicator_score(assessment, 16).state.value == "filled"
    page_as("viewer")
    refused = client.post(f"/assessments/{assessment.id}/indicators/16/steps",
                          data={"action": "check",
                                "version": indicator_score(assessment, 16).version})
    assert refused.status_code == 403


def test_the_scorecard_shows_the_index_per_stage_and_the_team(client, auth, team):
    assessment, people = team
    auth.login("asesor", suffix="halaman")
    page = client.get(f"/assessments/{assessment.id}").text
    assert 'id="stages"' in page
    assert "Mandiri" in page
    assert "Penilaian dokumen" in page
    assert people["coordinator"].name in page
    assert "Paket bukti" in page
