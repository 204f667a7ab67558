"""The results of the appeals a sentence states — “行政复议3件,1件结果维持,2件结果纠正”, “结果维持6件,尚未审结1件” —
each a claim on its column of 表四 (check_statements.py reads the sentences and holds the claims against the tables).

A result counts only after the review or suit it is of, in one sentence about disclosure with the agency as the
respondent; the subject is “review:upheld”, “litigation:pending” and the like.
"""

from __future__ import annotations

import re

from .statement_figures import APPEALS
from .statement_scope import about_disclosure, not_this_year, of_other_bodies

# The columns of 表四 by the words that name them (结果维持, 结果纠正, 尚未审结; 其他结果 is said in too many ways).
RESULT = re.compile(r"(?P<upheld>(?:结果)?维持(?:原)?(?:行政行为|决定|答复)?)"
                    r"|(?P<corrected>(?:结果)?(?:被纠错|纠错|纠正|确认违法))"
                    r"|(?P<pending>尚未审结|未审结|正在审理|审理中)")
# “维持1件”, “纠正结果1件”, “维持的2件”: the count right after the result
AFTER_RESULT = re.compile(r"\s*(?:结果|的|了|为)?\s*$")
# How far after its review or suit a result may be said (“行政复议6件,结果维持5件,尚未审结1件”)
NEAR = 40
# “1件结果维持”, “2件被纠错”: the result right after the count
BEFORE_RESULT = re.compile(r"\s*(?:结果)?\s*")


def appeal_result_claims(sentence: str, keywords, numbers, year: int | None, in_appeals: bool):
    """(subject, value, start, end) of each result the sentence counts."""
    found = []
    appeals = [(start, end, key) for start, end, key in keywords if key in APPEALS]
    for number in numbers:
        if number.group("unit") not in ("件", "起", "宗", "例", "个") or number.group("n2") or number.group("approx"):
            continue
        result = _result_of(sentence, number)
        if result is None:
            continue
        column, start, end = result
        before = [a for a in appeals if a[1] <= min(start, number.start())]
        if not before:
            continue
        appeal_start, appeal_end, appeal = before[-1]
        if min(start, number.start()) - appeal_end > NEAR or re.search(r"主动|自行", sentence[appeal_end:start]):
            continue  # “…行政复议0件,主动纠正错误信息2件”: the agency's own correction, not a review's result
        if len({a[2] for a in before}) > 1 and "其中" in sentence[appeal_end : min(start, number.start())]:
            continue  # “行政复议1宗、行政诉讼0宗,其中2宗维持原答复”: of both together, not of the last named
        if not about_disclosure(sentence, appeal_start, in_appeals) or not_this_year(sentence[:appeal_start], year) \
                or of_other_bodies(sentence, appeal_start):
            continue
        found.append((f"{appeal}:{column}", number, min(start, number.start()), max(end, number.end())))
    return found


def _result_of(sentence: str, number: re.Match) -> tuple[str, int, int] | None:
    """The column a count names, and where its words are: a result word just before or just after it."""
    for match in RESULT.finditer(sentence[: number.start()]):
        if AFTER_RESULT.fullmatch(sentence[match.end() : number.start()]):
            return match.lastgroup, match.start(), match.end()
    after = BEFORE_RESULT.match(sentence, number.end())
    match = RESULT.match(sentence, after.end())
    if match:
        return match.lastgroup, number.start(), match.end()
    return None
