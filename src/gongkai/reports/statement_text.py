"""Where a report's text speaks in sentences, and its sentences: a line break that only wraps a sentence (PDF text)
stays inside it."""

from __future__ import annotations

import re

from .parse import Parsed
from .statement_words import SENTENCE_END


def narrative_spans(parsed: Parsed) -> list[tuple[int, int]]:
    """Where the text speaks in sentences: sections 一, 五 and 六, and the sentences (lines with “。”) that
    some reports write above the tables of 二, 三 and 四; the whole text where no section was found."""
    sections = parsed.report.sections
    spans = []
    for body in (sections.overview, sections.problems, sections.other):
        if body:
            start = parsed.text.find(body)
            if start >= 0:
                spans.append((start, start + len(body)))
    if not spans:
        return [(0, len(parsed.text))]
    starts = sorted(start for start, _ in parsed.headings.values())
    for key in ("proactive", "applications", "appeals"):
        if key not in parsed.headings:
            continue
        begin = parsed.headings[key][1]
        end = min((s for s in starts if s > begin), default=len(parsed.text))
        position = begin
        for line in parsed.text[begin:end].split("\n"):
            if "。" in line and "|" not in line and "\t" not in line:
                spans.append((position, position + len(line)))
            position += len(line) + 1
    return spans


WRAP = re.compile(r"\n[ \t\u3000]*")
# A line a PDF's text ends where the page's margin is, not the sentence: long, without a stop, the next line
# going on in words (not a heading of its own).
WRAPPED_LINE = re.compile(r"[^\n]{20,}[^\s。.;；！？!?:：]$")
HEADING_START = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]\D"
                           r"|第[一二三四五六七八九十]+|[一二三四五六七八九十]是)")


def sentences(body: str) -> list[str]:
    """The sentences of a body of text, each with the one character that ended it left out; a line break that
    only wraps a sentence (PDF text) stays inside its sentence."""
    pieces, start = [], 0
    for match in SENTENCE_END.finditer(body):
        at = match.start()
        if body[at] == "\n" and _wraps(body, at):
            continue
        pieces.append(body[start:at])
        start = at + 1
    pieces.append(body[start:])
    return pieces


def _wraps(body: str, at: int) -> bool:
    line = body[body.rfind("\n", 0, at) + 1 : at]
    following = body[at + 1 : body.find("\n", at + 1) if "\n" in body[at + 1 :] else len(body)]
    return bool(WRAPPED_LINE.search(line.strip()) and following.strip() and not HEADING_START.match(following)
                and CJK_OR_DIGIT.match(following.strip()))


CJK_OR_DIGIT = re.compile(r"[\u4e00-\u9fff\d“《（(]")
