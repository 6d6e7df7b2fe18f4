"""The self-assessment API: open, score, enter a level, what-if, finalise, and the score."""

import pytest

YEAR = 2025


@pytest.fixture
def architect(token_for):
    return token_for("architect")


def _open(client, agency, headers):
    response = client.post("/api/v1/assessments", json={"agency_id": agency.id, "year": YEAR},
                           headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def test_open_score_and_enter_a_level(client, agency, architect):
    card = _open(client, agency, architect)
    assert len(card["indicators"]) == 47
    assert card["predicate"] == "Kurang"
    assessment_id = card["assessment"]["id"]
    row = client.get(f"/api/v1/assessments/{assessment_id}/indicators/36",
                     headers=architect).json
    changed = client.patch(f"/api/v1/assessments/{assessment_id}/indicators/36",
                           json={"entered_level": 4, "version": row["version"],
                                 "evidence": [{"label": "BA SIMPEG",
                                               "url": "https://contohprov.go.id/ba"}]},
                           headers=architect)
    assert changed.status_code == 200
    assert changed.json["level"] == 4
    assert changed.json["source"] == "entered"
    again = client.get(f"/api/v1/assessments/{assessment_id}", headers=architect).json
    assert again["index"] == pytest.approx(card["index"] + 3 * 2.75 / 100)


def test_bad_input_names_the_field(client, agency, architect):
    bad = client.post("/api/v1/assessments", json={"agency_id": agency.id, "year": 1999},
                      headers=architect)
    assert bad.status_code == 422
    assert "year" in bad.json["errors"]
    card = _open(client, agency, architect)
    assessment_id = card["assessment"]["id"]
    row = client.get(f"/api/v1/assessments/{assessment_id}/indicators/16",
                     headers=architect).json
    no_reason = client.patch(f"/api/v1/assessments/{assessment_id}/indicators/16",
                             json={"entered_level": 4, "version": row["version"]},
                             headers=architect)
    assert no_reason.status_code == 422
    assert "override_reason" in no_reason.json["errors"]
    bad_url = client.patch(f"/api/v1/assessments/{assessment_id}/indicators/36",
                           json={"evidence": [{"label": "x", "url": "javascript:alert(1)"}],
                                 "version": row["version"]}, headers=architect)
    assert bad_url.status_code == 422
    out_of_range = client.post(f"/api/v1/assessments/{assessment_id}/what-if",
                               json={"levels": {"36": 7, "99": 2}}, headers=architect)
    assert out_of_range.status_code == 422


def test_what_if_changes_nothing_stored(client, agency, architect):
    card = _open(client, agency, architect)
    assessment_id = card["assessment"]["id"]
    tried = client.post(f"/api/v1/assessments/{assessment_id}/what-if",
                        json={"levels": {"32": 5}}, headers=architect).json
    assert tried["what_if"]["index"] == pytest.approx(card["index"] + 4 * 2.75 / 100)
    assert client.get(f"/api/v1/assessments/{assessment_id}",
                      headers=architect).json["index"] == card["index"]


def test_finalise_then_writes_conflict(client, agency, architect, token_for):
    card = _open(client, agency, architect)
    assessment_id, version = card["assessment"]["id"], card["assessment"]["version"]
    viewer = token_for("viewer")
    assert client.post(f"/api/v1/assessments/{assessment_id}/finalise",
                       json={"version": version}, headers=viewer).status_code == 403
    waiting = client.post(f"/api/v1/assessments/{assessment_id}/finalise",
                          json={"version": version}, headers=architect)
    assert waiting.status_code == 409
    assert "belum diperiksa" in waiting.json["errors"]["state"][0]
    for row in card["indicators"]:  # the Koordinator (who opened it) checks every indicator
        step = row["version"]
        for action in ("fill", "check"):
            moved = client.post(
                f"/api/v1/assessments/{assessment_id}/indicators/{row['indicator']}/steps",
                json={"action": action, "version": step}, headers=architect)
            assert moved.status_code == 200, moved.json
            step = moved.json["version"]
    final = client.post(f"/api/v1/assessments/{assessment_id}/finalise",
                        json={"version": version}, headers=architect)
    assert final.status_code == 200
    assert final.json["status"] == "final"
    row = client.get(f"/api/v1/assessments/{assessment_id}/indicators/36",
                     headers=architect).json
    refused = client.patch(f"/api/v1/assessments/{assessment_id}/indicators/36",
                           json={"entered_level": 2, "version": row["version"]},
                           headers=architect)
    assert refused.status_code == 409
    copied = client.post(f"/api/v1/assessments/{assessment_id}/copy-forward",
                         json={"version": version}, headers=architect)
    assert copied.status_code == 200
    assert copied.json["year"] == YEAR + 1


def test_score_matches_the_cli(client, runner, agency, architect):
    import json

    api = client.get(f"/api/v1/score?agency={agency.code}&year={YEAR}", headers=architect)
    assert api.status_code == 200
    assert api.json["source"] == "live"
    cli = runner.invoke(args=["score", "--agency", agency.code, "--year", str(YEAR), "--json"])
    assert cli.exit_code == 0
    assert json.loads(cli.output) == api.json
    missing = client.get("/api/v1/score?agency=NOPE", headers=architect)
    assert missing.status_code == 404


def test_scores_lists_every_assessed_agency_of_the_year(client, agency, architect):
    _open(client, agency, architect)
    listed = client.get(f"/api/v1/scores?year={YEAR}", headers=architect)
    assert listed.status_code == 200
    assert [(r["agency"], r["predicate"]) for r in listed.json] == [(agency.code, "Kurang")]
    assert client.get(f"/api/v1/scores?year={YEAR - 1}", headers=architect).json == []
    assert client.get("/api/v1/scores", headers=architect).status_code == 422
