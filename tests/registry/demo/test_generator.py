"""The demo generator: deterministic, realistic, and referentially whole."""

import pytest

from registry.demo.generator import generate


def test_same_arguments_give_the_same_data():
    assert generate() == generate()
    assert generate(seed=1) != generate(seed=2)


def test_default_is_one_province_of_about_45_opds_and_300_applications():
    data = generate()
    assert [a["code"] for a in data.agencies] == ["CONTOHPROV"]
    assert 40 <= len(data.units) <= 50
    assert len(data.applications) == 300
    assert len(data.links) == 420
    assert sum(u["is_ict_unit"] for u in data.units) == 1


def test_well_known_applications_are_there_and_aplikasi_umum_is_marked():
    apps = {a["name"]: a for a in generate().applications}
    for name in ("SIMPEG", "e-Budgeting", "SIPD", "SRIKANDI", "SP4N-LAPOR!", "JDIH", "e-Kinerja"):
        assert name in apps
    assert apps["SRIKANDI"]["kind"] == "umum"
    assert apps["SIMPEG"]["kind"] == "khusus"


def test_the_province_has_the_facts_that_make_blockers():
    data = generate()
    channels = {link["channel"] for link in data.links}
    assert {"service_bus", "direct_api", "hyperlink"} <= channels
    linked = {c for link in data.links for c in (link["provider_code"], link["consumer_code"])}
    assert any(a["code"] not in linked for a in data.applications)  # isolated applications
    assert any(a["hosting_code"] is None for a in data.applications)
    assert any(a["consulted_ict_unit_on"] is None for a in data.applications)
    reached = set(data.networks[0]["unit_codes"])
    assert len(reached) < len(data.units)


def test_every_reference_points_at_a_record_of_the_same_agency():
    data = generate(agencies=4, apps=400, links=900)
    apps = {(a["agency_code"], a["code"]) for a in data.applications}
    units = {(u["agency_code"], u["code"]) for u in data.units}
    centers = {(d["agency_code"], d["code"]) for d in data.data_centers}
    assert len(apps) == len(data.applications)
    assert len(units) == len(data.units)
    for a in data.applications:
        assert (a["agency_code"], a["unit_code"]) in units
        assert a["hosting_code"] is None or (a["agency_code"], a["hosting_code"]) in centers
    keys = set()
    for link in data.links:
        assert (link["agency_code"], link["provider_code"]) in apps
        assert (link["agency_code"], link["consumer_code"]) in apps
        assert link["provider_code"] != link["consumer_code"]
        key = (link["agency_code"], link["provider_code"], link["consumer_code"],
               link["channel"], link["data_exchanged"])
        assert key not in keys
        keys.add(key)
    fqdns = [d["fqdn"] for d in data.domains]
    assert len(fqdns) == len(set(fqdns))


def test_national_scale_counts_are_exact():
    data = generate(agencies=20, apps=2000, links=6000)
    assert (len(data.agencies), len(data.applications), len(data.links)) == (20, 2000, 6000)
    assert len({a["code"] for a in data.agencies}) == 20


@pytest.mark.parametrize("kwargs", [{"agencies": 0}, {"apps": -1}, {"links": -5}])
def test_bad_arguments_are_refused(kwargs):
    with pytest.raises(ValueError, match=next(iter(kwargs))):  # names the argument
        generate(**kwargs)


def test_the_province_has_realistic_gaps_in_ict_management():
    data = generate()
    statuses = {m["area"]: m["status"] for m in data.management_areas}
    assert len(statuses) == 11
    assert statuses["data"] == "reviewed"
    assert statuses["knowledge"] == "none"
    assert {a["type"] for a in data.audits} == {"infrastructure", "application"}  # no security
    reviewed = {a["code"] for a in data.applications if a["last_review_on"]}
    assert {r["application_code"] for r in data.reviews} == reviewed
