"""The API scores each agency with its own instrument."""

from registry.services import assessments


def test_score_all_scores_each_agency_with_its_own_instrument(client, agency, token_for):
    assessments.open_assessment(agency.id, 2026, actor=None)
    viewer = token_for("viewer")
    listed = client.get("/api/v1/scores?year=2026", headers=viewer).json
    assert [(r["agency"], r["index"], r["predicate"]) for r in listed] == [
        ("CONTOHPROV", 1.0, "Kurang")]
    api = client.get(f"/api/v1/score?agency={agency.code}&year=2026", headers=viewer).json
    assert api["instrument"] == "permenpanrb-8-2026"
    assert len(api["indicators"]) == 20
