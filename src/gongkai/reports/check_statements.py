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

from .numerals import NUMBER, parse_number
from .parse import Parsed
from .parse.document import place_of
from .parse.normalize import to_ascii
from .statement_figures import APPEALS, DOC_SUBJECTS, GROUP_OF, Expected, expected, expected_rate

# --- the subjects a sentence can name ----------------------------------------------------------------

# Words that make “收到…申请” another kind of application: 收费/减免 (fees), 更正 (correcting records, art. 41),
# 延期/补正/撤回 (steps of a request already counted).
NOT_REQUESTS = (r"复议|诉讼|许可|投诉|信访|咨询|举报|热线|来信|来访|留言|审批|办件|政务服务"
                r"|收费|费用|缴费|减免|更正|延期|补正|撤回")
KEYWORDS: tuple[tuple[str, str], ...] = (
    # Barriers: what comes after them is not a figure of these tables.
    ("skip", r"(?:按时|按期|及时|限时|当场|提前)(?:办结|答复|回复|受理)率?|满意[率度]|知晓率|更新率|正确率|准确率"),
    ("skip", r"主动公开|预决算|预算|决算|三公经费|重点领域|政务公开事项|公开栏|网站|新媒体|公众号|浏览|访问|点击"),
    ("skip", r"同比|环比|较上一?年度?|比上一?年度?|较去年|比去年|较20\d{2}年|比20\d{2}年"
             r"|增长|下降|增加|减少|上升|提高|降低|上一?年度?(?!度?结转)|去年|往年(?!结转)|历年|平均|人次|自查|整改|问题|培训|会议|专题|解读"),
    # Rates.
    ("rate.completion", r"办结率|答复率"),
    ("rate.grant", r"(?:依申请)?公开率|予以公开率"),
    # Counts of requests.
    ("carried_in", r"上一?年度?结转|上一?年度?遗留|往年结转|20\d{2}年度?结转"),
    ("carried_out", r"结转(?:至|到)?下一?年度?(?:继续办理)?|转入下一?年度?|结转(?:至|到)?20\d{2}年"
                    r"|尚未办结|未办结|正在办理|仍在办理|在办|待办结"),
    ("carried_out_none", r"(?:无|没有|不存在)(?:结转|未办结)"),
    ("received", rf"(?:新收|收到|受理|接收|接到|共收|收悉)了?(?:(?!{NOT_REQUESTS})[^,;。\d]){{0,12}}?申请"),
    ("requests", r"(?:政府)?信息公开申请|依申请公开(?:事项|申请|信息)?|依申请(?:信息|事项)"
                 r"|办理(?:各类)?(?:政府信息公开)?申请"),
    ("concluded", r"办结|办理完毕|处理完毕|作出答复|予以答复|依法答复|答复"),
    ("granted", r"(?<!不)予以公开|同意公开|全部公开"),
    ("partial", r"部分公开"),
    ("denied", r"不予(?:以)?公开"),
    ("unable", r"无法提供"),
    ("not_processed", r"不予处理"),
    ("other_handling", r"其他处理"),
    ("natural", r"自然人"),
    ("organisations", r"法人或其他组织|法人和其他组织|法人|企业|社会组织"),
    # 行政复议 and 行政诉讼 of which the agency was the respondent.
    ("review", r"行政复议"),
    ("litigation_direct", r"未经复议直接起诉|直接(?:提起)?(?:行政)?诉讼|直接起诉"),
    ("litigation_after_review", r"复议后起诉|复议后(?:提起)?(?:行政)?诉讼"),
    ("litigation", r"行政诉讼|被(?:提起)?(?:行政)?诉讼|被起诉|行政应诉|(?<=[,、和及与])诉讼(?!费)"),
    # 规章 and 规范性文件 (表二), with the verb that says which column.
    ("doc.regulations", r"规章(?!制度)"),
    ("doc.normative_documents", r"(?:行政)?规范性文件"),
    ("verb.issued", r"制发|印发|出台|新制定|制定|发布"),
    ("verb.repealed", r"废止|废除|宣布失效"),
    ("verb.in_force", r"现行有效"),
)
KEYWORD = re.compile("|".join(f"(?P<k{i}>{pattern})" for i, (_, pattern) in enumerate(KEYWORDS)))
KEYS = [key for key, _ in KEYWORDS]
# What a percentage may describe; a count may describe every other subject.
PERCENT_SUBJECTS = {"rate.completion", "rate.grant", "granted", "partial", "denied", "unable", "not_processed",
                    "other_handling"}
