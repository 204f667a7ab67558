"""The legal moves of a request, as data: state → {event kind: next state}, and who may make each move.

Creating a request (SUBMITTED online, REGISTERED by staff) is not a move: it gives the first state.
"""

from .models import EventKind as K
from .models import State as S

# Actor roles: a staff member of the agency, the head (负责人) who alone approves an extension,
# the applicant (via the query page), and the system (runperiodic closing lapsed deadlines).
STAFF, HEAD, APPLICANT, SYSTEM = "staff", "head", "applicant", "system"
ROLE_LABELS = {STAFF: "本机关工作人员", HEAD: "政府信息公开工作机构负责人", APPLICANT: "申请人", SYSTEM: "系统"}

_WORKING = {  # moves available while the request is being handled, with or without a pause
    K.EXTENDED: None,  # None: the state does not change
    K.ASSIGNED: None,
    K.WITHDRAWN: S.CLOSED,
}

TRANSITIONS: dict[str, dict[str, str | None]] = {
    S.SUBMITTED: {
        K.CONFIRMED: S.PROCESSING,
        K.ASSIGNED: None,
        K.WITHDRAWN: S.CLOSED,
    },
    S.PROCESSING: {
        **_WORKING,
        K.SUPPLEMENT_REQUESTED: S.AWAITING_SUPPLEMENT,
        K.CONSULTATION_OPENED: S.CONSULTING,
        K.FEE_NOTIFIED: S.AWAITING_FEE,
        K.TRANSFERRED: S.CLOSED,
        K.REPLIED: S.CLOSED,
    },
    S.AWAITING_SUPPLEMENT: {
        K.SUPPLEMENT_RECEIVED: S.PROCESSING,
        K.SUPPLEMENT_LAPSED: S.CLOSED,
        K.ASSIGNED: None,
        K.WITHDRAWN: S.CLOSED,
    },
    S.CONSULTING: {
        **_WORKING,
        K.CONSULTATION_ANSWERED: S.PROCESSING,
        K.CONSULTATION_LAPSED: S.PROCESSING,
    },
    S.AWAITING_FEE: {
        **_WORKING,
        K.FEE_CORRECTED: None,  # a corrected notice replaces the unpaid one (109号: one notice in force)
        K.FEE_PAID: S.PROCESSING,
        K.FEE_LAPSED: S.CLOSED,
    },
    S.CLOSED: {
        K.DELIVERED: None,
        K.CORRECTED: None,
    },
}

ROLES: dict[str, frozenset[str]] = {
    K.CONFIRMED: frozenset({STAFF}),
    K.SUPPLEMENT_REQUESTED: frozenset({STAFF}),
    K.SUPPLEMENT_RECEIVED: frozenset({STAFF, APPLICANT}),
    K.SUPPLEMENT_LAPSED: frozenset({STAFF, SYSTEM}),
    K.CONSULTATION_OPENED: frozenset({STAFF}),
    K.CONSULTATION_ANSWERED: frozenset({STAFF}),
    K.CONSULTATION_LAPSED: frozenset({STAFF, SYSTEM}),
    K.EXTENDED: frozenset({HEAD}),
    K.FEE_NOTIFIED: frozenset({STAFF}),
    K.FEE_CORRECTED: frozenset({STAFF}),
    K.FEE_PAID: frozenset({STAFF}),
    K.FEE_LAPSED: frozenset({STAFF, SYSTEM}),
    K.ASSIGNED: frozenset({STAFF}),
    K.WITHDRAWN: frozenset({STAFF, APPLICANT}),
    K.TRANSFERRED: frozenset({STAFF}),
    K.REPLIED: frozenset({STAFF}),
    K.DELIVERED: frozenset({STAFF}),
    K.CORRECTED: frozenset({STAFF}),
}

# The outcome a closing move fixes by itself (replies carry theirs in the event data).
CLOSING_OUTCOMES = {
    K.SUPPLEMENT_LAPSED: "other.no_supplement",
    K.FEE_LAPSED: "other.fee_unpaid",
    K.WITHDRAWN: "other.other",
    K.TRANSFERRED: "unable.not_held",
}


def next_state(state: str, kind: str) -> str | None:
    """The state after `kind` in `state`, or raises KeyError when the move is not legal there.

    Returns the same state for moves that leave it unchanged."""
    moves = TRANSITIONS[state]
    if kind not in moves:
        raise KeyError(kind)
    target = moves[kind]
    return state if target is None else target


def allowed_kinds(state: str) -> list[str]:
    return list(TRANSITIONS[state])
