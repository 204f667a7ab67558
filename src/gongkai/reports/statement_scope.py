"""Whose figure, and which, a count in a report's sentence is: this agency's cell of its tables, or a part of it,
another matter's, another body's (check_statements.py reads the sentences; these words decide what stands)."""

from __future__ import annotations

import re

from .statement_figures import APPEALS, GROUP_OF
from .statement_words import (
    APPEAL_RESULT,
    CARRY_YEAR,
    CHANNEL_WORD,
    CLAUSE_END,
    COUNT_FIRST,
    DISCLOSURE,
    JOINED,
    OTHER_BODIES,
    OTHER_MATTERS,
    OWN_BODY,
    OWN_PART,
    PARENTHESES,
    PART_OF_REQUESTS,
    PLAN,
    REVIEW_BODY,
    TITLE_MARKS,
    WHOLE_AREA,
    YEAR,
)

OUTCOMES = set(GROUP_OF)


def stands(sentence: str, keywords, index: int, key: str, number: re.Match, in_appeals: bool,
            whole_area: bool) -> bool:
    """The words tie the number to the subject's cell: not a part of it, not another matter's, not another body's."""
    start, end, _key = keywords[index]
    clause = sentence[clause_start(sentence, start) : start]
    if WHOLE_AREA.search(clause) and (not whole_area or OWN_PART.search(sentence)):
        return False  # “全县共受理…62件” in a 县政府办公室's report or beside “其中县政府受理36件”: beyond its table
    if key == "requests" and index and keywords[index - 1][2] == "skip" and keywords[index - 1][1] >= start - 1:
        return False  # “按时答复依申请公开2件”: those answered in time
    if re.match(r"(?:平台|系统|专栏|栏目|网站|窗口)", sentence[end:]):
        return False  # “其中依申请公开平台36件、邮寄15件”: a channel named after the requests
    if not whole_area and re.search(
            r"向[^,;。]{0,12}?(?:省|市|县|区)(?:人民)?政府[^,;。]{0,12}?提出", sentence[:start]):
        return False  # a 街道's “受理…向市政府及市政府办公室提出的…申请5件”: the government's, copied (and the
        # rate after it, “…176件,办复率达到了100%”)
    if key in ("received", "requests") and re.search(r"其中[^。;]*(?:协助|配合|代为)", sentence[number.end() :]):
        return False  # “收到9件…申请，其中5件为协助市政务公开科办理”: not all of them the agency's own
    since = clause_start(sentence, start) - 1 if key in APPEALS else 0
    if of_other_bodies(sentence, start, since, None if whole_area else WHOLE_AREA):
        return False  # a review or suit is named anew: only its own clause says whose it is
    if key in APPEALS:
        gap = sentence[end : number.start()]
        return about_disclosure(sentence, start, in_appeals) and not APPEAL_RESULT.search(gap) \
            and not re.match(r"(?:决定书|决定|文书|答复书|案卷)", gap)  # “行政复议决定书20份”: documents
    if number.group("unit") == "次" and key not in ("received", *APPEALS):
        return False  # “依申请公开2次”, “办结3次”: times, of what is not said; “收到…申请0次”, “行政复议2次” are counts
    if key == "organisations" and sentence[start:end] == "企业" and re.search(
            r"其他组织|社会组织|科研机构|公益组织|法律服务机构", sentence):
        return False  # “企业申请2件,其他组织申请2件”: one kind of the 法人或其他组织
    if key in ("natural", "organisations") and number.group("unit") == "条":
        return False  # “涉及公民、法人或者其他组织切身利益的信息1122条”: items of information
    if key == "concluded" and re.search("撤销|撤回", sentence):
        return False  # “其中申请人自行撤销2件，依法依规答复处理24件”: withdrawn ones are concluded too
    if (key in GROUP_OF or key.startswith("row:")) and "主动公开" in sentence[:start] and "申请" not in sentence:
        return False  # “制发政府信息130件,其中主动公开18件,不予公开112件”: documents' 公开属性, not answers
    if key in ("received", "requests") and re.match(r"[^,;。\d]{0,4}?等", sentence[end : number.start()]) \
            and OTHER_MATTERS.search(sentence[clause_start(sentence, start) : start]):
        return False  # “办理网站有效留言、市长信箱、12345平台热线、依申请公开等45件”: all of them together
    if key == "requests" and re.search(r"\d[^。;]*其中", sentence[:start]):
        return False  # “收到…申请11件,其中:主动公开1件,依申请公开4件…”: one kind of answer among the 11
    if key == "concluded" and re.search(r"复议|诉", sentence[end : number.start()]):
        return False  # “不服…答复产生的行政诉(讼)共3项”: suits over answers, not answers
    if key == "requests" and re.search(r"展示|梳理|编制|目录|清单", clause):
        return False  # “对外展示依申请事项1209项”: a list of services, not requests
    if key in ("received", "requests") and one_kind_of_applicant(sentence[start:end]):
        return False  # “共收到自然人申请的依申请办理事项0件”: one kind of applicant's (not “公民、法人或其他组织”)
    items_after = re.match(r"\s*(?:政府)?(?:信息|文件)(?!公开申请|申请|的申请)", sentence[end:])
    # (not “依申请公开政府信息7件”: requests count in 件)
    if (key in OUTCOMES or key == "requests" and number.group("unit") != "件") and items_after:
        return False  # “不予公开文件59条”, “不予公开信息8条”: items of information an agency made, not requests
    items = re.match(r"\s*信息数|\s*数(?!量)", sentence[end:])
    if items and (items.group(0).strip() != "数" or number.group("unit") != "件") \
            or key == "requests" and number.group("unit") == "条" and not COUNT_FIRST.search(sentence[: number.end()]):
        return False  # “依申请公开信息数102条”, “不予公开信息数137条”, “依申请公开2条”: items of information
    if key == "concluded" and re.search(r"属于|已主动公开|告知", clause):
        return False  # “属于已主动公开答复数2件”: one kind of answer
    if key in ("concluded", "rate.completion") and about_other_matters(sentence, start):
        return False
    if key == "concluded" and (sentence[:start].endswith("原") or re.search(
            r"其中[^;。]*(?:结转|转入下|未办结|正在办理)", sentence[number.end() :])):
        return False  # “其中2宗维持原答复”; “办结…1422件，其中结转下年度继续办理114件”: all that were handled
    if key == "rate.completion" and (not re.search("申请|信息公开", sentence) or "申请" not in sentence
                                     and re.search(r"完成信息公开|主动公开|发布|公示", sentence)):
        return False  # “办结率100%” after a sentence on 网民留言, or on items published: not the requests' rate
    if key == "concluded" and sentence[start:end] == "答复" and re.search("不予受理|不予答复", sentence):
        return False  # “答复7件，不予受理4件”: 答复 is one outcome beside others, not all that were answered
    if key in ("received", "requests", "concluded") and one_part(sentence, start, end, number.end()):
        return False
    if key in ("received", "requests", "concluded", "carried_out") and by_channel(sentence, start):
        return False  # “受理线上…申请65件，办结62件…，受理线下…申请9件”: each count is one channel's
    if key.startswith("doc.") and re.search("其他|等", sentence[end : number.start()]):
        return False  # “公示失效、废止的规范性文件和其他文件85件”: other documents among them
    if key.endswith(".repealed") and re.search(r"失效\s*\d", sentence):
        return False  # “失效2件、废止4件”: many tables count both as 本年废止
    if key == "granted" and "已主动公开" in sentence and sentence[start:end] == "同意公开":
        return False  # the old categories “属于已主动公开答复数”, “同意公开答复数”: 予以公开 is both together
    if key.startswith("row:") and re.match(r"[^,;。\d]{0,8}?等", sentence[end:]):
        return False  # “5件本机关不掌握等原因…”: that reason among others
    if key in GROUP_OF and re.search(r"(?<!原)因(?![^,;。]*等)[^,;。]*$", clause):
        return False  # “因本机关不掌握…无法提供1件”: one reason's count, not the group's (“等原因” is the group)
    if key == "carried_out" and after_appeals(sentence, keywords, index):
        return False  # “收到行政复议1件，…尚未办结0件”: the review is pending, not a request
    return key != "rate.grant" or about_requests(sentence, keywords, index)