COUNT_SUBJECTS = {"carried_in", "carried_out", "received", "requests", "concluded", "granted", "partial", "denied",
                  "unable", "not_processed", "other_handling", "natural", "organisations", "review",
                  "litigation_direct", "litigation_after_review", "litigation"}
# Subjects a “未/没有/无” before them states as none at all.
ZERO_SUBJECTS = {"received", "requests", "review", "litigation", "litigation_direct", "litigation_after_review",
                 "doc.regulations", "doc.normative_documents"}

CLAIM = re.compile(
    rf"(?P<pre>近|约|共计|共|计|合计|总计)?\s*(?P<n1>{NUMBER})"
    rf"(?:\s*(?:-|~|—|–|至|到)\s*(?P<n2>{NUMBER}))?\s*(?P<approx>余|多)?\s*"
    r"(?P<unit>件|条|宗|起|份|个(?=$|[,;。、)\]申案]|次)|%)(?P<post>左右)?"
)
NEGATION = re.compile(
    r"(?:未|没有|无(?!法|正当)|不存在)(?:发生|产生|出现|涉及|收到|受理|接到|接收|制发|出台|印发|制定|发布|新增)?"
    r"(?:(?!但|仅|只|按|及时|其中)[^\d%])*$"
)
ALL_ZERO = re.compile(r"^[^\d%]{0,6}?(?:(?:均|都|皆)(?:为|是)?|为|是)\s*(?:0|零)(?![\d.%件个条])")
ALL_DONE = re.compile(r"(?:均已|全部|已全部|均)(?:按期|依法|按时)?(?:办结|办理完毕|答复完毕)")
DISCLOSURE = re.compile(r"信息公开|依申请|公开申请|政务公开|该类")
REVIEW_BODY = re.compile(r"(?<!被)(?:受理|审理|办理|审结|复议机关|作出)[^,;。]*$")
YEAR = re.compile(r"(20\d{2})\s*年(?!\s*\d{1,2}\s*月)")
# “1件申请答复不够规范”: what is said of some of the requests, not how many were answered.
FAULT = re.compile(r"^[^,;。\d]{0,4}?(?:不够|不规范|不及时|不到位|不准确|不完整"
                   r"|超期|超时|逾期|延迟|存在|有误|错误|瑕疵)")
# Words of a plan or a target: what follows them is not a figure of the year reported on.
PLAN = re.compile(r"力争|争取|确保(?!了)|计划(?!生育)|拟(?!定)|目标|下一步|今后|明年|来年|预计|力求"
                  r"|(?<!经过)(?<!通过)努力|将(?:进一步|继续|持续|不断|着力|力争|确保|做到|实现|保持)|要(?:做到|实现|确保|保持)")
SENTENCE_END = re.compile(r"[。;！？!?\n]")
CLAUSE_END = re.compile(r"[,，:：]")
MAX_GAP = 14
RESULT_WORDS = re.compile(r"^[^,;。\d]{0,6}?(?:纠错|纠正|败诉|撤销|确认违法|责令)")
PARENTHESES = re.compile(r"\([^()]{0,60}\)")
# Other matters an agency answers and concludes (hotlines, mailboxes, deputies' proposals, licences): a count
# or a rate said of them is not of 表三, wherever in the sentence they come before it.
OTHER_MATTERS = re.compile(r"热线|12345|信箱|来信|来访|提案|建议|留言|诉求|工单|咨询|许可|审批|办件|信件|投诉|举报")
# “结果维持5件”: a result of the reviews or suits, not how many there were.
APPEAL_RESULT = re.compile(r"维持|纠正|纠错|驳回|撤销|败诉|胜诉|审结|确认违法|终止|撤诉|调解")
# “未收到因政府信息公开申请引起的行政诉讼”: the requests are the cause of what is denied, not what is denied.
CAUSE_OF = re.compile(r"^[^,;。]{0,8}?(?:引起|引发|产生|导致|而起|投诉|举报|复议|诉讼)")
CHANNEL = re.compile(r"网上|线上|在线|网络|纸质|当面|现场|信函|邮寄|电子邮件|邮件|传真|电话")
JOINED = re.compile(r"^(?:、|和|及|以及|与|或|,)?(?:被申请|提起|被提起|被)?$")


