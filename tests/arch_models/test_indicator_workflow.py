"""The steps of an indicator in the internal assessment (issue 20), as plain rules."""

import pytest

from arch_models.indicator_workflow import (
    Duty,
    State,
    allowed_actions,
    blocking_send,
    duties,
    may_edit,
    may_take,
    step_of,
)


def test_duties_follow_the_appointments_and_the_system_holds_them_all():
    assert duties(7, coordinator=7, responsible=8, fillers=[9]) == {Duty.COORDINATOR}
    assert duties(9, coordinator=7, responsible=9, fillers=[9]) == {Duty.RESPONSIBLE,
                                                                    Duty.FILLER}
    assert duties(10, coordinator=7, responsible=8, fillers=[9]) == frozenset()
    assert duties(None, coordinator=7, responsible=None, fillers=()) == frozenset(Duty)


@pytest.mark.parametrize(("state", "held", "expected"), [
    (State.NOT_FILLED, {Duty.FILLER}, ["fill"]),
    (State.FILLED, {Duty.FILLER}, []),
    (State.FILLED, {Duty.RESPONSIBLE}, ["check", "return"]),
    (State.CHECKED, {Duty.RESPONSIBLE}, ["return"]),
    (State.CHECKED, {Duty.COORDINATOR}, ["finalise", "return"]),
    (State.FINAL, {Duty.RESPONSIBLE}, []),
    (State.FINAL, {Duty.COORDINATOR}, ["return"]),
    (State.NOT_FILLED, set(), []),
])
def test_who_may_take_which_step(state, held, expected):
    assert allowed_actions(state, frozenset(held)) == expected


def test_the_steps_go_forward_one_state_and_back_one_with_a_note():
    assert step_of("not_filled", "fill").target is State.FILLED
    assert step_of("filled", "check").target is State.CHECKED
    assert step_of("checked", "finalise").target is State.FINAL
    back = step_of("final", "return")
    assert back.target is State.CHECKED
    assert back.needs_note
    assert step_of("not_filled", "return") is None
    assert step_of("final", "fill") is None
    assert not may_take("filled", "finalise", frozenset(Duty))


def test_an_indicator_is_edited_by_its_team_until_it_is_checked():
    assert may_edit("filled", frozenset({Duty.FILLER}))
    assert not may_edit("checked", frozenset(Duty))
    assert not may_edit("not_filled", frozenset())


def test_the_assessment_is_sent_when_every_indicator_is_checked():
    assert blocking_send({1: "checked", 2: "final", 3: "filled", 4: "not_filled"}) == [3, 4]
    assert blocking_send({1: "checked", 2: "final"}) == []
