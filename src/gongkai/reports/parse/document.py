"""A published report as text → the shared report object (statute.report.Report).

The text is split at the six section headings (matched by meaning, numbered 一…六); where a heading
is missing, the tables are found by their own contents. Agency, year and publication date come
from the title, the preamble and the signature (metadata.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.statute.report import Finding, Report, Sections, Severity, zero_appeals, zero_applications

from .appeals_table import read_appeals
from .metadata import DATE, NUMERIC_DATE, read_metadata
from .normalize import clean, label_key, to_ascii
from .proactive_table import COLUMN_WORDS, proactive_row, read_proactive
from .tables import read_applications
from .tokens import PROSE, Kind, tokenize, without_cut_padded_row

SECTION_PATTERNS = {
    "overview": r"一,?、\s*(?:20\d{2}\s*年度?)?[^。\n|\d]{0,16}?(?:总体(?:公开|推进)?情况|基本情况|概述|概况)",
    "proactive": r"二、\s*(?:行政机关)?(?:政府信息)?主动公开(?:政府)?(?:信息)?(?:工作)?(?:的)?情况",
    "applications": r"三、[^。\n|]{0,8}?(?:收到和处理|依申请公开|政府信息公开申请)[^。\n|]{0,20}?情况",
    "appeals": r"四、[^。\n|]{0,20}?行政复议[^。\n|]{0,12}?行政诉讼[^。\n|]{0,6}?情况",
    "problems": r"五、[^。\n|]{0,16}?(?:存在的?(?:主要)?问题|主要问题)[^。\n|]{0,10}?(?:改进|整改|下一步|计划|打算)"
    r"[^。\n|]{0,6}?(?:情况|措施)?",
    "other": r"六、\s*其他需?要?报告的?事项",
}
SECTION_ORDER = tuple(SECTION_PATTERNS)
SECTION_NAMES = {
    "overview": "一、总体情况",
    "proactive": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}
TABLE_FALLBACK = {
    "proactive": r"第二十条\s*第?\s*\(一\)\s*项",
    # a PDF's later page alone may start inside 表三, at its last row
    "applications": r"勾稽关系|本年新收政府信息公开申请|(?m:^[ \t|]*四、结转下年度继续办理)",
    # not “…、政府信息公开行政复议行政诉讼情况、…” in a preamble's list of contents
    # not “行政复议1件,行政诉讼2件,均结果维持。” in a sentence: the result columns' headings side by side
    "appeals": r"行政复议[\s|\t]*(?:[\s|\t]*行政诉讼)(?!情况|案件|工作|等|的|、|,|。)"
    r"|结果\s*维持[\s|\t]*(?:结果\s*)?纠正",
}


@dataclass
class Parsed:
    report: Report
    text: str  # the Simplified text the report was read from
    headings: dict[str, tuple[int, int]]  # section → (start, end of heading) in text
    title_year: int | None = None
    period_year: int | None = None
    stated_year: int | None = None
    title_agency: str | None = None
    signature_agency: str | None = None
    truncated: bool = False
    signature_at: int | None = None  # where the signature block (agency, date) starts in text
    partial_date: tuple[int, int] | None = None  # “2025年1月 日”: year and month of a date without its day
    name_variant: tuple[str, str] | None = None  # title and signature name one agency, one with a misread character
    blank_cells: list[tuple[str, str, str]] = field(default_factory=list)  # (table, row, column) shown blank, read 0


def parse_text(raw: str) -> Parsed:
    text = clean(raw)
    norm = to_ascii(text)
    headings = _headings(_without_contents(norm))
    regions = _regions(norm, headings, _inserted_sections(norm, headings))
    report = Report(agency=None, year=None, applications=zero_applications(), appeals=zero_appeals())
    parsed = Parsed(report, text, headings)
    parsed.truncated = _truncated(norm, headings, regions)
    read_metadata(parsed, norm)
    _read_sections(parsed, regions)
    if parsed.truncated and re.search(r"[0-9０-９]\Z", raw):
        norm, regions = _without_cut_number(norm, regions)
    _read_tables(parsed, norm, regions)
    return parsed


# An agency's own numbering of the six sections (a section inserted, one left out): any numeral, at a line's start.
OWN_NUMBER = (
    r"(?:[一二三四五六七八九十]{1,3}\s*[、.]|第[一二三四五六七八九十]{1,3}部分\s*[、:.]?|\d{1,2}\s*[、.](?!\d))"
)
RENUMBERED = {
    key: re.compile(rf"(?m)^[ \t#*|>]*{OWN_NUMBER}\s*(?:{pattern.split('、', 1)[1]})")
    for key, pattern in SECTION_PATTERNS.items()
}
# Under “一、总体情况” a “1、主动公开情况” is an item of section 一, not section 二 renumbered
CJK_NUMBER = OWN_NUMBER.replace(r"|\d{1,2}\s*[、.](?!\d))", ")")
RENUMBERED_CJK = {
    key: re.compile(rf"(?m)^[ \t#*|>]*{CJK_NUMBER}\s*(?:{pattern.split('、', 1)[1]})")
    for key, pattern in SECTION_PATTERNS.items()
}
NUMERALS = "一二三四五六七八九十"
COMPILED = {key: re.compile(pattern) for key, pattern in SECTION_PATTERNS.items()}
# “总体情况” on a line of its own, without a number
# (or numbered as an item, “(一)总体情况”, or with a dash typed for 一: “—、总体情况”)
UNNUMBERED_OVERVIEW = re.compile(r"(?m)^[ \t#*|>•·]*(?:\(一\)\s*|-\s*、\s*)?(?:总体情况|基本情况|工作概况)[ \t|]*$")


def _headings(norm: str) -> dict[str, tuple[int, int]]:
    """The six headings in order: by their national number (三、…), else by their words under the agency's number."""
    found: dict[str, tuple[int, int]] = {}
    position = 0
    for key in SECTION_ORDER:
        renumbered = RENUMBERED_CJK if "overview" in found and norm[found["overview"][0]] == "一" else RENUMBERED
        match = COMPILED[key].search(norm, position) or renumbered[key].search(norm, position)
        if not match and key == "overview":
            match = UNNUMBERED_OVERVIEW.search(norm)
        if match:
            found[key] = (match.start(), match.end())
            position = match.end()
    # a text that stops in the first words of the next section's heading (“三、收到和处理政府信息公”) reached it
    cut = LAST_LINE_HEADING.search(norm, position)
    if cut:
        section = SECTION_ORDER[NUMERALS.index(cut.group(1))]
        if SECTION_NAMES[section][2:].startswith(cut.group(2)) and all(
                SECTION_ORDER.index(k) < SECTION_ORDER.index(section) for k in found):
            found[section] = (cut.start() + 1, cut.end())
    return found