@dataclass(frozen=True)
class Claim:
    subject: str  # a key of KEYWORDS
    low: float
    high: float
    percent: bool
    text: str  # the words that state it: “收到申请12件”
    position: int  # in the report's text
    sentence: str


# --- reading the statements ------------------------------------------------------------------------


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


def statements(parsed: Parsed) -> list[Claim]:
    claims: list[Claim] = []
    appeals = parsed.headings.get("appeals")
    for start, end in narrative_spans(parsed):
        position = start
        # under the heading “四、政府信息公开行政复议、行政诉讼情况” every 行政复议 is one of 表四's
        in_appeals = appeals is not None and appeals[1] <= start and not any(
            appeals[1] < other[0] <= start for other in parsed.headings.values())
        for piece in _sentences(to_ascii(parsed.text[start:end])):
            if "|" not in piece and "\t" not in piece and piece.strip():
                # the words as published (，not ,), a sentence wrapped over lines joined again
                shown = WRAP.sub("", parsed.text[position : position + len(piece)])
                joined = WRAP.sub("", piece)
                for claim in _sentence_claims(joined, position, parsed.report.year, in_appeals):
                    at = joined.find(claim.text)
                    said = shown[at : at + len(claim.text)] if at >= 0 else claim.text
                    claims.append(replace(claim, text=said, sentence=shown.strip()))
            position += len(piece) + 1
    return claims


WRAP = re.compile(r"\n[ \t\u3000]*")
# A line a PDF's text ends where the page's margin is, not the sentence: long, without a stop, the next line
# going on in words (not a heading of its own).
WRAPPED_LINE = re.compile(r"[^\n]{20,}[^\s。.;；！？!?:：]$")
HEADING_START = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]\D"
                           r"|第[一二三四五六七八九十]+|[一二三四五六七八九十]是)")


def _sentences(body: str) -> list[str]:
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


def _keywords(sentence: str) -> list[tuple[int, int, str]]:
    """Every subject word of the sentence, left to right; the first pattern that fits wins (未办结 is not 办结)."""
    quiet = [m.span() for m in PARENTHESES.finditer(sentence) if not re.search(r"\d", m.group(0))]
    return [(m.start(), m.end(), KEYS[int(m.lastgroup[1:])]) for m in KEYWORD.finditer(sentence)
            if not any(a < m.start() < b for a, b in quiet)]  # a row's name in brackets: 其他处理（…申请）


CJK = re.compile(r"[\u4e00-\u9fff]")
OUTCOME_SUBJECTS = {"granted", "partial", "denied", "unable", "not_processed", "other_handling"}
# Words that say which requests “政府信息公开申请” right after them are.
QUALIFIES_REQUESTS = {"carried_in", "carried_out", "received", "concluded"}
# “共受理36件政府信息公开申请”: a verb of receiving right before the count, which the requests follow.
COUNT_FIRST = re.compile(r"(?:受理|收到|接收|接到|新收|共收)了?(?:共|共计|合计)?\s*"
                         r"[\d一二三四五六七八九十百两零〇]+\s*(?:件|个|份)$")
FORWARD = {"granted", "partial", "denied", "unable", "not_processed", "other_handling", "carried_out", "concluded"}


def _is_count(sentence: str, number: re.Match) -> bool:
    """A Chinese numeral counts only where the words stop after its unit: not 一条龙, 一件事."""
    if re.match(r"\d", number.group("n1")):
        return True
    after = sentence[number.end() : number.end() + 1]
    return not CJK.match(after) or after in "申政依予部不无结已均"


