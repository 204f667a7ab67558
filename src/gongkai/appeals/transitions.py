"""Legal moves of an appeal case: open (pending) → closed with a result. Data, not if-chains."""

from .models import AppealResult

CLOSING_RESULTS = frozenset({AppealResult.UPHELD, AppealResult.CORRECTED, AppealResult.OTHER})
