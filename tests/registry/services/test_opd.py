"""Per-OPD scorecards from the database, targets, the desk, the talent register, the catalogue."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from arch_models.reference.instrument import built_in_instruments, default_instrument
from registry import models
from registry.errors import PermissionDeniedError, ValidationFailedError
from registry.extensions import db
from registry.models.base import utcnow
from registry.services import (
    catalogue,
    desk,
    inventory,
    opd_scorecard,
    scoring_facts,
    talent,
)
from tests.registry.builders import TODAY


def by_name(scores):
    return {s.facts.name: s for s in scores}


def test_the_facts_are_counted_per_opd(province, unit, other_unit):
    facts = {f.unit_id: f for f in opd_scorecard.gather_facts(today=TODAY)}
    dinkes, disdik = facts[unit.id], facts[other_unit.id]
    assert dinkes.apps_by_lifecycle == {"production": 2, "planned": 1}
    assert (dinkes.live, dinkes.integrated, dinkes.point_to_point,
            dinkes.outside_dc) == (2, 2, 1, 1)
    assert (dinkes.unreviewed, dinkes.unfollowed, dinkes.unconsulted, dinkes.stale) == (1, 0, 1, 2)
    assert (dinkes.domains, dinkes.domains_without_tls, dinkes.domains_without_app,
            dinkes.domains_healthy) == (2, 1, 1, 1)
    assert disdik.point_to_point == 1
    assert disdik.integrated == 0
    assert dinkes.blockers == {15: 2, 16: 1, 17: 1, 18: 1}


def test_scores_targets_and_ranking(province, unit, other_unit, make_user):
    architect = make_user("architect")
    opd_scorecard.set_target(unit.id, 2026, 80, actor=architect, note="TPP 2026")
    scores = by_name(opd_scorecard.scorecards(2026, today=TODAY))
    dinkes = scores["Dinas Kesehatan"]
    # integration 1, hosting .5, review .5, consultation .5, domains .5, freshness 0, competence 0
    assert dinkes.score == pytest.approx((25 + 10 + 10 + 5 + 5) * 100 / 100)
    assert (dinkes.target, dinkes.target_met, dinkes.rank) == (80, False, 1)
    # Disdik: hosting only (20 of the 90 points it can be measured on; no domain)
    assert scores["Dinas Pendidikan"].score == pytest.approx(100 * 20 / 90, abs=0.05)
    assert scores["Dinas Pendidikan"].rank == 2
    opd_scorecard.set_target(unit.id, 2026, 50, actor=architect)
    assert by_name(opd_scorecard.scorecards(2026, today=TODAY))["Dinas Kesehatan"].target_met
    log = db.session.scalars(select(models.ChangeLog).where(
        models.ChangeLog.object_type == "opd_targets")).all()
    assert [e.action.value for e in log] == ["create", "update"]


@pytest.mark.parametrize("target", [-1, 0, 5e-324, 0.99, 100.5, None])
def test_a_bad_target_is_refused(unit, target):
    with pytest.raises(ValidationFailedError) as error:
        opd_scorecard.set_target(unit.id, 2026, target, actor=None)
    assert "target" in error.value.errors


def test_only_maintainers_set_targets(unit, make_user):
    for role in ("opd_operator", "reviewer", "viewer"):
        with pytest.raises(PermissionDeniedError):
            opd_scorecard.set_target(unit.id, 2026, 70, actor=make_user(role, suffix=role))


def test_the_desk_lists_stale_records_gaps_and_next_steps(province, unit):
    found = desk.desk(unit.id, today=TODAY)
    assert {a.name for a in found.stale_applications} == {"SIMRS", "e-Puskesmas"}
    assert {d.fqdn for d in found.stale_domains} == {"simrs.contohprov.go.id",
                                                    "lama.contohprov.go.id"}
    gaps = dict((a.name, g) for a, g in found.evidence)
    assert "Belum pernah direviu" in gaps["e-Puskesmas"]
    assert any("Hosting" in g for g in gaps["e-Puskesmas"])
    # point-to-point links: 16 Integrasi Aplikasi of the Indeks Pemdi, 18 under 59/2020
    assert any("point-to-point" in step.text and "indikator 16" in step.text
               for step in found.next_steps)
    past = desk.desk(unit.id, year=2025, today=TODAY)
    assert any("point-to-point" in step.text and "indikator 18" in step.text
               for step in past.next_steps)


def test_bulk_confirmation_stamps_who_and_when(province, unit, make_user):
    operator = make_user("opd_operator")
    apps = [province["simrs"].id, province["puskesmas"].id]
    domain_ids = [d.id for d in desk.desk(unit.id, today=TODAY).stale_domains]
    before = utcnow()
    assert desk.confirm(unit.id, application_ids=apps, domain_ids=domain_ids,
                        actor=operator) == 4
    for app_id in apps:
        app = db.session.get(models.Application, app_id)
        assert app.confirmed_by_id == operator.id
        assert app.confirmed_at >= before - timedelta(seconds=1)
    assert desk.desk(unit.id, today=TODAY).stale_applications == []
    entry = db.session.scalar(select(models.ChangeLog).order_by(models.ChangeLog.id.desc()))
    assert entry.actor_id == operator.id
    assert "meja monitoring" in entry.reason


def test_confirmation_refuses_another_opds_record_and_another_opds_operator(
        province, unit, other_unit, make_user):
    operator = make_user("opd_operator")
    with pytest.raises(ValidationFailedError):
        desk.confirm(unit.id, application_ids=[province["dapodik"].id], actor=operator)
    stranger = make_user("opd_operator", suffix="x", unit_id=other_unit.id)
    with pytest.raises(PermissionDeniedError):
        desk.confirm(unit.id, application_ids=[province["simrs"].id], actor=stranger)
    assert db.session.get(models.Application, province["simrs"].id).confirmed_at is None


def test_certificates_feed_the_scorecard_and_indicator_25(province, unit, other_unit, agency):
    for unit_id, expires in ((unit.id, TODAY + timedelta(days=400)),
                             (other_unit.id, TODAY - timedelta(days=1))):
        talent.create_certificate({"unit_id": unit_id, "person_name": "Budi", "competence":
                                   "Keamanan informasi", "certificate": "CEH",
                                   "issuer": "EC-Council", "expires_on": expires}, actor=None)
    facts = {f.unit_id: f for f in opd_scorecard.gather_facts(today=TODAY)}
    assert (facts[unit.id].certified_staff, facts[other_unit.id].certified_staff) == (1, 0)
    # only part of the OPDs: 25 of 59/2020, 3 (SDM Pemdi) of the Indeks Pemdi
    assert scoring_facts.computed_levels(agency.id, 2025, default_instrument())[25].level == 2
    pemdi = built_in_instruments()[1]
    assert scoring_facts.computed_levels(agency.id, 2026, pemdi)[3].level == 2
    with pytest.raises(ValidationFailedError) as error:
        talent.create_certificate({"unit_id": unit.id, "person_name": "Ani", "competence": "x",
                                   "certificate": "y", "issuer": "z",
                                   "issued_on": TODAY, "expires_on": TODAY - timedelta(days=1)},
                                  actor=None)
    assert "expires_on" in error.value.errors


def test_an_operator_records_certificates_of_its_own_opd_only(unit, other_unit, make_user):
    operator = make_user("opd_operator")
    data = {"unit_id": other_unit.id, "person_name": "Ani", "competence": "Data",
            "certificate": "DA", "issuer": "BNSP"}
    with pytest.raises(PermissionDeniedError):
        talent.create_certificate(data, actor=operator)
    cert = talent.create_certificate(data | {"unit_id": unit.id}, actor=operator)
    assert cert.agency_id == unit.agency_id


#: fields the public catalogue must never show (the id names an entry's page, /katalog/<id>)
INTERNAL = ("code", "hosting", "hosting_id", "review_followup", "last_review_on",
            "consulted_ict_unit_on", "confirmed_by", "reference_code", "service_codes", "kind",
            "lifecycle", "owner_unit_id", "ict_controlled", "note", "technical_contact")


def test_the_catalogue_lists_published_production_applications_and_public_fields_only(
        province, make_application, make_user):
    architect = make_user("architect")
    simrs = province["simrs"]
    inventory.update_application(simrs.id, {"published": True, "url": "https://simrs.go.id",
                                            "description": "Pendaftaran rumah sakit"},
                                 actor=architect, expected_version=simrs.version)
    make_application(name="Rahasia", published=True, lifecycle="planned")
    make_application(name="Internal")
    page = catalogue.published()
    assert [e.name for e in page.items] == ["SIMRS"]
    entry = page.items[0]
    assert set(vars(entry)) == set(catalogue.PUBLIC_FIELDS)
    assert not set(vars(entry)) & set(INTERNAL)
    assert catalogue.published(q="rumah sakit").total == 1
    assert catalogue.published(q="kesehatan").total == 1  # the OPD's name
    assert catalogue.published(q="zzz").total == 0


def test_only_maintainers_publish(province, make_user):
    operator = make_user("opd_operator")
    app = province["simrs"]
    with pytest.raises(PermissionDeniedError):
        inventory.update_application(app.id, {"published": True}, actor=operator,
                                     expected_version=app.version)
    inventory.update_application(app.id, {"name": "SIMRS 2"}, actor=operator,
                                 expected_version=app.version)
