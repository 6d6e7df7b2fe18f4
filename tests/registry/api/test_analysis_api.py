"""The integration analysis through the JSON API: graph, blockers, diagrams and bad arguments."""


def test_api_graph_and_blockers(client, landscape, token_for):
    headers = token_for("viewer")
    graph = client.get("/api/v1/graph", headers=headers).json
    assert len(graph["nodes"]) == 3
    assert len(graph["edges"]) == 2
    assert graph["components"] == 1
    assert graph["isolated"] == []
    assert graph["hubs"][0]["id"] == landscape["simpeg"].id
    report = client.get("/api/v1/blockers", headers=headers).json
    assert {b["rule_id"] for b in report["blockers"]} == {
        "app_not_consulted", "app_hosted_outside", "link_point_to_point"}
    assert report["instrument"] == "permenpanrb-8-2026"
    assert [s["indicator"] for s in report["summary"]] == [13, 14, 15, 16, 18]
    assert report["indicators"]["16"] == "Integrasi Aplikasi"
    past = client.get("/api/v1/blockers?year=2025", headers=headers).json
    assert past["instrument"] == "permenpanrb-59-2020"
    assert past["year"] == 2025
    assert [s["indicator"] for s in past["summary"]] == [15, 16, 17, 18]


def test_api_diagram_and_bad_arguments(client, landscape, token_for):
    headers = token_for("viewer")
    svg = client.get(f"/api/v1/diagrams.svg?kind=app&target={landscape['simpeg'].id}",
                     headers=headers)
    assert svg.status_code == 200
    assert b"SIMPEG" in svg.data
    assert client.get("/api/v1/diagrams.svg?kind=app&target=999999",
                      headers=headers).status_code == 422
    bad = client.get("/api/v1/diagrams.svg?kind=galaxy", headers=headers)
    assert bad.status_code == 422
    assert "kind" in bad.json["errors"]
    assert client.get("/api/v1/graph?channel=pigeon", headers=headers).status_code == 422