def one_kind_of_applicant(words: str) -> bool:
    """“自然人申请”, “法人或者其他组织…的申请”: one kind of applicant named, not every kind (“公民、法人或其他组织”)."""
    return bool(re.search("自然人|法人", words)) and not re.search(
        r"(?:公民|个人|自然人|群众|公众|市民|居民)[、,和及与或]*(?:法人|企业)", words)


def one_part(sentence: str, start: int, end: int, number_end: int) -> bool:
    """“网上申请3件”, “通过来信收到申请件4件”, “自然资源类政府信息公开申请25件”, “委托…办理…申请25件”,
    “…申请3件、纸质申请36件”: the requests of one channel or kind, a part of those received."""
    window = sentence[max(clause_start(sentence, start), start - 8) : end]
    part = PART_OF_REQUESTS.search(window)
    if part and re.match(r"[^,;。]{0,3}?等(?:途径|渠道|方式|形式)", window[part.end() :] + sentence[end:]):
        part = None  # “通过平台、邮寄等途径依申请公开信息合计16件”: every channel
    # “…申请3件、纸质申请36件”: another kind of request counted next (not “，按时答复依申请公开2件”)
    # (not “…申请26件,结转上年度申请0件”: the carried-over ones are no kind of request)
    return bool(part or re.match(r"[、,]\s*(?!其中)(?:(?!答复|办结|回复|处理|结转|转结)[^,;。\d]){0,6}申请"
                                 r"[^,;。\d]{0,4}"
                                 r"\d+\s*(?:件|个|份|项|例)", sentence[number_end:]))


