"""What the report's text states about its own figures, against its tables (`narrative_mismatch`).

A statement is a number (Arabic or Chinese numerals, a range, “10余件”, a percentage, or a “未/没有/无”)
tied to the SUBJECT the sentence names right before it, in the same clause: 新收/收到申请, 上年结转,
办结/答复, 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理, 结转下年度/尚未办结, 行政复议,
行政诉讼, 规章/规范性文件 制发/废止/现行有效, and the rates 办结率/答复率/依申请公开率 and “予以公开占60%”.
Only a statement whose subject is unambiguous is compared: a number after 同比/较上年/增长, after another
year, about 主动公开 or 预决算, or about a 行政复议 the agency decided as the review body says nothing
about these tables. Each finding quotes the sentence and names the cell it contradicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from gongkai.statute.outcomes import OUTCOMES
from gongkai.statute.report import (
    Finding,
    Severity,
)

from .numerals import parse_number
from .parse import Parsed
from .parse.document import place_of
from .parse.normalize import to_ascii
from .statement_appeals import appeal_result_claims
from .statement_figures import APPEALS, DOC_SUBJECTS, GROUP_OF, Expected, expected, expected_rate
from .statement_scope import (
    about_disclosure,
    appeal_follows,
    by_channel,
    carry_year_fits,
    clause_start,
    in_breakdown,
    last_joined_appeal,
    not_this_year,
    one_kind_of_applicant,
    speaks_for_its_area,
    stands,
)
from .statement_text import WRAP, narrative_spans, sentences
from .statement_words import (
    ALL_DONE,
    ALL_ZERO,
    APPEAL_FIRST,
    APPEAL_GAP,
    AREA_PARAGRAPH,
    CAUSE_OF,
    CJK,
    CLAIM,
    CLAUSE_END,
    COUNT_FIRST,
    COUNT_SUBJECTS,
    FAULT,
    FEES,
    FORWARD,
    ISSUER,
    JOINED,
    KEYS,
    KEYWORD,
    MAX_GAP,
    NEGATION,
    OTHER_MATTERS,
    OUTCOME_SUBJECTS,
    PARENTHESES,
    PERCENT_SUBJECTS,
    QUALIFIES_REQUESTS,
    REASON_ROWS,
    RESULT_WORDS,
    TITLE_MARKS,
    VERB_TO_COUNT,
    WHOLE_AREA,
    ZERO_SUBJECTS,
)


@dataclass(frozen=True)
class Claim:
    subject: str  # a key of KEYWORDS
    low: float
    high: float
    percent: bool
    text: str  # the words that state it: “收到申请12件”
    position: int  # in the report's text
    sentence: str
    # said of 全县/全市…: the tables may hold the government's own requests only (本级), so a difference is
    # worth a look, not proof of an error
    area: bool = False


# --- reading the statements ------------------------------------------------------------------------


def statements(parsed: Parsed) -> list[Claim]:
    claims: list[Claim] = []
    appeals = parsed.headings.get("appeals")
    whole_area = speaks_for_its_area(parsed.report.agency)
    for start, end in narrative_spans(parsed):
        position = start
        # under the heading “四、政府信息公开行政复议、行政诉讼情况” every 行政复议 is one of 表四's
        in_appeals = appeals is not None and appeals[1] <= start and not any(
            appeals[1] < other[0] <= start for other in parsed.headings.values())
        for piece in sentences(to_ascii(parsed.text[start:end])):
            if "|" not in piece and "\t" not in piece and piece.strip():
                # the words as published (，not ,), a sentence wrapped over lines joined again
                shown = WRAP.sub("", parsed.text[position : position + len(piece)])
                joined = WRAP.sub("", piece)
                # “本级” is the agency's own level: beside its area's total only in a government's report
                # so is “其中本机关…”: a part beside the total, which only an area's report sets apart
                area = any(whole_area or not re.match("本级|其中", m.group(0))
                           for m in AREA_PARAGRAPH.finditer(_paragraph(parsed.text, position)))
                # “区本级政府及政府办共收到…39件”: the sentence itself says whose
                area = area and not ("本级" in joined and not WHOLE_AREA.search(joined))
                for claim in _sentence_claims(joined, position, parsed.report.year, in_appeals, whole_area):
                    at = joined.find(claim.text)
                    said = shown[at : at + len(claim.text)] if at >= 0 else claim.text
                    claims.append(replace(claim, text=said, sentence=shown.strip(), area=claim.area or area))
            position += len(piece) + 1
    return claims


def _paragraph(text: str, position: int) -> str:
    """The line (paragraph) a position falls in: a government's report gives its area's figures over several
    sentences (“全市新受理…1681件…；答复…1641件，其中予以公开…”), its own often in the next."""
    return text[text.rfind("\n", 0, position) + 1 : (text.find("\n", position) + 1 or len(text) + 1) - 1]


def _keywords(sentence: str) -> list[tuple[int, int, str]]:
    """Every subject word of the sentence, left to right; the first pattern that fits wins (未办结 is not 办结)."""
    quiet = [m.span() for m in PARENTHESES.finditer(sentence) if not re.search(r"\d", m.group(0))]
    quiet += [m.span() for m in TITLE_MARKS.finditer(sentence)]  # 《…企业用工服务…的通知》: a document's title
    return [(m.start(), m.end(), KEYS[int(m.lastgroup[1:])]) for m in KEYWORD.finditer(sentence)
            if not any(a < m.start() < b for a, b in quiet)]  # a row's name in brackets: 其他处理（…申请）


def _is_count(sentence: str, number: re.Match) -> bool:
    """A Chinese numeral counts only where the words stop after its unit: not 一条龙, 一件事."""
    if re.match(r"\d", number.group("n1")):
        return True
    after = sentence[number.end() : number.end() + 1]
    return not CJK.match(after) or after in "申政依予部不无结已均"


def _sentence_claims(sentence: str, offset: int, year: int | None, in_appeals: bool = False,
                     whole_area: bool = True) -> list[Claim]:
    """The counts and rates one sentence states; `whole_area`: the report may speak for 全县/全市 (a county-or-above
    government's own report), else such a count is not of its tables."""
    keywords = _keywords(sentence)
    claims = []
    numbers = list(CLAIM.finditer(sentence))
    claimed_keywords: set[int] = set()
    claimed_numbers: set[int] = set()
    for number in numbers:
        if not _is_count(sentence, number):
            continue
        subject = _subject_of(sentence, keywords, number.start("n1") - (len(number.group("pre") or "")), year)
        if subject is None and number.group("unit") != "%":
            subject = _subject_after(sentence, keywords, number.end(), year)
        if subject is None:
            continue
        index, key = _qualified(sentence, keywords, *subject)
        if not carry_year_fits(sentence[keywords[index][0] : keywords[index][1]], key, year):
            continue
        index, key = _reason_row(sentence, keywords, index, key)
        percent = number.group("unit") == "%"
        if key.startswith(("doc.", "verb.")):
            key = _document_subject(sentence, keywords, index, number)
            if key is None or in_breakdown(sentence, number.start()):
                continue
        if percent and key not in PERCENT_SUBJECTS or not percent and key not in COUNT_SUBJECTS | DOC_SUBJECTS:
            continue
        if not stands(sentence, keywords, index, key, number, in_appeals, whole_area):
            continue
        if key in OUTCOME_SUBJECTS and _joined_outcomes(sentence, keywords, index):
            # “予以公开及部分公开258件”, “予以公开和部分公开的比例为80%”: the sum of the rows named, not the
            # last one's figure; “…各2件” states each, which the words do not tie to one figure
            if re.search("各|均|分别", sentence[keywords[index][1] : number.start()]):
                continue
            index, key = _joined_subject(sentence, keywords, index)
        if key in GROUP_OF:
            key = _outcome_row(key, sentence[keywords[index][1] : number.start()])
        subjects = [(index, key)]
        if key in APPEALS:
            subjects = _joined_appeals(sentence, keywords, index, number)
        low, high = _bounds(number)
        if low is None:
            continue
        for index, key in subjects:
            claimed_keywords.add(index)
            claimed_numbers.add(number.start())
            start = min(keywords[index][0], number.start())
            end = max(keywords[index][1], number.end())
            claims.append(Claim(key, low, high, percent, sentence[start:end].strip(), offset + start,
                                sentence.strip(), bool(WHOLE_AREA.search(sentence[:start]))))
    claims += _zero_claims(sentence, offset, keywords, numbers, claimed_keywords, year, in_appeals)
    for subject, number, start, end in appeal_result_claims(sentence, keywords, numbers, year, in_appeals):
        claimed_numbers.add(number.start())
        low, high = _bounds(number)
        claims.append(Claim(subject, low, high, False, sentence[start:end].strip(), offset + start, sentence.strip(),
                            bool(WHOLE_AREA.search(sentence[:start]))))
    # “因本机关不掌握相关政府信息无法提供2件，信息不存在的1件”: a count after a reason, of a reason that is no
    # row's, may belong to that row too — the agency's reasons split it
    loose = [n.start() for n in numbers if n.start() not in claimed_numbers and n.group("unit") != "%"]
    claims = [c for c in claims if c.subject not in REASON_ROWS or not any(at > c.position - offset for at in loose)]
    return _without_breakdowns(claims)


def _qualified(sentence: str, keywords, index: int, key: str) -> tuple[int, str]:
    """“上年结转政府信息公开申请2件” are the carried-over; “予以公开答复966件” the granted, not all answered."""
    if not index or len(sentence[keywords[index - 1][1] : keywords[index][0]].strip()) > 2:
        return index, key
    before = keywords[index - 1][2]
    # “本机关不掌握政府信息答复4条”: the answers of one reason, not all answered
    if key == "requests" and before in QUALIFIES_REQUESTS \
            or key == "concluded" and before in OUTCOME_SUBJECTS | REASON_ROWS:
        return index - 1, before
    return index, key


def _without_breakdowns(claims: list[Claim]) -> list[Claim]:
    """“答复信息公开申请3件、纸质申请36件”: one subject given two figures in a sentence is a breakdown whose
    parts the words do not tell apart; none of them is held against the table."""
    figures: dict[str, set[tuple[float, float, bool]]] = {}
    for claim in claims:
        figures.setdefault(claim.subject, set()).add((claim.low, claim.high, claim.percent))
    return [claim for claim in claims if len(figures[claim.subject]) == 1]


def _subject_of(sentence: str, keywords, number_at: int, year: int | None) -> tuple[int, str] | None:
    """The nearest subject word before the number in its clause, with nothing between that changes its meaning."""
    best = None
    for index, (_start, end, _key) in enumerate(keywords):
        if end <= number_at:
            best = index
    if best is None:
        return None
    start, end, key = keywords[best]
    gap = PARENTHESES.sub("", sentence[end:number_at])
    if key == "skip" or len(gap) > MAX_GAP or re.search(r"\d|%", gap) or CLAUSE_END.search(gap):
        return None
    if re.search(r"其中|含|包括", gap):
        return None  # “共办理4件政府信息公开申请（其中当年收到3件”: a part of those named
    if OTHER_MATTERS.search(gap) or re.search(r"顺延|延期|延长", sentence[clause_start(sentence, start) : start]):
        return None  # “办结市民热线160件”; “顺延至下一年答复2件” is carried over, not answered
    if not_this_year(sentence[:start], year):
        return None
    return best, key


def _joined_outcomes(sentence: str, keywords, index: int) -> bool:
    """The outcome is the last of several joined by 和/及/与/或/、 (“予以公开和部分公开”)."""
    if index == 0:
        return False
    _p_start, p_end, p_key = keywords[index - 1]
    return p_key in OUTCOME_SUBJECTS and bool(re.fullmatch(r"\s*(?:和|及|以及|与|或|或者|、|加|\+)\s*",
                                                           sentence[p_end : keywords[index][0]]))


def _joined_subject(sentence: str, keywords, index: int) -> tuple[int, str]:
    """“不予公开、无法提供和不予处理”: every outcome of the chain, as one subject “sum:denied+unable+…”,
    from the chain's first word."""
    first = index
    while _joined_outcomes(sentence, keywords, first):
        first -= 1
    return first, "sum:" + "+".join(keywords[i][2] for i in range(first, index + 1))


def _outcome_row(key: str, gap: str) -> str:
    """“不予公开（保护第三方合法权益）1件”: the one row of 表三 the parenthesis names."""
    inside = re.search(r"\(([^()]{2,60})\)", gap)
    if not inside:
        return key
    words = inside.group(1).replace("“", "").replace("”", "")
    for outcome in OUTCOMES:
        label = outcome.label.replace("“", "").replace("”", "")
        if outcome.group is GROUP_OF[key] and outcome.number and (label in words or words in label):
            return f"row:{outcome.key}"
    return key


def _reason_row(sentence: str, keywords, index: int, key: str) -> tuple[int, str]:
    """“因属于国家秘密不予公开1件”: the row of the outcome its reason names, said just before it."""
    if key not in GROUP_OF or not index:
        return index, key
    _start, end, reason = keywords[index - 1]
    between = sentence[end : keywords[index][0]]
    # not “因本机关不掌握等原因无法提供265件”: the reasons of the whole group
    if reason.startswith(f"row:{GROUP_OF[key].value}.") and re.fullmatch(r"[^,;。\d等]{0,12}", between):
        return index - 1, reason
    return index, key


def _joined_appeals(sentence: str, keywords, index: int, number: re.Match) -> list[tuple[int, str]]:
    """“被申请行政复议、提起行政诉讼共3件” is one count of both; “行政复议和行政诉讼各1件” a count of each."""
    start, _end, key = keywords[index]
    if index == 0:
        return [(index, key)]
    p_start, p_end, p_key = keywords[index - 1]
    if p_key not in APPEALS or not JOINED.match(sentence[p_end:start]):
        return [(index, key)]
    if "," in sentence[p_end:start] and NEGATION.search(sentence[clause_start(sentence, p_start) : p_start]):
        return [(index, key)]  # “未发生…行政复议,行政诉讼1件”: the first is none, the count the second's
    if re.search("各|均|分别", sentence[keywords[index][1] : number.start()]):
        return [(index - 1, p_key), (index, key)]
    return [(index, "appeals_all")]


def _subject_after(sentence: str, keywords, number_end: int, year: int | None) -> tuple[int, str] | None:
    """“其中6件予以公开”, “1件结转下年度”, “发生2起政府信息公开行政诉讼”: the subject right after the count."""
    for index, (start, end, key) in enumerate(keywords):
        if start >= number_end:
            gap = sentence[number_end:start]
            if key in APPEALS and APPEAL_FIRST.search(sentence[:number_end]) and (
                    len(gap) <= 3 and not re.search(r"[\d%,，]", gap) or APPEAL_GAP.fullmatch(gap)):
                return last_joined_appeal(sentence, keywords, index)
            forward = key in FORWARD or (key == "requests" and COUNT_FIRST.search(sentence[: number_end])
                                         and not appeal_follows(keywords, index))
            if forward and len(gap) <= 3 and not re.search(r"[\d%,，]", gap):
                if FAULT.match(sentence[end:]) or not_this_year(sentence[:start], year):
                    return None
                return index, key
            return None
    return None


def _document_subject(sentence: str, keywords, index: int, number: re.Match) -> str | None:
    """“制发规范性文件2件”, “规范性文件…废止1件”, “制发的3件规范性文件”: the kind and the column."""
    kinds = [(s, k) for s, _, k in keywords if k.startswith("doc.")]
    verbs = [(s, k) for s, _, k in keywords if k.startswith("verb.")]
    start, _, key = keywords[index]
    if re.search("历年|累计|集中公开|清理|梳理|汇编", sentence[clause_start(sentence, start) : start]):
        return None  # “集中公开历年现行有效行政规范性文件108件”: a library's, not this year's table
    if key.startswith("doc."):
        kind = key[4:]
        before = [(s, k) for s, k in verbs if s < start and not CLAUSE_END.search(sentence[s:start])]
        if not before or ISSUER.search(sentence[before[-1][0] : start]):
            return None  # “发布市政府和市政府办公厅行政规范性文件50件”: one issuer's, a part of the table's
        verb = before[-1][1]
    else:
        verb, number_end = key, number.end()
        # “规范性文件共制发3件,废止1件”: the kind before, the count right after its verb — not “制作规范性文件82份,
        # 微信公众号…发布推文99条”, where the verb has an object of its own
        right_after = VERB_TO_COUNT.fullmatch(sentence[keywords[index][1] : number.start()])
        # and no 信息 between the kind and the verb: “规范性文件相关信息发布3条” are items published
        earlier = [k for s, k in kinds if s < start and right_after and "信息" not in sentence[s:start]]
        later = [k for s, k in kinds if number_end <= s <= number_end + 2]
        if not earlier and not later:
            return None
        kind = (later or earlier)[0][4:] if later else earlier[-1][4:]
    return f"doc.{kind}.{verb[5:]}"


def _bounds(number: re.Match) -> tuple[float | None, float]:
    low = parse_number(number.group("n1"))
    if low is None:
        return None, 0
    high = parse_number(number.group("n2")) if number.group("n2") else low
    if high is None:
        return None, 0
    if number.group("approx"):
        return low, max(low * 2, low + 10)
    if number.group("pre") == "近":
        return low * 0.7, low
    if number.group("pre") == "约" or number.group("post"):
        return low * 0.8, low * 1.2
    return min(low, high), max(low, high)


def _zero_claims(sentence: str, offset: int, keywords, numbers, claimed: set[int], year,
                 in_appeals: bool = False) -> list[Claim]:
    """“未收到依申请公开事项”, “未发生…行政复议和行政诉讼”, “…均为0”, “申请均已办结”: none at all."""
    claims = []
    number_spans = [(n.start(), n.end()) for n in numbers]
    for index, (start, end, key) in enumerate(keywords):
        if index in claimed or key not in ZERO_SUBJECTS | {"carried_out_none"}:
            continue
        if key in APPEALS and not about_disclosure(sentence, start, in_appeals):
            continue
        if not_this_year(sentence[:start], year):
            continue
        if key == "carried_out_none":
            if re.search("申请", sentence):
                last_year = re.search(r"上一?年度?\s*$", sentence[:start])  # “上年无结转”: none carried in
                both = ["carried_in", "carried_out"] if "上" in sentence[start:end] else \
                    ["carried_in"] if last_year else ["carried_out"]
                claims += [Claim(subject, 0, 0, False, sentence[start:end], offset + start, sentence.strip())
                           for subject in both]
            continue
        clause_from = clause_start(sentence, start)
        window = sentence[max(clause_from, start - 24) : start]
        after = sentence[end:]
        negated = NEGATION.search(window) and not any(clause_from <= s < start for s, _ in number_spans) \
            or key in APPEALS and _joined_to_zero(sentence, keywords, index, claims)
        zero_after = ALL_ZERO.match(after)
        if zero_after and CLAUSE_END.search(after[: zero_after.end()]):
            zero_after = None
        if not (negated or zero_after) or RESULT_WORDS.match(after):
            continue  # “无行政复议被纠错案件” speaks of the result, not of the number of cases
        if re.match(r"(?:以|之)?外", after) or key.startswith("doc.") and re.match(r"\s*公开", after):
            continue  # “没有收到信息公开申请以外的其他申请” speaks of other applications; “无行政规范性文件公开”
            # of documents published, not issued
        if key in ("received", "requests") and (CAUSE_OF.match(after) or FEES.match(after)):
            continue  # “未收到因…申请引起的行政诉讼”, “未发生依申请公开投诉举报”, “未对公众依申请公开…收取任何费用”
        if key in ("received", "requests") and (one_kind_of_applicant(sentence[clause_from:end])
                                                 or re.match(r"[^,;。]{0,10}?(?:案例|案件|纠纷)", after)):
            continue  # “未收到法人或者其他组织对…的申请”: one kind; “未产生依申请公开政府信息案例”: no dispute
        if key in ("received", "requests") and re.search("直接|属性|定为|列为|收取", sentence[clause_from:end]):
            continue  # “未直接收受…依申请公开事务” (others came through a body), “公开属性定为依申请公开”: documents;
            # “未收取依申请公开事项信息处理费”: fees
        subject = key
        if key == "requests":
            subject = _qualified(sentence, keywords, index, key)[1]  # “无上年结转政府信息公开申请”: carried_in 0
        subjects = [subject]
        if key.startswith("doc."):
            subjects = _denied_documents(sentence, keywords, key, clause_from, start)
        # “无上年结转政府信息公开申请”: 上年结转 and the requests it qualifies say the one none
        subjects = [s for s in subjects if s not in {c.subject for c in claims}]
        said = sentence[max(clause_from, start - 24) : end] if negated else sentence[start : end + zero_after.end()]
        claims += [Claim(subject, 0, 0, False, said.strip(" ,，"), offset + start, sentence.strip(),
                         bool(WHOLE_AREA.search(sentence[:start]))) for subject in subjects]
    done = ALL_DONE.search(sentence)
    if done and "申请" in sentence[: done.start()] and not re.search(r"上一?年度?结转", sentence) \
            and not by_channel(sentence, done.start()):
        claims.append(Claim("carried_out", 0, 0, False, sentence[: done.end()].strip(), offset, sentence.strip()))
    return claims


def _joined_to_zero(sentence: str, keywords, index: int, claims: list[Claim]) -> bool:
    """“没有发生…行政复议或行政诉讼”: an appeal joined to one just stated as none is none too."""
    if not index or not claims or claims[-1].subject not in APPEALS:
        return False
    _start, end, before = keywords[index - 1]
    return before in APPEALS and bool(JOINED.match(sentence[end : keywords[index][0]]))


def _denied_documents(sentence: str, keywords, key: str, clause_from: int, start: int) -> list[str]:
    """“未制发规范性文件”: none issued; “未制发或废止…”, “未制定、修改和废止…”: none of each verb joined."""
    verbs = [(s, e, k) for s, e, k in keywords if k.startswith("verb.") and clause_from <= s < start]
    if not verbs:
        return [f"{key}.issued"]
    chain = [verbs[-1]]
    for verb in reversed(verbs[:-1]):
        if not re.fullmatch(r"\s*(?:或者?|和|及|与|、|也未|或未|、未)\s*", sentence[verb[1] : chain[0][0]]):
            break
        chain.insert(0, verb)
    return list(dict.fromkeys(f"{key}.{k[5:]}" for _, _, k in chain))


# --- the check -------------------------------------------------------------------------------------


def check_statements(parsed: Parsed, apps: dict, appeals: dict) -> list[Finding]:
    findings, seen = [], set()
    claims = statements(parsed)
    # “予以公开13件” of the new requests, then “上年结转办理1件,予以公开1件”: parts of one cell, which add up to it
    parts: dict[str, float] = {}
    for claim in {(c.position, c.subject): c for c in claims if not c.percent and c.subject in GROUP_OF}.values():
        parts[claim.subject] = parts.get(claim.subject, 0) + claim.high
    for claim in claims:
        if claim.percent:
            figure = expected_rate(claim.subject, apps)
            tolerance = 1.0
        else:
            figure = expected(claim.subject, apps, appeals, parsed.report.proactive)
            tolerance = 0.0
        if figure is None:
            continue
        if any(claim.low - tolerance <= value <= claim.high + tolerance for value in figure.accepted):
            continue
        if not claim.percent and parts.get(claim.subject) in figure.accepted:
            continue
        key = (claim.position, claim.subject)
        if key in seen:
            continue
        seen.add(key)
        findings.append(_finding(parsed, claim, figure))
    return findings


def _finding(parsed: Parsed, claim: Claim, figure: Expected) -> Finding:
    section = place_of(parsed, claim.position)
    sentence = claim.sentence if len(claim.sentence) <= 120 else claim.sentence[:117] + "…"
    if claim.percent:
        tables = f"按表三计算应为{figure.value:.1f}%（{figure.shown}）"
    else:
        value = f"{figure.value:.0f}"
        tables = f"但表{figure.where[1]}“{figure.label}”为{value}件"
    said = "" if claim.text == sentence else f"，其中“{claim.text}”"
    message = f"“{section}”称“{sentence}”{said}，{tables}"
    if claim.area:
        message += "（正文所述为全辖区数字；表格若只统计本级，则不属矛盾，请核对统计口径）"
    severity = Severity.WARNING if claim.area else Severity.ERROR
    return Finding("narrative_mismatch", severity, message, f"{section}；{figure.where}")
