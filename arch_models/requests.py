"""OPD requests: the sub-domain label rules and the request life cycle, as plain data.

A request is drafted by an OPD, submitted, then decided (approved or rejected) by a reviewer,
or withdrawn by its requester before the decision. The rules live in the TRANSITIONS table so
the services, the pages and the tests read the same one.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Collection
from datetime import datetime, timedelta

from arch_models.errors import DomainError
from arch_models.reference.requests import LABEL_MAX, RESERVED_LABELS

__all__ = [
    "LabelProblem",
    "RequestAction",
    "RequestKind",
    "RequestState",
    "TRANSITIONS",
    "TransitionRefusedError",
    "allowed_actions",
    "fqdn_for",
    "is_overdue",
    "label_problems",
    "next_state",
    "normalise_label",
    "syntax_problems",
]

_LABEL_CHARACTERS = re.compile(r"^[a-z0-9-]+$")


class RequestKind(enum.StrEnum):
    """What an OPD asks for."""

    SUBDOMAIN = "subdomain"
    APPLICATION = "application"
    LINK = "link"


class RequestState(enum.StrEnum):
    """Where a request stands."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def is_open(self) -> bool:
        """Tell whether the request still waits for its requester or its decider."""
        return self in (RequestState.DRAFT, RequestState.SUBMITTED)


class RequestAction(enum.StrEnum):
    """What can be done to a request."""

    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    WITHDRAW = "withdraw"


#: (state, action) -> the state it leads to; any pair not here is refused
TRANSITIONS: dict[tuple[RequestState, RequestAction], RequestState] = {
    (RequestState.DRAFT, RequestAction.SUBMIT): RequestState.SUBMITTED,
    (RequestState.DRAFT, RequestAction.WITHDRAW): RequestState.WITHDRAWN,
    (RequestState.SUBMITTED, RequestAction.APPROVE): RequestState.APPROVED,
    (RequestState.SUBMITTED, RequestAction.REJECT): RequestState.REJECTED,
    (RequestState.SUBMITTED, RequestAction.WITHDRAW): RequestState.WITHDRAWN,
}

#: actions taken by the requesting side; the others are decisions
REQUESTER_ACTIONS = frozenset({RequestAction.SUBMIT, RequestAction.WITHDRAW})


class TransitionRefusedError(DomainError):
    """The action is not allowed in the request's state."""

    def __init__(self, state: RequestState, action: RequestAction):
        super().__init__(f"{action.value} is not allowed from {state.value}")
        self.state = state
        self.action = action


def next_state(state: RequestState, action: RequestAction) -> RequestState:
    """Return the state an action leads to, or raise TransitionRefusedError."""
    try:
        return TRANSITIONS[(RequestState(state), RequestAction(action))]
    except KeyError:
        raise TransitionRefusedError(RequestState(state), RequestAction(action)) from None


def allowed_actions(state: RequestState) -> tuple[RequestAction, ...]:
    """Return the actions the state allows, in the table's order."""
    return tuple(action for (source, action) in TRANSITIONS if source == state)


def is_overdue(submitted_at: datetime | None, now: datetime, days: int) -> bool:
    """Tell whether a submitted request has waited longer than the agreed days."""
    return submitted_at is not None and now - submitted_at > timedelta(days=days)


class LabelProblem(enum.StrEnum):
    """Why a sub-domain label cannot be given."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    BAD_CHARACTERS = "bad_characters"
    EDGE_HYPHEN = "edge_hyphen"
    #: "xn--" and other labels with "--" at positions 3-4 are kept for internationalised names
    IDN_PREFIX = "idn_prefix"
    RESERVED = "reserved"
    TAKEN = "taken"
    REQUESTED = "requested"


def normalise_label(raw: str | None) -> str:
    """Return the label as DNS compares it: trimmed and lower-case."""
    return (raw or "").strip().lower()


def label_problems(
    label: str,
    *,
    zone: str = "",
    taken: Collection[str] = (),
    requested: Collection[str] = (),
) -> list[LabelProblem]:
    """Return every rule a label breaks; empty when it can be requested.

    ``taken`` and ``requested`` hold FQDNs already registered or already asked for.
    """
    problems = syntax_problems(label)
    if problems:
        return problems
    label = normalise_label(label)
    if label in RESERVED_LABELS:
        return [LabelProblem.RESERVED]
    name = fqdn_for(label, zone)
    if name in taken:
        return [LabelProblem.TAKEN]
    if name in requested:
        return [LabelProblem.REQUESTED]
    return []


def syntax_problems(label: str) -> list[LabelProblem]:
    """Return the DNS syntax rules a label breaks (RFC 1035 as used for host names)."""
    label = normalise_label(label)
    if not label:
        return [LabelProblem.EMPTY]
    problems = []
    if len(label) > LABEL_MAX:
        problems.append(LabelProblem.TOO_LONG)
    if not _LABEL_CHARACTERS.match(label):
        problems.append(LabelProblem.BAD_CHARACTERS)
    if label.startswith("-") or label.endswith("-"):
        problems.append(LabelProblem.EDGE_HYPHEN)
    if label[2:4] == "--":
        problems.append(LabelProblem.IDN_PREFIX)
    return problems


def fqdn_for(label: str, zone: str) -> str:
    """Return the fully qualified name of a label under the zone."""
    label = normalise_label(label)
    zone = (zone or "").strip().lower().strip(".")
    return f"{label}.{zone}" if zone else label