def _sentence_claims(sentence: str, offset: int, year: int | None, in_appeals: bool = False) -> list[Claim]:
    keywords = _keywords(sentence)
    claims = []
    numbers = list(CLAIM.finditer(sentence))
    claimed_keywords: set[int] = set()
    for number in numbers:
        if not _is_count(sentence, number):
            continue
        subject = _subject_of(sentence, keywords, number.start("n1") - (len(number.group("pre") or "")), year)
        if subject is None and number.group("unit") != "%":
            subject = _subject_after(sentence, keywords, number.end(), year)
        if subject is None:
            continue
        index, key = subject
        if key == "requests" and index and keywords[index - 1][2] in QUALIFIES_REQUESTS \
                and len(sentence[keywords[index - 1][1] : keywords[index][0]].strip()) <= 2:
            index, key = index - 1, keywords[index - 1][2]  # “上年结转政府信息公开申请2件” are the carried-over
        percent = number.group("unit") == "%"
        if key.startswith(("doc.", "verb.")):
            key = _document_subject(sentence, keywords, index, number.end())
            if key is None:
                continue
        if percent and key not in PERCENT_SUBJECTS or not percent and key not in COUNT_SUBJECTS | DOC_SUBJECTS:
            continue
        if key in APPEALS and not _about_disclosure(sentence, keywords[index][0], in_appeals):
            continue
        if key in APPEALS and APPEAL_RESULT.search(sentence[keywords[index][1] : number.start()]):
            continue
        if key in ("concluded", "rate.completion") and _about_other_matters(sentence, keywords[index][0]):
            continue
        if key in ("received", "requests", "concluded") and _one_channel(sentence, keywords[index][0], number.end()):
            continue
        if key == "rate.grant" and not _about_requests(sentence, keywords, index):
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
            start = min(keywords[index][0], number.start())
            end = max(keywords[index][1], number.end())
            claims.append(Claim(key, low, high, percent, sentence[start:end].strip(), offset + start,
                                sentence.strip()))
    claims = _without_breakdowns(claims)
    claims += _zero_claims(sentence, offset, keywords, numbers, claimed_keywords, year, in_appeals)
    return claims


def _without_breakdowns(claims: list[Claim]) -> list[Claim]:
    """“答复信息公开申请3件、纸质申请36件”: one subject given two figures in a sentence is a breakdown whose
    parts the words do not tell apart; none of them is held against the table."""
    figures: dict[str, set[tuple[float, float, bool]]] = {}
    for claim in claims:
        figures.setdefault(claim.subject, set()).add((claim.low, claim.high, claim.percent))
    return [claim for claim in claims if len(figures[claim.subject]) == 1]


def _one_channel(sentence: str, position: int, number_end: int) -> bool:
    """“网上申请3件”, “…申请3件、纸质申请36件”: the requests of one channel, a part of those received."""
    return bool(CHANNEL.search(sentence[max(0, position - 4) : position + 4])
                or re.match(r"[、,]\s*[^,;。\d]{0,6}申请[^,;。\d]{0,4}\d", sentence[number_end:]))


def _about_other_matters(sentence: str, position: int) -> bool:
    """“政协委员提案答复意见6件”, “办结市民热线160件”, “（人大建议、提案）…办结率100%”: another matter is named
    before the word, with no 申请 between them."""
    before = sentence[:position]
    ends = [match.end() for match in OTHER_MATTERS.finditer(before)]
    return bool(ends) and "申请" not in before[ends[-1] :]


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
    if OTHER_MATTERS.search(gap) or re.search(r"顺延|延期|延长", sentence[_clause_start(sentence, start) : start]):
        return None  # “办结市民热线160件”; “顺延至下一年答复2件” is carried over, not answered
    if _not_this_year(sentence[:start], year):
        return None
    return best, key


def _about_requests(sentence: str, keywords, index: int) -> bool:
    """“公开率” is the requests' only where its clause speaks of 申请 (not 预决算公开率, not 主动公开率)."""
    start, _end, _key = keywords[index]
    if sentence[start:].startswith(("依申请", "予以")):
        return True
    clause_from = _clause_start(sentence, start)
    barrier = any(k == "skip" and clause_from <= s < start for s, _, k in keywords)
    return "申请" in sentence[clause_from:start] and not barrier


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


def _joined_appeals(sentence: str, keywords, index: int, number: re.Match) -> list[tuple[int, str]]:
    """“被申请行政复议、提起行政诉讼共3件” is one count of both; “行政复议和行政诉讼各1件” a count of each."""
    start, _end, key = keywords[index]
    if index == 0:
        return [(index, key)]
    p_start, p_end, p_key = keywords[index - 1]
    if p_key not in APPEALS or not JOINED.match(sentence[p_end:start]):
        return [(index, key)]
    if re.search("各|均|分别", sentence[keywords[index][1] : number.start()]):
        return [(index - 1, p_key), (index, key)]
    return [(index, "appeals_all")]


def _subject_after(sentence: str, keywords, number_end: int, year: int | None) -> tuple[int, str] | None:
    """“其中6件予以公开”, “1件结转下年度”: the subject right after the count."""
    for index, (start, end, key) in enumerate(keywords):
        if start >= number_end:
            gap = sentence[number_end:start]
            forward = key in FORWARD or (key == "requests" and COUNT_FIRST.search(sentence[: number_end]))
            if forward and len(gap) <= 3 and not re.search(r"[\d%,，]", gap):
                if FAULT.match(sentence[end:]) or _not_this_year(sentence[:start], year):
                    return None
                return index, key
            return None
    return None