CONTENTS_LINE = re.compile(r"(?m)^[^\n]*?(?:[.．·…]\s?){4,}\s*\d{1,3}[ \t]*$")


def _without_toc(norm: str) -> str:
    """A table of contents' lines blanked out: a heading, dot leaders and its page (“四、…行政诉讼情况 .... 12”)."""
    return CONTENTS_LINE.sub(lambda line: " " * len(line.group(0)), norm)


def _without_contents(norm: str) -> str:
    """The text with a preamble's list of the six parts blanked out (“本报告分为六个部分:一、总体情况,二、…”): one
    sentence naming three sections or more is a list of contents, not their headings."""
    masked = _without_toc(norm)
    for sentence in re.finditer(r"[^。\n]+", norm):
        found = sorted(m.span() for pattern in COMPILED.values() for m in pattern.finditer(sentence.group(0)))
        # the headings follow each other with a comma between (a page on one line has text between its headings,
        # or only a space where its sections are empty)
        listed = sum(re.fullmatch(r"\s?[,;、]\s?", sentence.group(0)[end:start]) is not None
                     for (_, end), (start, _) in zip(found, found[1:], strict=False))
        if listed >= 2:
            masked = masked[: sentence.start()] + " " * len(sentence.group(0)) + masked[sentence.end() :]
    return masked