def by_channel(sentence: str, position: int) -> bool:
    """The sentence counts the requests channel by channel — two channels named outside brackets, not “…等渠道”
    together — and the count at `position` comes after one of them (a total before its parts stands)."""
    plain = PARENTHESES.sub(lambda m: " " * len(m.group(0)), sentence)
    found = list(CHANNEL_WORD.finditer(plain))
    return (len({m.group(0) for m in found}) >= 2 and found[0].start() < position
            and not re.search(r"等(?:途径|渠道|方式|形式)", sentence))


def after_appeals(sentence: str, keywords, index: int) -> bool:
    """The subject word nearest before this one is 行政复议/行政诉讼, with no 申请 between."""
    earlier = [k for k in keywords[:index] if k[2] != "skip"]
    return bool(earlier) and earlier[-1][2] in APPEALS and "申请" not in sentence[earlier[-1][1] : keywords[index][0]]


def in_breakdown(sentence: str, position: int) -> bool:
    """“规章13件（含新制定5件，修改4件）”: a count inside brackets that break down the one before them."""
    opening = sentence.rfind("(", 0, position)
    return opening >= 0 and ")" not in sentence[opening:position] and bool(
        re.match(r"\(\s*(?:含|其中|包括)", sentence[opening:]))


def about_other_matters(sentence: str, position: int) -> bool:
    """“政协委员提案答复意见6件”, “办结市民热线160件”, “（人大建议、提案）…办结率100%”: another matter is named
    before the word, with no 申请 between them."""
    before = sentence[:position]
    ends = [match.end() for match in OTHER_MATTERS.finditer(before)]
    return bool(ends) and "申请" not in before[ends[-1] :]


def about_requests(sentence: str, keywords, index: int) -> bool:
    """“公开率” is the requests' only where its clause speaks of 申请 (not 预决算公开率, not 主动公开率)."""
    start, _end, _key = keywords[index]
    if sentence[start:].startswith(("依申请", "予以")):
        return True
    clause_from = clause_start(sentence, start)
    barrier = any(k == "skip" and clause_from <= s < start for s, _, k in keywords)
    return "申请" in sentence[clause_from:start] and not barrier


