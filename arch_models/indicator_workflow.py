"""The steps of an indicator in the internal assessment, and who of the team may take them.

Under PermenPANRB 8/2026 (docs/reference.md §7, Method) the self-assessment is done by the
instansi's internal assessor team: staff enter the evidence, the person in charge of the
indicator checks its completeness and validity, and the Koordinator Pemdi finalises and sends.
So each indicator moves ``belum diisi → diisi → diperiksa → final``, or one step back with a
note saying what to mend; while it is not yet checked its level and evidence may be edited.

Plain data in, plain data out: the registry tells who holds which duty on an indicator; this
module says what that person may do.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["ACTIONS", "Duty", "Step", "State", "allowed_actions", "blocking_send", "duties",
           "may_edit", "may_take", "step_of"]


class State(enum.StrEnum):
    """Where an indicator stands in the internal assessment."""

    NOT_FILLED = "not_filled"  #: belum diisi
    FILLED = "filled"  #: diisi: the staff say the level and evidence are in
    CHECKED = "checked"  #: diperiksa: the person in charge found them complete and valid
    FINAL = "final"  #: final: the Koordinator accepted it


class Duty(enum.StrEnum):
    """What a person is to one indicator of one assessment."""

    COORDINATOR = "coordinator"  #: Koordinator Pemdi of the whole assessment
    RESPONSIBLE = "responsible"  #: penanggung jawab of the indicator: checks it
    FILLER = "filler"  #: staff who fill it in


@dataclass(frozen=True, slots=True)
class Step:
    """One move of an indicator: from a state to another, by whom, and whether a note is due."""

    action: str
    source: State
    target: State
    by: frozenset
    needs_note: bool = False


_ANYONE_ON_IT = frozenset(Duty)
_CHECKERS = frozenset({Duty.RESPONSIBLE, Duty.COORDINATOR})
_COORDINATOR = frozenset({Duty.COORDINATOR})

#: every step; "return" goes one state back and always carries a note
STEPS = (
    Step("fill", State.NOT_FILLED, State.FILLED, _ANYONE_ON_IT),
    Step("check", State.FILLED, State.CHECKED, _CHECKERS),
    Step("finalise", State.CHECKED, State.FINAL, _COORDINATOR),
    Step("return", State.FILLED, State.NOT_FILLED, _CHECKERS, needs_note=True),
    Step("return", State.CHECKED, State.FILLED, _CHECKERS, needs_note=True),
    Step("return", State.FINAL, State.CHECKED, _COORDINATOR, needs_note=True),
)
ACTIONS = ("fill", "check", "finalise", "return")
_BY_KEY = {(s.action, s.source): s for s in STEPS}
#: the states in which the level and the evidence may still change
EDITABLE = frozenset({State.NOT_FILLED, State.FILLED})


def duties(person, *, coordinator, responsible, fillers):
    """Return the duties ``person`` holds on an indicator (all of them for the system, None).

    :param person: the person's id, or None for the system (the command line, the demo)
    :param coordinator: the Koordinator's id of the assessment, or None
    :param responsible: the indicator's person in charge, or None
    :param fillers: the ids of the staff who fill it
    """
    if person is None:
        return frozenset(Duty)
    held = set()
    if person == coordinator:
        held.add(Duty.COORDINATOR)
    if person == responsible:
        held.add(Duty.RESPONSIBLE)
    if person in set(fillers):
        held.add(Duty.FILLER)
    return frozenset(held)


def step_of(state, action):
    """Return the step ``action`` takes from ``state``, or None when it does not go from there."""
    return _BY_KEY.get((action, State(state)))


def may_take(state, action, held):
    """Tell whether someone with the duties ``held`` may take ``action`` from ``state``."""
    step = step_of(state, action)
    return step is not None and bool(step.by & held)


def allowed_actions(state, held):
    """Return the actions someone with the duties ``held`` may take from ``state``, in order."""
    return [a for a in ACTIONS if may_take(state, a, held)]


def may_edit(state, held):
    """Tell whether the level and evidence may be changed.

    Only by someone on the indicator, while it is not yet checked (a checked or final one is sent
    back first).
    """
    return bool(held) and State(state) in EDITABLE


def blocking_send(states):
    """Return the indicators that keep an assessment from being sent, sorted.

    The Koordinator sends when every indicator is at least checked (sending makes the checked
    ones final); ``states`` maps each indicator number to its state.
    """
    return sorted(n for n, state in states.items()
                  if State(state) not in (State.CHECKED, State.FINAL))