HEADING_NUMBER = re.compile(r"[ \t#*|>]*(?:第)?([一二三四五六七八九十]{1,3})")
NOT_A_HEADING = re.compile(r"\d|本年|上年|结转|办理结果|。")


def _inserted_sections(norm: str, headings: dict[str, tuple[int, int]]) -> list[int]:
    """Where a section of the agency's own begins: the number skipped between two found headings (三、…五、 → 四、)."""
    numbered = []
    for key in SECTION_ORDER:
        if key in headings:
            match = HEADING_NUMBER.match(norm, headings[key][0])
            if match and len(match.group(1)) == 1:
                numbered.append((NUMERALS.index(match.group(1)) + 1, headings[key]))
    found = []
    for (number, (_, end)), (following, (start, _)) in zip(numbered, numbered[1:], strict=False):
        for skipped in range(number + 1, min(following, len(NUMERALS) + 1)):
            pattern = re.compile(rf"(?m)^[ \t#*|>]*{NUMERALS[skipped - 1]}[、.][^\n]{{1,40}}$")
            for match in pattern.finditer(norm, end, start):
                if not NOT_A_HEADING.search(match.group(0)):
                    found.append(match.start())
                    break
    return found


def _regions(
    norm: str, headings: dict[str, tuple[int, int]], inserted: list[int] = ()
) -> dict[str, tuple[int, int] | None]:
    """Where each section's body lies; tables without their heading are found by their contents."""
    starts: dict[str, int] = {key: end for key, (_, end) in headings.items()}
    begins: dict[str, int] = {key: start for key, (start, _) in headings.items()}
    for key, pattern in TABLE_FALLBACK.items():
        if key not in starts:
            after = max([e for k, e in starts.items() if SECTION_ORDER.index(k) < SECTION_ORDER.index(key)], default=0)
            match = re.compile(pattern).search(norm, after)
            if match:
                starts[key] = begins[key] = match.start()
    regions: dict[str, tuple[int, int] | None] = {}
    for key in SECTION_ORDER:
        if key not in starts:
            regions[key] = None
            continue
        later = [
            begins[k] for k in SECTION_ORDER[SECTION_ORDER.index(key) + 1 :] if k in begins and begins[k] >= starts[key]
        ] + [i for i in inserted if i >= starts[key]]
        regions[key] = (starts[key], min(later, default=len(norm)))
    return regions


def _truncated(norm: str, headings, regions) -> bool:
    """A report that ends before section 六 and without a date at its end was cut short."""
    if "other" in headings:
        return False
    tail = norm.rstrip()[-40:]
    return not any(_closing_date(tail, m) for pattern in (DATE, NUMERIC_DATE) for m in pattern.finditer(tail))


def _closing_date(tail: str, date: re.Match) -> bool:
    """A date that may close the report: not a period's end (“1月1日至2022年12月31日”) or a sentence's words
    (“…12月31日,我街道没有”), where a page is cut in its text."""
    period_end = re.search(r"(?:至|到|起)\s*$", tail[: date.start()])
    # nor a date a sentence goes on after (“2022年8月19日通过局网站公开了广东”): a closing date ends its line
    words_after = re.match(r"[ \t]*(?!(?:发布|印发|公布)\s*(?:\n|$))[\u4e00-\u9fff]", tail[date.end() :])
    return not period_end and not words_after and not re.match(r"\s*(?:[,，、;；]|至|到|起)", tail[date.end() :])


def _without_cut_number(norm: str, regions):
    """A text cut right after a digit may have cut a figure too (“…19 0 6” of “…19 0 648”): that number is
    dropped, so its cell is unread rather than wrong."""
    figure = re.search(r"[ \t|]*([\d.]+)\s*$", norm)
    if figure is None:
        return norm, regions
    if re.fullmatch("0+", figure.group(1)) and "收费" not in norm[max(0, figure.start() - 40) : figure.start()]:
        return norm, regions  # no count begins with 0: “…0 0” is whole (a fee in 万元 may be “0.35”)
    norm = norm[: figure.start()] + "\n"
    end = len(norm)
    return norm, {key: region and (min(region[0], end), min(region[1], end)) for key, region in regions.items()}


