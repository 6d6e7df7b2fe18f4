"""The pure part of scripts/load.py's capacity mode: which stage is the capacity, which request
kinds break the 2 s bound, the stages option and the table. Not marked ``load``: it starts no
server."""

import argparse
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_script():
    """scripts/load.py (scripts/ is no package)."""
    spec = importlib.util.spec_from_file_location("registry_load_script",
                                                  ROOT / "scripts" / "load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


load = _load_script()


def _stage(users, rps, p95, *, failures=0, requests=100):
    return {"users": users, "requests": requests, "failures": failures, "rps": rps,
            "p50": p95 / 2, "p95": p95, "p99": p95 * 2, "slowest": "GET page: an application",
            "slowest_p99": p95 * 2, "slow_kinds": [], "failure_lines": [], "exceptions": [],
            "load_before": 1.0, "load_after": 1.5, "busy_cores": 1.5, "server_cores": 1.0,
            "locust_cores": 0.3}


def test_the_capacity_is_the_most_requests_per_second_with_p95_under_the_goal():
    stages = [_stage(5, 10, 40), _stage(8, 19, 90), _stage(11, 26, 180), _stage(16, 28, 390)]

    assert load.choose_capacity(stages, 200)["users"] == 11
    assert load.choose_capacity(stages, 100)["users"] == 8


def test_the_goal_is_strict_and_a_stage_with_failures_or_no_request_does_not_count():
    stages = [_stage(5, 10, 40), _stage(8, 19, 200), _stage(11, 26, 150, failures=1),
              _stage(16, 30, 0, requests=0)]

    assert load.choose_capacity(stages, 200)["users"] == 5
    assert load.choose_capacity([_stage(5, 5, 250)], 200) is None
    assert load.choose_capacity([], 200) is None


def test_a_stage_without_every_kind_of_simulated_user_is_not_the_capacity():
    stages = [_stage(1, 10, 150), _stage(2, 19, 190), _stage(5, 24, 430)]

    assert load.choose_capacity(stages, 200) is None
    assert load.choose_capacity(stages, 200, full_mix=1)["users"] == 2


def test_a_saturated_stage_with_more_users_but_fewer_requests_is_not_the_capacity():
    stages = [_stage(8, 30, 120), _stage(11, 27, 190)]

    assert load.choose_capacity(stages, 200)["users"] == 8


def test_the_request_kinds_over_two_seconds_at_p99_slowest_first():
    kinds = [{"method": "GET", "name": "page: OPD list", "p99": 2100.0},
             {"method": "GET", "name": "API: score", "p99": 2000.0},
             {"method": "POST", "name": "sign in (form)", "p99": 4500.0}]

    assert [row["name"] for row in load.slow_kinds(kinds)] == ["sign in (form)",
                                                                "page: OPD list"]


def test_the_stages_are_growing_user_counts():
    assert load.stage_list("1,2,4,8") == [1, 2, 4, 8]
    for wrong in ("", "0,1", "4,2", "2,2", "one"):
        with pytest.raises(argparse.ArgumentTypeError):
            load.stage_list(wrong)


def test_the_table_marks_the_capacity_and_names_the_load_of_the_machine():
    stages = [_stage(5, 19.04, 90), _stage(8, 26.0, 250)]
    stages[0]["kinds"] = [
        {"method": "GET", "name": "API: score", "requests": 9, "p50": 40.0, "p95": 80.0,
         "p99": 90.0, "max": 91.0},
        {"method": "GET", "name": "page: OPD list", "requests": 2, "p50": 150.0, "p95": 160.0,
         "p99": 160.0, "max": 161.0}]
    result = {"database": "sqlite", "servers": 1, "workers": 3, "date": "2026-11-30 00:00",
              "stage_duration": 20, "data": "national", "machine": "2 cores",
              "goal_p95": 200, "stages": stages, "capacity": stages[0],
              "worker_peak_rss_mib": [120.0], "server_errors": [], "tracebacks": []}

    text = load.capacity_summary(result)

    assert "| **5** | **19.0** | 45 | 90 | 180 |" in text
    assert "| 8 | 26.0 | 125 | 250 | 500 |" in text
    assert "| 1.0 → 1.5 | 1.50 (1.00 + 0.30) | 53 ms |" in text  # 1.00 core / 19.04 req/s
    assert "**19.0 req/s** (5 users, p95 90 ms" in text
    assert "Below the whole mix" not in text
    assert "p99 over 2 s: none." in text
    kinds = text.split("Request kinds at 5 users:", 1)[1]
    assert kinds.index("| GET page: OPD list | 2 | 150 | 160 | 160 | 161 |") < kinds.index(
        "| GET API: score | 9 | 40 | 80 | 90 | 91 |")  # slowest first


def test_the_table_names_the_request_kinds_over_two_seconds_and_a_capacity_not_met():
    stages = [_stage(1, 10.5, 150), _stage(2, 18.7, 250), _stage(5, 24.5, 430)]
    stages[1]["slow_kinds"] = ["GET page: OPD list (6100 ms)"]
    result = {"database": "sqlite", "servers": 1, "workers": 3, "date": "2026-11-30 00:00",
              "stage_duration": 20, "data": "national", "machine": "2 cores",
              "goal_p95": 200, "stages": stages, "capacity": None,
              "worker_peak_rss_mib": [], "server_errors": [], "tracebacks": []}

    text = load.capacity_summary(result)

    assert "Capacity at p95 under 200 ms: none (no stage of 5 users or more met it)." in text
    assert "Below the whole mix (1 users, not every kind of simulated user): 10.5 req/s" in text
    assert "p99 over 2 s: 2 users: GET page: OPD list (6100 ms)." in text


def test_the_steps_stop_after_two_stages_in_a_row_over_the_goal_with_the_whole_mix():
    assert not load.saturated([_stage(5, 10, 250)], 200)
    assert not load.saturated([_stage(5, 10, 250), _stage(8, 19, 150)], 200)
    assert load.saturated([_stage(2, 10, 150), _stage(5, 19, 200), _stage(8, 20, 300)], 200)
    # 1 and 2 users are a browser and an API reader only: their p95 says little
    assert not load.saturated([_stage(1, 3, 2700), _stage(2, 10, 290)], 200)
    assert not load.saturated([_stage(1, 3, 2700), _stage(2, 10, 290), _stage(5, 15, 250)],
                              200)
