"""The OPD score on hand-made cases: each component, the weights, targets and the ranking."""

import pytest

from arch_models.opd_scorecard import COMPONENTS, OpdFacts, rank, score_opd


def facts(**overrides):
    base = {"unit_id": 1, "code": "DINKES", "name": "Dinas Kesehatan",
            "apps_by_lifecycle": {"production": 10}, "integrated": 10, "domains": 2,
            "domains_healthy": 2,
            "certified_staff": 1}
    return OpdFacts(**(base | overrides))


def test_the_weights_sum_to_100():
    assert sum(weight for _key, weight, _text in COMPONENTS) == 100


def test_an_opd_with_everything_right_scores_100():
    assert score_opd(facts()).score == 100.0


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"integrated": 5}, 100 - 25 * 0.5),  # half integrated through the bus
        ({"outside_dc": 10}, 100 - 20),  # all in OPD server rooms
        ({"unreviewed": 4, "unfollowed": 1}, 100 - 20 * 0.5),
        ({"unconsulted": 10}, 100 - 10),
        ({"domains_without_tls": 1, "domains_without_app": 1, "domains_healthy": 1}, 100 - 5),
        ({"stale": 10}, 100 - 5),
        ({"certified_staff": 0}, 100 - 10),
    ],
)
def test_each_component_takes_its_weight(change, expected):
    assert score_opd(facts(**change)).score == pytest.approx(expected)


def test_competence_expects_one_certified_person_per_ten_live_applications():
    many = facts(apps_by_lifecycle={"production": 25}, integrated=25, certified_staff=2)
    assert score_opd(many).components["competence"] == pytest.approx(2 / 3)
    assert score_opd(facts(certified_staff=5)).components["competence"] == 1.0


def test_components_with_nothing_to_measure_leave_their_weight_to_the_others():
    no_domains = score_opd(facts(domains=0, integrated=0))
    # integration 0 of 25 over the 90 points measured
    assert no_domains.components["domains"] is None
    assert no_domains.score == pytest.approx(100 * 65 / 90, abs=0.05)
    planned_only = score_opd(facts(apps_by_lifecycle={"planned": 3}, integrated=0, domains=0))
    assert planned_only.score is None


def test_blockers_count_the_records_that_cap_each_indicator():
    blocked = facts(unconsulted=2, unreviewed=1, outside_dc=3, point_to_point=4,
                    on_intra_network=False)
    assert blocked.blockers == {15: 3, 16: 3, 17: 1, 18: 4}
    assert facts().blockers == {}


def test_targets_and_progress():
    behind = score_opd(facts(integrated=0), target=90)
    assert behind.score == 75.0
    assert behind.target_met is False
    assert behind.progress == pytest.approx(75 / 90)
    assert score_opd(facts(), target=90).target_met is True
    assert score_opd(facts()).target_met is None


def test_ranking_shares_places_on_ties_and_puts_the_unscored_last():
    scores = [score_opd(facts(unit_id=1, name="A", integrated=0)),
              score_opd(facts(unit_id=2, name="B")),
              score_opd(facts(unit_id=3, name="C")),
              score_opd(facts(unit_id=4, name="D", apps_by_lifecycle={}, domains=0))]
    ranked = rank(scores)
    assert [(s.facts.name, s.rank) for s in ranked] == [("B", 1), ("C", 1), ("A", 3), ("D", None)]