def _read_sections(parsed: Parsed, regions) -> None:
    text = parsed.text
    values = {}
    for key in ("overview", "problems", "other"):
        region = regions.get(key)
        if region is None:
            values[key] = None
            continue
        body = text[region[0] : region[1]]
        if key == "other" and parsed.signature_at is not None and region[0] <= parsed.signature_at:
            body = text[region[0] : parsed.signature_at]
        elif key == "other" and parsed.report.published_on:
            body = _strip_signature(body, parsed.signature_agency)
        values[key] = body.strip() or None
    parsed.report.sections = Sections(**values)


def _strip_signature(body: str, agency: str | None) -> str:
    lines = body.rstrip().split("\n")
    while lines and (
        not lines[-1].strip()
        or DATE.search(to_ascii(lines[-1])) or NUMERIC_DATE.fullmatch(lines[-1].strip())
        or (agency and lines[-1].replace(" ", "").strip() == agency)
    ):
        lines.pop()
    return "\n".join(lines)


def _read_tables(parsed: Parsed, norm: str, regions) -> None:
    report, findings = parsed.report, parsed.report.findings
    proactive_tokens = tokenize(norm[slice(*regions["proactive"])])[0] if regions["proactive"] else []
    apps_text = norm[slice(*regions["applications"])] if regions["applications"] else ""
    if parsed.truncated and regions["applications"] and regions["applications"][1] == len(norm):
        apps_text = without_cut_padded_row(apps_text)
    apps_tokens, apps_rows = tokenize(apps_text) if regions["applications"] else ([], False)
    appeal_tokens = tokenize(norm[slice(*regions["appeals"])])[0] if regions["appeals"] else []
    spilled = _spilled(apps_tokens)
    spill = [t for t in apps_tokens[:spilled] if not (t.kind is Kind.LABEL and "收到和处理" in t.text)]
    proactive_tokens, apps_tokens = proactive_tokens + spill, apps_tokens[spilled:]
    proactive_text = norm[slice(*regions["proactive"])] if regions["proactive"] else ""
    report.format = _detect_format(proactive_text, apps_text, report.year)
    last = max(
        (k for k in ("proactive", "applications", "appeals") if regions[k]), key=lambda k: regions[k][0], default=None
    )
    truncated = parsed.truncated and not any(regions.get(k) for k in ("problems", "other"))
    if truncated and last and _stops_in_next_heading(norm[slice(*regions[last])], last):
        truncated = False  # the text stops in the next heading (“三、收到和处理政府信息公开”): the table is whole
    results = []
    results.append(
        read_proactive(
            proactive_tokens,
            fmt=_table_two_format(proactive_text) or report.format,
            truncated=truncated and last == "proactive",
            proactive=report.proactive,
        )
    )
    results.append(
        read_applications(
            apps_tokens,
            apps_rows,
            fmt=report.format,
            truncated=truncated and last == "applications",
            apps=report.applications,
        )
    )
    results.append(read_appeals(appeal_tokens, truncated=truncated and last == "appeals", appeals=report.appeals))
    for key, result in zip(("proactive", "applications", "appeals"), results, strict=True):
        # a table the text was cut in, or never reached: say so, as missing_section does for its heading
        reached = max((SECTION_ORDER.index(k) for k, region in regions.items() if region), default=-1)
        cut = truncated and (key == last or regions[key] is None and SECTION_ORDER.index(key) > reached)
        findings.extend(_cut(f) if cut and f.code == "unreadable" else f for f in result.findings)
        parsed.blank_cells += getattr(result, "blanks", [])


CUT = "（报告不完整，在此之前中断）"
LAST_LINE_HEADING = re.compile(r"\n[ \t#*|>]*([三四五六])、([^\n\d|]{2,30}?)\s*$")


def _stops_in_next_heading(region: str, key: str) -> bool:
    """The text ends in the first words of a later section's heading (“三、收到和处理政府信息公开”), not in a
    row of the table (“三、本年度”, “四、结转下年度”)."""
    match = LAST_LINE_HEADING.search(region)
    if not match:
        return False
    section = SECTION_ORDER[NUMERALS.index(match.group(1))]
    heading = SECTION_NAMES[section][2:]
    return SECTION_ORDER.index(section) > SECTION_ORDER.index(key) and heading.startswith(match.group(2))


