"""Each instrument on the pages with its own words, and the blockers it judges."""

from registry.services import assessments, integrations


def test_pages_show_each_instrument_with_its_own_words(client, auth, agency):
    last = assessments.open_assessment(agency.id, 2025, actor=None)
    assessments.finalise(last.id, actor=None, expected_version=last.version)
    new = assessments.copy_forward(last.id, actor=None)
    auth.login("admin")
    card = client.get(f"/assessments/{new.id}").text
    assert "Kartu Skor Indeks Pemdi 2026" in card
    assert "Merintis" in card
    assert "Aspek 7: Kepuasan Pengguna Layanan Digital Pemerintah" in card
    assert "tidak dapat dikurangkan" in card
    assert "Nilai ulang" in card
    assert "Pakai instrumen lain" in card
    listing = client.get(f"/assessments?agency={agency.id}").text
    assert 'id="by-instrument"' in listing
    assert "Indeks SPBE" in listing
    report = client.get(f"/assessments/{new.id}/report").text
    assert "Laporan Penilaian Mandiri Indeks Pemdi 2026" in report
    old = client.get(f"/assessments/{last.id}").text
    assert "Kartu Skor Indeks SPBE 2025" in old
    assert "Domain 4" in old
    indicator = client.get(f"/assessments/{new.id}/indicators/5").text
    assert 'name="source_date"' in indicator
    assert "Bappenas" in indicator
    blockers = client.get("/integrations/blockers?year=2025").text
    assert "PermenPANRB 59/2020" in blockers
    assert client.get("/integrations/blockers?year=20x5").status_code == 400


def test_every_view_of_blockers_follows_the_instrument_an_admin_chose(
        client, auth, agency, unit, make_user, make_application):
    from registry.services import analysis, desk

    one, two = make_application(name="SIMDA"), make_application(name="e-Budgeting")
    integrations.create_link({"provider_id": one.id, "consumer_id": two.id,
                              "channel": "direct_api", "status": "active"}, actor=None)
    assessments.open_assessment(agency.id, 2026, actor=make_user("admin"),
                                instrument_id="permenpanrb-59-2020", reason="Pembanding")
    assert analysis.blocker_report(agency, year=2026).instrument.id == "permenpanrb-59-2020"
    steps = desk.desk(unit.id, year=2026).next_steps
    assert any("point-to-point" in step.text and "indikator 18" in step.text for step in steps)
    auth.login("viewer")
    page = client.get(f"/opd-scorecard?year=2026&agency={agency.id}").text
    assert "Indeks SPBE" in page
