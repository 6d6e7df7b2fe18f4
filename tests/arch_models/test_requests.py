"""Sub-domain label rules and the request life cycle, on plain data."""

from datetime import UTC, datetime, timedelta

import pytest

from arch_models.errors import DomainError
from arch_models.requests import (
    TRANSITIONS,
    LabelProblem,
    RequestAction,
    RequestState,
    TransitionRefusedError,
    allowed_actions,
    fqdn_for,
    is_overdue,
    label_problems,
    next_state,
    syntax_problems,
)

ZONE = "contohprov.go.id"


@pytest.mark.parametrize("label", ["dinkes", "a", "e-surat", "ppid2", "x" * 63, "123", "DinKes"])
def test_good_labels_have_no_problem(label):
    assert label_problems(label, zone=ZONE) == []


@pytest.mark.parametrize(
    ("label", "problem"),
    [
        ("", LabelProblem.EMPTY),
        ("   ", LabelProblem.EMPTY),
        ("x" * 64, LabelProblem.TOO_LONG),
        ("dinas_kesehatan", LabelProblem.BAD_CHARACTERS),
        ("dinas kesehatan", LabelProblem.BAD_CHARACTERS),
        ("dinkes.sub", LabelProblem.BAD_CHARACTERS),
        ("pelayanan!", LabelProblem.BAD_CHARACTERS),
        ("pélayanan", LabelProblem.BAD_CHARACTERS),
        ("-dinkes", LabelProblem.EDGE_HYPHEN),
        ("dinkes-", LabelProblem.EDGE_HYPHEN),
        ("xn--dinkes", LabelProblem.IDN_PREFIX),
        ("ab--cd", LabelProblem.IDN_PREFIX),
        ("www", LabelProblem.RESERVED),
        ("mail", LabelProblem.RESERVED),
        ("NS1", LabelProblem.RESERVED),
    ],
)
def test_each_bad_label_is_named(label, problem):
    assert problem in label_problems(label, zone=ZONE)


def test_a_label_breaking_several_rules_reports_each():
    assert set(syntax_problems("-" + "_" * 70)) == {
        LabelProblem.TOO_LONG, LabelProblem.BAD_CHARACTERS, LabelProblem.EDGE_HYPHEN}


def test_taken_and_requested_names_compare_the_full_name():
    taken = {"dinkes.contohprov.go.id"}
    requested = {"disdik.contohprov.go.id"}
    assert label_problems("DINKES", zone=ZONE, taken=taken, requested=requested) == [
        LabelProblem.TAKEN]
    assert label_problems("disdik", zone=ZONE, taken=taken, requested=requested) == [
        LabelProblem.REQUESTED]
    assert label_problems("dinkes", zone="lainkab.go.id", taken=taken) == []


def test_the_fqdn_is_lower_case_under_the_zone():
    assert fqdn_for(" DinKes ", "ContohProv.go.id.") == "dinkes.contohprov.go.id"


ALL_PAIRS = [(s, a) for s in RequestState for a in RequestAction]


@pytest.mark.parametrize(("state", "action"), ALL_PAIRS)
def test_every_transition_is_allowed_or_refused_by_the_table(state, action):
    if (state, action) in TRANSITIONS:
        assert next_state(state, action) == TRANSITIONS[(state, action)]
    else:
        with pytest.raises(TransitionRefusedError):
            next_state(state, action)


def test_a_refused_transition_is_a_domain_error():
    with pytest.raises(DomainError, match="approve is not allowed from draft") as refused:
        next_state(RequestState.DRAFT, RequestAction.APPROVE)
    assert isinstance(refused.value, TransitionRefusedError)
    assert (refused.value.state, refused.value.action) == (RequestState.DRAFT,
                                                           RequestAction.APPROVE)


def test_the_life_cycle_reads_as_the_issue_says():
    assert next_state("draft", "submit") == RequestState.SUBMITTED
    assert next_state("submitted", "approve") == RequestState.APPROVED
    assert next_state("submitted", "reject") == RequestState.REJECTED
    assert next_state("submitted", "withdraw") == RequestState.WITHDRAWN
    assert allowed_actions(RequestState.DRAFT) == (RequestAction.SUBMIT, RequestAction.WITHDRAW)
    for final in (RequestState.APPROVED, RequestState.REJECTED, RequestState.WITHDRAWN):
        assert allowed_actions(final) == ()
        assert not final.is_open


def test_a_request_is_overdue_only_after_the_agreed_days():
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    assert not is_overdue(None, now, 5)
    assert not is_overdue(now - timedelta(days=5), now, 5)
    assert is_overdue(now - timedelta(days=5, seconds=1), now, 5)