def _cut(finding: Finding) -> Finding:
    """What was not found where the text stops may have come after it (not a row read but unclear)."""
    if "中断" in finding.message or "未找到" not in finding.message:
        return finding
    return Finding(finding.code, finding.severity, finding.message + CUT, finding.where)


TABLE_THREE_START = ("申请人", "勾稽", "自然人", "本年新收")


def _spilled(apps_tokens) -> int:
    """How many tokens at the start of section 三 are 表二's: pdftotext may print a table's last cells after
    the next heading. Only column headings or row labels of 表二 with their numbers, before table 三 begins."""
    start = next(
        (
            i
            for i, t in enumerate(apps_tokens)
            if t.kind is Kind.LABEL and any(w in label_key(t.text) for w in TABLE_THREE_START)
        ),
        0,
    )
    head = apps_tokens[:start]
    labels = [label_key(t.text) for t in head if t.kind is Kind.LABEL]
    if not any(t.kind is Kind.NUM for t in head) or not labels:
        return 0
    if all(any(w in key for w in COLUMN_WORDS) or proactive_row(key) or "收到和处理" in key for key in labels):
        return start
    return 0


# Column headings that only one format's 表二 has, and row labels that only the 2021 format's 表三 has.
HEADINGS_2019 = (
    "新制作数量",
    "新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "增/减",
    "增减",
    "采购项目数量",
    "采购总金额",
)
HEADINGS_2021 = ("本年制发件数", "本年废止件数", "现行有效件数", "处理决定数量", "本年收费金额")
ROWS_ONLY_2021 = ("逾期不补正", "缴纳费用", "收费通知", "逾期未按")
SPACES = re.compile(r"[\s|]+")


def _detect_format(proactive_text: str, apps_text: str, year: int | None) -> str:
    """2019 or 2021, by the labels of 表三's rows, else of 表二's columns — words a line break may cut, so
    spaces and line breaks are ignored — never by how many numbers a row has (PDF text runs digits together);
    else by the year: the 2021 format (国办公开办函〔2021〕30号) is for reports on 2021 onwards."""
    apps = SPACES.sub("", apps_text)
    if any(word in apps for word in ROWS_ONLY_2021):
        return "2021"
    if "其他处理" in apps:
        tail = apps[apps.find("其他处理") :]
        if re.match(r"其他处理\d", tail) and "总计" in tail:
            return "2019"
    return _table_two_format(proactive_text) or ("2019" if year and year < 2021 else "2021")


def _table_two_format(proactive_text: str) -> str | None:
    """The format 表二's column headings name (处理决定数量 heads both formats' 许可/处罚 columns), or None — in
    the table, not in a sentence (“行政事业性收费0项,本年度无增减。”)."""
    table = "\n".join(line for line in proactive_text.split("\n") if not PROSE.search(line.rstrip(" |")))
    compact = SPACES.sub("", table)
    only_2019 = sum(word in compact for word in HEADINGS_2019)
    only_2021 = sum(word in compact for word in HEADINGS_2021 if word != "处理决定数量")
    if only_2019 == only_2021:
        return None
    return "2019" if only_2019 > only_2021 else "2021"