def _not_this_year(before: str, year: int | None) -> bool:
    """“2023年收到申请8件” in the report on 2024 speaks of another year; “下一步，力争办结率达到100%” and
    “计划制发规范性文件3件” of plans (section 五 is full of them)."""
    if PLAN.search(before):
        return True
    if year is None:
        return False
    years = YEAR.findall(CARRY_YEAR.sub("", before))
    return bool(years) and int(years[-1]) != year


# “2021年结转2件”, “结转2023年度继续办理”: the years a carry-over comes from or goes to, said of this year's figures
CARRY_YEAR = re.compile(r"20\d{2}\s*年度?\s*(?:结转|遗留)|(?:结转|转入)(?:至|到)?\s*20\d{2}\s*年度?")


def _clause_start(sentence: str, position: int) -> int:
    ends = [m.end() for m in CLAUSE_END.finditer(sentence, 0, position)]
    return ends[-1] if ends else 0


def _about_disclosure(sentence: str, position: int, in_appeals: bool = False) -> bool:
    """行政复议/行政诉讼 of this table: about information disclosure (said so, or under section 四's heading), with
    the agency as the respondent."""
    clause = sentence[_clause_start(sentence, position) : position]
    return (in_appeals or bool(DISCLOSURE.search(sentence))) and not REVIEW_BODY.search(clause)


def _document_subject(sentence: str, keywords, index: int, number_end: int) -> str | None:
    """“制发规范性文件2件”, “规范性文件…废止1件”, “制发的3件规范性文件”: the kind and the column."""
    kinds = [(s, k) for s, _, k in keywords if k.startswith("doc.")]
    verbs = [(s, k) for s, _, k in keywords if k.startswith("verb.")]
    start, _, key = keywords[index]
    if key.startswith("doc."):
        kind = key[4:]
        before = [k for s, k in verbs if s < start and not CLAUSE_END.search(sentence[s:start])]
        if not before:
            return None
        verb = before[-1]
    else:
        verb = key
        earlier = [k for s, k in kinds if s < start]
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
        if key in APPEALS and not _about_disclosure(sentence, start, in_appeals):
            continue
        if _not_this_year(sentence[:start], year):
            continue
        if key == "carried_out_none":
            if re.search("申请", sentence):
                claims.append(Claim("carried_out", 0, 0, False, sentence[start:end], offset + start, sentence.strip()))
            continue
        clause_from = _clause_start(sentence, start)
        window = sentence[max(clause_from, start - 24) : start]
        after = sentence[end:]
        negated = NEGATION.search(window) and not any(clause_from <= s < start for s, _ in number_spans)
        zero_after = ALL_ZERO.match(after)
        if zero_after and CLAUSE_END.search(after[: zero_after.end()]):
            zero_after = None
        if not (negated or zero_after) or RESULT_WORDS.match(after):
            continue  # “无行政复议被纠错案件” speaks of the result, not of the number of cases
        if re.match(r"(?:以|之)?外", after):
            continue  # “没有收到信息公开申请以外的其他申请” speaks of other applications
        if key in ("received", "requests") and CAUSE_OF.match(after):
            continue  # “未收到因政府信息公开申请引起的行政诉讼”, “未发生依申请公开投诉举报”
        subject = key
        if key.startswith("doc."):
            verbs = [k for s, _, k in keywords if k.startswith("verb.") and s < start and s >= clause_from]
            subject = f"{key}.{verbs[-1][5:] if verbs else 'issued'}"
        said = sentence[max(clause_from, start - 24) : end] if negated else sentence[start : end + zero_after.end()]
        claims.append(Claim(subject, 0, 0, False, said.strip(" ,，"), offset + start, sentence.strip()))
    done = ALL_DONE.search(sentence)
    if done and "申请" in sentence[: done.start()] and not re.search(r"上一?年度?结转", sentence):
        claims.append(Claim("carried_out", 0, 0, False, sentence[: done.end()].strip(), offset, sentence.strip()))
    return claims


# --- the check -------------------------------------------------------------------------------------


def check_statements(parsed: Parsed, apps: dict, appeals: dict) -> list[Finding]:
    findings, seen = [], set()
    for claim in statements(parsed):
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
    return Finding("narrative_mismatch", Severity.ERROR, message, f"{section}；{figure.where}")