def clause_start(sentence: str, position: int) -> int:
    ends = [m.end() for m in CLAUSE_END.finditer(sentence, 0, position)]
    return ends[-1] if ends else 0


def about_disclosure(sentence: str, position: int, in_appeals: bool = False) -> bool:
    """行政复议/行政诉讼 of this table: about information disclosure (said so, or under section 四's heading), with
    the agency as the respondent."""
    clause = sentence[clause_start(sentence, position) : position]
    return (in_appeals or bool(DISCLOSURE.search(sentence))) and not REVIEW_BODY.search(clause)


def of_other_bodies(sentence: str, position: int, since: int = 0, area: re.Pattern | None = None) -> bool:
    """The nearest clause before `position` (from `since` on) that names whose figures follow names other bodies
    (“部门新收…”, “各部门…答复”, “配合市审批局…”, and 全区 in a report that is not the 区's), not this agency
    (“政府新收…”, “本级…”)."""
    # 《关于…的指导意见》: words inside a document's title are no body's
    before = TITLE_MARKS.sub(lambda m: "《" + " " * (len(m.group(0)) - 2) + "》", sentence[:position])
    other = [m.end() for m in OTHER_BODIES.finditer(before, max(since, 0))]
    if area is not None:
        other = sorted(other + [m.end() for m in area.finditer(before, max(since, 0))])
    own = [m.end() for m in OWN_BODY.finditer(before)]
    return bool(other) and (not own or own[-1] <= other[-1])


def carry_year_fits(words: str, key: str, year: int | None) -> bool:
    """“结转2025年” in the report on 2024 is its carry-over; “0件转结2024年” there is a line of last year's left in."""
    named = re.search(r"20\d{2}", words)
    wanted = {"carried_out": (year or 0) + 1, "carried_in": (year or 0) - 1}.get(key)
    return not named or year is None or wanted is None or int(named.group(0)) == wanted


def appeal_follows(keywords, index: int) -> bool:
    """“收到2起政府信息公开申请行政复议”: the requests name what the appeals are about, the count is the appeals'."""
    return index + 1 < len(keywords) and keywords[index + 1][2] in APPEALS \
        and keywords[index + 1][0] - keywords[index][1] <= 4


def last_joined_appeal(sentence: str, keywords, index: int) -> tuple[int, str]:
    """“发生2起…行政复议和行政诉讼”: a count before appeals joined is of the last, which `_joined_appeals` reads
    as one count of both."""
    while index + 1 < len(keywords) and keywords[index + 1][2] in APPEALS \
            and JOINED.match(sentence[keywords[index][1] : keywords[index + 1][0]]):
        index += 1
    return index, keywords[index][2]


def speaks_for_its_area(agency: str | None) -> bool:
    """A county-or-above government's own report counts for 全县/全市 (and an unknown agency gets the benefit, as
    does a place named alone — “东宝区”, its government's report)."""
    if not agency:
        return True
    core = agency.removesuffix("人民政府")
    return core.endswith(("县", "区", "市", "旗", "省", "州", "盟"))


def not_this_year(before: str, year: int | None) -> bool:
    """“2023年收到申请8件” in the report on 2024 speaks of another year; “下一步，力争办结率达到100%” and
    “计划制发规范性文件3件” of plans (section 五 is full of them)."""
    plans = list(PLAN.finditer(before))
    if plans and not plan_ended(before, plans[-1], year):
        return True
    if year is None:
        return False
    years = YEAR.findall(CARRY_YEAR.sub("", before))
    return bool(years) and int(years[-1]) != year


def plan_ended(before: str, plan: re.Match, year: int | None) -> bool:
    """“确保程序合法,未发生…”: 确保 says how the work was done, a plan only in its own clause; “…事事有着落”2025年度,
    收到6条…”: the report's year after a plan's word starts a statement of its own (a sentence run on)."""
    if plan.group(0).startswith("确保") and CLAUSE_END.search(before, plan.end()):
        return True
    return year is not None and re.search(rf"{year}\s*年", before[plan.end() :]) is not None