def missing_sections(parsed: Parsed) -> list[Finding]:
    """One finding per section the report lacks (or that a report cut short never reached)."""
    findings = []
    text = _without_toc(to_ascii(parsed.text))  # a table of contents is no body of a section
    present: dict[str, int] = {}  # section → where it begins
    for key in SECTION_ORDER:
        if key in parsed.headings:
            present[key] = parsed.headings[key][0]
            continue
        # the table itself, after the sections before it (“未发生被行政复议行政诉讼的情况” in 一 is no 表四)
        earlier = SECTION_ORDER[: SECTION_ORDER.index(key)]
        after = max((end for k, (_, end) in parsed.headings.items() if k in earlier), default=0)
        table = re.compile(TABLE_FALLBACK[key]).search(text, after) if key in TABLE_FALLBACK else None
        if table:
            present[key] = table.start()
    last = max((SECTION_ORDER.index(k) for k in present), default=-1)
    # a page with no heading at all but a body (a copy that lost its heading lines) was not cut before 一
    headless = not present and _overview_without_heading(text)
    problems_at = PROBLEMS_WITHOUT_HEADING.search(text, max(present.values(), default=0))
    later_page = _later_page(text)
    if headless:
        last = SECTION_ORDER.index("problems") if problems_at else 0
    for key in SECTION_ORDER:
        if key in present:
            continue
        unheaded = _unheaded(key, text, present, headless=headless, problems_at=problems_at, later_page=later_page)
        if unheaded:
            findings.append(Finding("missing_section", Severity.WARNING, unheaded, SECTION_NAMES[key]))
            continue
        # a report cut short never reached the sections after the last one it has; one missing before is missing
        cause = CUT if parsed.truncated and SECTION_ORDER.index(key) > last else ""
        findings.append(
            Finding("missing_section", Severity.ERROR, f"缺少“{SECTION_NAMES[key]}”部分{cause}", SECTION_NAMES[key])
        )
    return findings


def _unheaded(key: str, text: str, present: dict[str, int], *, headless: bool, problems_at, later_page) -> str:
    """Why a section without its heading is only worth a warning: its text is there under no heading, or the
    text starts on a later page than the section's; "" where it is missing."""
    before = text[: min(present.values())] if present else text
    if key == "overview" and (present or headless) and _overview_without_heading(before):
        return "未找到“一、总体情况”的标题（有概述文字，未标明部分）"
    if key == "problems" and problems_at and "other" not in present:
        return "未找到“五、存在的主要问题及改进情况”的标题（有存在问题的内容，未标明部分）"
    if later_page and present and SECTION_ORDER.index(key) < min(SECTION_ORDER.index(k) for k in present):
        return f"未见“{SECTION_NAMES[key]}”部分（文本从第{later_page}页开始，此前各页不在文本中）"
    return ""


# “Page 8 - …”, “P. 8”: a PDF viewer's page, shown alone
START_PAGE = re.compile(r"^\s*(?:Page\s*(\d+)\s*-|P\.\s*(\d+)\b)")


def _later_page(text: str) -> int | None:
    """The page number a text starts at, where it is a later page of its document alone."""
    match = START_PAGE.match(text)
    number = int(match.group(1) or match.group(2)) if match else 1
    return number if number > 1 else None


# “(一)存在问题:…”, “(二)进一步整改:…”: section 五's items under no heading of their own
PROBLEMS_WITHOUT_HEADING = re.compile(r"(?m)^[ \t#*|>]*[(]?[一二三四五六七八九十\d]{1,2}[)、.]\s*"
                                      r"(?:存在的?(?:主要)?问题|主要问题|问题(?:和|及|与)(?:不足|改进))")
PREAMBLE = re.compile(r"条例|编制|统计期限|统计时限|下载|年度报告|本报告|如对")


def _overview_without_heading(before: str) -> bool:
    """The text before the first section holds an overview's sentences, beyond the preamble's (根据…编制、统计期限…)."""
    said = [s for s in re.split(r"[。!?\n]", before)
            if len(CJK.findall(s)) >= 12 and not PREAMBLE.search(s) and not TABLE_ROW.search(s)]
    return len(said) >= 2


CJK = re.compile(r"[\u4e00-\u9fff]")
TABLE_ROW = re.compile(r"\d+(?:\s+\d+){2,}")  # “四、结转下年度继续办理 0 0 0 0 0 0 0”: a page that starts in a table


def place_of_word(parsed, word: str) -> str | None:
    """The section a word first stands in, for a finding's `where`."""
    position = parsed.text.find(word)
    return place_of(parsed, position) if position >= 0 else None


def place_of(parsed, position: int) -> str:
    """The section a character position falls in."""
    section = None
    for key, (start, _end) in sorted(parsed.headings.items(), key=lambda item: item[1][0]):
        if start <= position:
            section = key
    return SECTION_NAMES[section] if section else "标题与前言"
