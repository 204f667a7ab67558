"""Who published a report, for which year, and when: read from its title, its preamble and its signature.

The title gives agency and year (“叶城县宗朗乡2024年政府信息公开工作年度报告”, “2019年上海市人民政府办公厅…报告”,
as sites print it: under a “标题:” label, in a table row, run into the body); the signature gives agency and date;
the statistics period and the text give the year where the title does not.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from ..agency_names import short_names

if TYPE_CHECKING:
    from .document import Parsed

DATE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# A signature dated in figures (“2025.1.20”, “2025-01-20”, “2025/1/20”): only as a line of its own.
NUMERIC_DATE = re.compile(r"(20\d{2})\s*([.\-/])\s*(\d{1,2})\s*\2\s*(\d{1,2})")
# A title's end: the line's (a file's name: “…报告.docx”), a table row's (“| …报告 | ||”), or the body's first
# words run into it
TITLE_END = (r"(?:(?:\.(?:docx?|wps|pdf)|\([^()\n]{1,8}\))?[ \t|]*$"
             # the body's first words run into it, after an alias: “…报告(以下简称年报)是根据”
             r"|(?=\s?(?:\(以下简称[^()\n]{1,8}\)是?)?(?:根据|依据|按照|本报告|本年度报告))"
             # a page's next label on the title's line: “名 称: …年度报告 发布日期: 2026年01月21日”
             r"|(?=\s+(?:发布日期|发文日期|发布时间|成文日期|索引号|发布机构|来源)\s*:))")
TITLE = re.compile(
    r"^[ \t|]*((?:(?!报告)[^\n。《》,，]){0,40}?)\s*(20\d{2})\s*年\s*度?\s*(?:的)?\s*(?:政府|政务)?信息公开"
    r"(?:工作)?(?:开展)?(?:年度)?(?:情况)?(?:工作)?"
    rf"(?:的)?(?:年度)?(?:的)?\s*(?:报告|年报){TITLE_END}",  # “云南省卫生健康委关于2022年…工作的年度报告”
    re.M,
)
# What sites put before a title: a “标题:” label, a tag “【2020】”, a PDF viewer's “Page 2 - ”
TITLE_LABEL = re.compile(r"^(?:(?:文章|信息)?(?:标\s*题|题\s*目|名\s*称)\s*[:：]?[\s|]*|【[^】]{0,12}】\s*"
                         r"|Page\s*\d+\s*-\s*)+")
STATED_YEAR = re.compile(r"(20\d{2})\s*年度?[^。\n]{0,30}?政府信息公开[^。\n]{0,8}?报告")
AGENCY_SUFFIX = r"(?:人民政府|办事处|委员会|管理委员会|办公室|办公厅|局|厅|委|办|中心|院|署|所|队|站|会|联合社|联社)"
AGENCY_NAME = re.compile(rf"[\u4e00-\u9fff]{{2,30}}?{AGENCY_SUFFIX}")
# “2019年上海市人民政府办公厅政府信息公开工作年度报告”: the agency's name after the year
PLACE_SUFFIX = r"(?:乡|镇|街道|苏木|县|区|市|旗|州)"
# What an agency does in its overview's first sentence, right after its name
DOING = ("认真|高度|坚持|按照|深入|始终|紧紧|紧扣|统筹|着力|大力|全力|锚定|严格|全面|持续|积极|不断|以习近平"
         "|准确|扎实|切实|进一步|围绕|聚焦"
         # “市发改局主动公开…” — not “区府办主动公开…”, a government's office doing its work in its report
         "|(?<![办室])(?:全年|本年度?)?主动公开"
         "|未收到|根据|通过|以(?!下)|结合|是主管|是负责|在(?=[^,，。]{2,20}下)")
# A name the overview's first sentence gives: an agency's, or a township's own (“2024年,小河镇坚持…”)
OWN_NAME_END = AGENCY_SUFFIX[:-1] + "|乡|镇|街道|苏木|开发区|经开区|高新区|园区)"
PARTY_BODY = re.compile(r"(?:党工委|党委|工委|党组)$")
AGENCY_AFTER_YEAR = re.compile(
    rf"^[ \t|]*(20\d{{2}})\s*年度?\s*((?!度)[\u4e00-\u9fff]{{1,30}}?(?:{AGENCY_SUFFIX}|{PLACE_SUFFIX}))"
    r"\s*(?:政府)?信息公开"  # “2024年托克逊县夏镇人民政府信息公开…”: 政府 the name's
    rf"(?:工作)?(?:年度)?(?:情况)?(?:工作)?(?:年度)?(?:的)?\s*(?:报告|年报){TITLE_END}",
    re.M,
)
# A title of the year alone, the name on a line of its own above or below it
NAME_BY_TITLE = re.compile(
    rf"^[ \t|]*([\u4e00-\u9fff]{{2,30}}?{AGENCY_SUFFIX})[ \t|]*\n\s*(?:关于)?20\d{{2}}\s*年度?\s*政府信息公开"
    rf"|^[ \t|]*20\d{{2}}\s*年度?\s*政府信息公开[^\n]{{0,12}}报告[ \t|]*\n"
    rf"[ \t|]*([\u4e00-\u9fff]{{2,30}}?{AGENCY_SUFFIX})[ \t|]*$",
    re.M,
)
PARTIAL_DATE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*日)?\s*$")
SIGNATURE_TAIL = 1500
PERIOD = re.compile(r"统计(?:期限?|时限|时间|期间)?[^。\n]{0,6}?(20\d{2})\s*年\s*1\s*月\s*1\s*日")
# “截止2023年12月31日”: the year's end, a hint of the year where neither title nor period says it (not checked
# against them: a report may give last year's end as a baseline)
YEAR_END = re.compile(r"(?:截至|截止)(?:到)?\s*(20\d{2})\s*年\s*12\s*月\s*31\s*日")


def read_metadata(parsed: Parsed, norm: str) -> None:
    report = parsed.report
    head = norm[: parsed.headings.get("overview", (min(len(norm), 600), 0))[0] or 600]
    titles = list(TITLE.finditer(head)) or list(TITLE.finditer(norm[:800]))
    named = [(t, _title_agency(t.group(1))) for t in titles]
    # a site's caption of the year alone (“2020年信息公开年报”) before the title that names the agency
    title, parsed.title_agency = next(((t, a) for t, a in named if a), named[0] if named else (None, None))
    # a site's short title above the report's own: “区退役军人事务局…” then “广州市越秀区退役军人事务局…”
    title, parsed.title_agency = next(((t, a) for t, a in named if a and parsed.title_agency
                                       and len(a) > len(parsed.title_agency) and a.endswith(parsed.title_agency)),
                                      (title, parsed.title_agency))
    if title:
        parsed.title_year = int(title.group(2))
    elif title := AGENCY_AFTER_YEAR.search(head) or AGENCY_AFTER_YEAR.search(norm[:800]):
        parsed.title_year, parsed.title_agency = int(title.group(1)), title.group(2)
    if title and not parsed.title_agency and (beside := NAME_BY_TITLE.search(head)):
        parsed.title_agency = beside.group(1) or beside.group(2)  # “2022年政府信息公开工作年度报告\n桃江县…人民政府”
    period = PERIOD.search(norm[:3000])
    parsed.period_year = int(period.group(1)) if period else None
    first_heading = min((start for start, _ in parsed.headings.values()), default=0)
    (parsed.signature_agency, report.published_on, parsed.signature_at, parsed.partial_date) = _find_signature(
        norm, first_heading)
    report.agency = _agency_name(parsed, norm)
    # before section 一 only: “发布2019年政府信息公开年度报告” in the body is work done in the year reported on
    stated = STATED_YEAR.search(norm[: min(1500, parsed.headings.get("overview", (1500, 0))[0])])
    parsed.stated_year = int(stated.group(1)) if stated else None
    year_end = YEAR_END.search(norm[:3000])
    period_year = parsed.period_year
    if period_year and parsed.stated_year and period_year != parsed.stated_year \
            and _year_from_text(norm) == parsed.stated_year:
        period_year = None  # “编制了2021年…报告”, “2021年,…” and a period “自2020年1月1日” typed from last year's
    report.year = (parsed.title_year or period_year or parsed.stated_year
                   or (int(year_end.group(1)) if year_end else None) or _year_from_text(norm))


def _title_agency(words: str) -> str | None:
    """The agency a title names before its year, without a site's label or words around it."""
    if re.search(r"(?:时间|日期|来源|作者|点击|浏览)\s*[:：]?\s*$", words.rstrip(" \t|\n")):
        return None  # “更新时间:” on the line above a title of the year alone: a page's label, no name
    prefix = TITLE_LABEL.sub("", words.strip(" :,，、\t|•·"))  # “• 名称: 2023年…报告”: a list's bullet
    prefix = re.sub(r"^(?:关于|根据|依据|20\d{2}\s*(?:年度?)?)|关于$", "", prefix)  # “2025湖口县大垅乡2025年度…”
    runs = re.findall(r"[\u4e00-\u9fff]+", prefix)
    parents = all(re.search(f"(?:{AGENCY_SUFFIX})$", run) for run in runs[:-1])
    if re.search(r"\s", prefix) and not re.search(r"[A-Za-z]", prefix) and runs and parents:
        prefix = "".join(runs)  # “武汉市东湖…管理委员会 卫生健康办公室”: a body under the one before it
    elif re.search(r"[A-Za-z]|\s", prefix):  # “bet365亚洲官网 住房和城乡建设局”: a site's words before it
        prefix = runs[-1] if runs else ""
    if prefix and not re.search(r"[。,，:]", prefix) and len(prefix) >= 2:
        return prefix
    return None


def _signature(norm: str) -> tuple[str | None, date | None]:
    """Kept for callers of the old name: agency and date of the signature block."""
    found = _find_signature(norm)
    return found[0], found[1]


def _find_signature(norm: str, after: int = 0) -> tuple[str | None, date | None, int | None, tuple[int, int] | None]:
    """The signature: the last line near the end that is a date (or agency + date), and the agency line above.

    Pages carry navigation and footers after it (“打印本页 关闭窗口”), so the date need not be the last line; it
    comes `after` the first section heading (a page's header date above the title is not it).
    """
    base = max(0, len(norm) - SIGNATURE_TAIL, after)
    tail = norm[base:]
    lines = tail.split("\n")
    offsets, position = [], base
    for line in lines:
        offsets.append(position)
        position += len(line) + 1
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i].strip()
        if not line or len(line) > 60:
            continue
        full = DATE.search(line) or NUMERIC_DATE.search(line)
        partial = None if full else PARTIAL_DATE.search(line)
        match = full or partial
        if not match or (full and line[full.end() :].strip(" .。")):
            continue
        before = line[: match.start()].strip(" :：,，")
        if before and not AGENCY_NAME.fullmatch(before.replace(" ", "")):
            continue  # “发布日期：2025年1月20日” and the like are not a signature
        published = None
        if full:
            year, month, day = full.group(1), *full.groups()[-2:]
            try:
                published = date(int(year), int(month), int(day))
            except ValueError:
                published = None
        agency, start = (before.replace(" ", "") or None), offsets[i]
        if agency is None:
            for j in range(i - 1, max(-1, i - 3), -1):
                above = lines[j].strip().replace(" ", "")
                if not above:
                    continue
                if len(above) <= 40 and AGENCY_NAME.fullmatch(above):
                    agency, start = above, offsets[j]
                break
        partial_ym = (int(partial.group(1)), int(partial.group(2))) if partial else None
        return agency, published, start, partial_ym
    return None, None, None, None


# “汕尾市公安局(以下简称“市公安局”)”: the short name the report goes on with
ALIAS = re.compile(r"([\u4e00-\u9fff]{2,40})\s*\(\s*以下简称\s*[“\"']?([\u4e00-\u9fff]{2,20})[”\"']?\s*\)")
# “如对本报告有疑问,请与X联系”, “请联系X”, “单位: X”: the body that answers for the report
CONTACT = re.compile(rf"(?:(?:请|可|直接)(?:与|于|联系)\s*[:：]?|单位\s*[:：])\s*([\u4e00-\u9fff]{{2,40}}?"
                     rf"(?:{AGENCY_SUFFIX}|大学|学院|医院)(?:[\u4e00-\u9fff]{{0,12}}?(?:科|股|组))?)"
                     r"(?=\s|联系|[(,，;；]|$)")  # “请与翔安区教育局综合科联系”
CONTACT_OFFICE = re.compile(r"^(.+(?:人民政府|办事处|委员会|管委会|局|委|街道|镇|乡|苏木|大学|学院|医院|联合?社|中心))"
                            r"[\u4e00-\u9fff]{0,16}?(?:办公室|办|科|股|中心|小组|组)$")
# A page that opens with the agency's name on a line of its own and no title naming it (“浑南区国资局”)
WEEKDAY_LINE = re.compile(r"[ \t|]*20\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*星期[一二三四五六日天][ \t|]*(?:\n|$)")
FIRST_LINE_NAME = re.compile(rf"^[ \t|]*([\u4e00-\u9fff]{{2,30}}?{AGENCY_SUFFIX})[ \t|]*\n")


PUBLISHER_LABEL = re.compile(r"^[•·*\s|]*(?:发布机构|发文机关|发布单位)\s*:[\s|]*")


def _agency_name(parsed: Parsed, norm: str) -> str | None:
    name = _named_agency(parsed, norm)
    if name and re.search(r"(?:县|区|市|旗|州|乡|镇)$", name) and name + "人民政府" in norm[:3000]:
        name += "人民政府"  # “现发布《彭阳县2022年…》” and “2022年,彭阳县人民政府紧紧围绕…”
    alias = ALIAS.search(norm[:3000])
    if alias and name == alias.group(2):
        return _own_part(alias.group(1))  # “国家税务总局芜湖市镜湖区税务局(以下简称“镜湖区税务局”)”
    head = norm[: parsed.headings.get("overview", (1500, 0))[0]]
    lines = (PUBLISHER_LABEL.sub("", line.strip()) for line in head.split("\n"))
    if name and (fuller := next((line for line in lines if len(line) > len(name)
                                 and line.endswith(name) and AGENCY_NAME.fullmatch(line)), None)):
        return fuller  # “盐边县新九镇人民政府” on a line of its own above the report, or a page's “发布机构: …”
    if name and (fuller := _place_of_its_year(name, norm)):
        return fuller  # “住建局 2025 年…报告” and “2025年安阳县住建局依申请…”
    return _contact_name(name, norm) or name or _site_name(norm)


def _speaks_as(name: str, norm: str) -> bool:
    """The text speaks of itself by the name's kind: 我局 for a 局, 我县 for a 县's government (and never 我局)."""
    if name.endswith("人民政府"):
        return "我" + name.removesuffix("人民政府")[-1] in norm and not OWN_BODY_WORD.search(norm)
    return "我" + name[-1] in norm


def _kind_disagrees(name: str, norm: str) -> bool:
    """A county's or city's government named where the text speaks as a township or street (“本街道收到…”, “结合
    杭州市滨江区人民政府…工作编制” in 浦沿街道's report) and never as the county: not this report's agency."""
    return bool(re.search(r"[县区市旗](?:人民政府)?(?:办公室)?$", name) and "人民政府" in name
                and re.search(r"[我本](?:街道|镇|乡|苏木)", norm) and not re.search(r"[我本全][县区市旗]", norm))


# “汉中市交通运输局网站主动公开…”, “电子版可从阜阳市公安局网站下载”: its own site, named where nothing else names it
SITE_NAME = re.compile(r"(?:^|[\n。;,:：，、“]|从|在|登录|通过|和)\s*"
                       r"((?:(?!从|在|登录|通过)[\u4e00-\u9fff]){2,20}?(?:[局委办厅]|[市县区旗]人民政府))"
                       r"(?:门户|政务|官方)?(?:网站|官网|网(?!站))")
OWN_BODY_WORD = re.compile(r"[我本](?:局|委|办|厅)")


def _site_name(norm: str) -> str | None:
    """The one body whose site the text names, where it speaks of itself by that body's kind (“我局”)."""
    names = {m.group(1) for m in SITE_NAME.finditer(norm[:3000])
             if _speaks_as(m.group(1), norm) and re.search("[省市县区州旗]", m.group(1)[:-1])}  # not “强化局…网站”
    # “规范市住建局网站” beside “句容市住房和城乡建设局官网”: a verb before one of its short names
    names = {n for n in names if not any(m != n and any(n.endswith(s) for s in short_names(m)) for m in names)}
    return names.pop() if len(names) == 1 else None


def _place_of_its_year(name: str, norm: str) -> str | None:
    """A name without its place (“住建局”, “区自然资源局”) that the text gives in full after a year of its own
    work (“2022年麒麟区自然资源局…”) — a higher level's body is named after 按照/根据, not after a year."""
    if re.match(r"[省市县区旗州]", name):
        prefix = r"((?!依托|通过|按照|根据|依据|结合|围绕|利用|在|由|对|向|经)[\u4e00-\u9fff]{2,8}?)"  # not “依托宣城”
    elif not re.search(r"[省市县区旗州乡镇]|街道", name):
        prefix = r"([\u4e00-\u9fff]{1,10}?(?:省|市|县|区|旗|州))"
    else:
        return None
    found = {m.group(1) + name for m in re.finditer(rf"20\d{{2}}\s*年度?\s*[,，]?\s*{prefix}{re.escape(name)}", norm)}
    return found.pop() if len(found) == 1 else None


def _own_part(words: str) -> str:
    """A CJK run ending in a name, without the verb before it (“结合国家税务总局…税务局”)."""
    return re.sub(r"^.*(?:结合|根据|依据|按照|做好|现将|公布|发布|编制|由|是|年度?)", "", words)


def _contacts(norm: str) -> list[tuple[str, str]]:
    """The bodies the preamble says to ask (“请与鄂温克族自治旗审计局综合办公室联系”): as written, and without
    their office."""
    own_office = OFFICE_SELF.search(norm)  # “我办”: a government's office answers for its own report
    found = []
    for match in CONTACT.finditer(norm[:3000]):
        written = re.sub(r"^(.{2,8})\1", r"\1", match.group(1))  # “扎赉特旗扎赉特旗…”: a place typed twice
        body = written if own_office and written.endswith("人民政府办公室") else CONTACT_OFFICE.sub(r"\1", written)
        # not “泸州市信息公开办公室”: a place's disclosure office answers for the bodies it serves, not for itself
        if not re.match(r"[我本该]", written) and not re.match(r"[\u4e00-\u9fff]{1,10}?(?:省|市|县|区|旗|州)"
                                                              r"(?:人民)?(?:政府)?(?:信息公开|政务公开)", body):
            found.append((written, body))
    return found


def _contact_name(name: str | None, norm: str) -> str | None:
    """Where nothing else names the agency, the one body the preamble says to ask; else a fuller form of the name
    (“资溪县农业农村局” for “农业农村局”, “合肥市瑶海区人民政府办公室” for “区政府办公室”)."""
    contacts = _contacts(norm)
    if not name:
        # not “请与钦州市行政审批局联系” in a report that says 我市: the office that runs the city's disclosure
        bodies = {body for _written, body in contacts if not (
            re.search("[我本][市县区旗]", norm) and re.search("[局委办厅]$", body) and not _speaks_as(body, norm))}
    else:
        short = name.replace("人民政府", "政府")
        bodies = {form for pair in contacts for form in pair
                  if len(form) > len(name) and form.replace("人民政府", "政府").endswith(short)}
    return bodies.pop() if len(bodies) == 1 else None


def _named_agency(parsed: Parsed, norm: str) -> str | None:
    signature, title = parsed.signature_agency, parsed.title_agency
    first = FIRST_LINE_NAME.match(norm)
    if first and (re.search(r"欢迎|网站|门户", first.group(1)) or WEEKDAY_LINE.match(norm, first.end())):
        first = None  # “欢迎来到莒南县人民政府门户网站”, or the site's name over today's date: a site's banner
    if not title and not signature and first:
        title = first.group(1)  # not the title's: a site's name there must not contradict a signature
        own = _preamble_name(norm) if title.endswith("人民政府") else None
        if own and title not in own and re.search(r"(?:乡|镇|街道|苏木)(?:人民政府|办事处)?$", own):
            return own  # “洛浦县人民政府” above the text of 纳瓦乡's report: the site's, not the report's
    if signature and (not title or title in signature or signature in title):
        return signature if len(signature) >= len(title or "") else title
    if signature and title and same_agency(title, signature):
        parsed.name_variant = (title, signature)
        return signature if agency_kind_known(signature) or not agency_kind_known(title) else title
    if title and AGENCY_NAME.fullmatch(title) and not re.match(r"[省市县区州旗]", title):
        fuller = _preamble_name(norm)  # “城区街道办事处” that the overview names “乳山市城区街道办事处”
        return fuller if fuller and title in fuller else title
    if signature:
        return signature
    name = _preamble_name(norm)
    if not title or name and title in name:
        return name  # “建章路街道办事处” for the title's “建章路街道”
    # a title's place keeps its name: the preamble's is its short form (“鄂温克旗” for “鄂温克族自治旗”),
    # the office that compiled its report (“由沙河口区人民政府办公室编制”) or the site's (“发布机构:…”)
    return title


def _preamble_name(norm: str) -> str | None:
    """The name the preamble or the overview's first sentence gives the agency, if any."""
    for pattern in (
        # “…有关要求,佛冈县住房和城乡建设局特向社会公布2024年度本机关信息公开工作报告”
        r"(?:^|[,，。;])\s*([\u4e00-\u9fff]{2,30}?" + AGENCY_SUFFIX
        + r")\s*(?:特|现)?向社会(?:公布|发布)\s*20\d{2}\s*年",
        # “编制形成2021年漳平市人民政府办公室政府信息公开年度报告”
        r"(?:公布|发布|形成|编制了?|现将|对)\s*20\d{2}\s*年度?([\u4e00-\u9fff]{2,30}?" + AGENCY_SUFFIX
        + r")(?=政府信息公开|信息公开|政务公开)",
        # “现公开钢花村街道办事处2022年…报告”, “现发布《东宝区2024年…报告》”
        r"(?:公布|发布|(?<!信息)公开|现将|编制(?:了|完成)?|形成)\s*《?((?:(?!报告|公开|公布|发布|编制)[\u4e00-\u9fff]){2,30}?(?:"
        + AGENCY_SUFFIX + "|" + PLACE_SUFFIX + r"))\s*(?:\([^()]{0,20}\))?\s*20\d{2}\s*年度?\s*(?:的)?\s*"
        r"(?:政府|政务)信息公开",
        r"(?:公布|发布)\s*([\u4e00-\u9fff]{2,30}?" + AGENCY_SUFFIX + r")\s*20\d{2}\s*年",
        r"(?:本(?:年度)?报告由|,由)\s*([\u4e00-\u9fff]{2,30}?" + AGENCY_SUFFIX
        + r")\s*(?:组织)?(?:编制|根据|依据|按照|结合)",
        # “大营镇党政办公室编制了《2023年度政府信息公开工作报告》”
        r"(?:^|[。;\n])\s*([\u4e00-\u9fff]{2,30}?" + AGENCY_SUFFIX + r")\s*编制了?\s*《",
        # “…要求,黄龙县市场监督管理局结合单位实际,编制本单位2022年度…报告”
        r"(?:^|[,，。;])\s*([\u4e00-\u9fff]{2,30}?" + AGENCY_SUFFIX
        + r")(?:结合[^。,，]{0,12}[,，])?\s*编制了?本(?:单位|机关|部门|局|委|办)",
        # “结合2022年昌江区民政局政府信息公开工作编制而成”
        r"(?:结合|和)\s*20\d{2}\s*年度?\s*([\u4e00-\u9fff]{2,30}?" + OWN_NAME_END + r")\s*(?:的)?政府信息公开",
        r"结合\s*([\u4e00-\u9fff]{2,30}?" + OWN_NAME_END + r")\s*(?:\(以下简称[^()]{0,20}\))?\s*20\d{2}\s*年度?"
        r"\s*(?:的)?政府信息公开",
        # “为认真做好京山市卫生健康局政府信息公开工作,我局…”
        r"(?:做好|承担)\s*([\u4e00-\u9fff]{2,30}?" + AGENCY_SUFFIX + r")\s*(?:20\d{2}\s*年度?)?政府信息公开工作",
        # “2020年,綦江区严格按照国务院全面推进…”: a name holds none of the verbs
        rf"20\d{{2}}\s*年度?(?:以来)?\s*[,，]?\s*(?:在[^,，。]{{2,30}}?下\s*[,，]\s*)?"
        rf"((?:(?!{DOING})[\u4e00-\u9fff]){{2,30}}?{OWN_NAME_END})(?:\(以下简称[^()]{{0,20}}\))?(?:{DOING})",
        rf"(?:^|\n)\s*((?:(?!{DOING})[\u4e00-\u9fff]){{2,30}}?{OWN_NAME_END})(?:\(以下简称[^()]{{0,20}}\))?(?:{DOING})",
        # a page's label of who published it: “发布机构:泉州市…管理委员会办公室”
        r"(?:发布机构|发文机关|发布单位|信息来源|来源)\s*:[\s|]*([\u4e00-\u9fff]{2,30}?" + AGENCY_SUFFIX
        + r")(?:[ \t|]*(?:\n|$)|[\s|]+(?:发布|发文|成文))",  # “发布机构: | 县民政局 | 发文日期: |”
        # a title without its year before the name: “湘桥区教育局政府信息公开工作年度报告”, “…报告(2020年度)”,
        # “…外事办公室政府信息公开工作2022年度报告”
        # “盐城市行政审批局政府信息公开工作 2022年度情况的报告” (a drop cap “盐” before it)
        r"(?:^|\n)[ \t|]*(?:[\u4e00-\u9fff][ \t]+)?([\u4e00-\u9fff]{2,30}?" + AGENCY_SUFFIX
        + r")\s*(?:政府)?信息公开(?:工作)?\s*(?:20\d{2}\s*)?年度(?:情况的?)?报告(?:\(20\d{2}年度?\))?[ \t|]*(?:\n|$)",
    ):
        match = re.search(pattern, norm[:1500])
        if match and PARTY_BODY.search(match.group(1)):
            continue  # “街道党工委高度重视…”: the party's committee, not the body that discloses
        if match and re.search(r"网站|门户|平台|本级|及|、|^[对向为被把将给]", match.group(1)):
            continue  # “县政府门户网站主动公开…”, “区本级政府及政府办…”, “对社会主动公开…”: no body's name
        if match and "结合" in match.group(0) and _kind_disagrees(match.group(1), norm):
            continue  # “结合杭州市滨江区人民政府…工作” in a street's report: the district's work it took part in
        if match and not re.match(r"度?[本我该]", match.group(1)):  # “公布2023年度本局…报告”: no name given
            name = re.sub(r"(局|委|办|厅)\1$", r"\1", match.group(1))  # “区自然资源局局认真…”: a doubled character
            # the office that compiled the report is no agency of its own: a unit's 党政办 (“由…新虹街道办事处党政办
            # 编制”, “来源:蒋湖农场党政办”), a township's 综合办, a 局's own office (“…教育局办公室”)
            name = re.sub(r"(?<=..)党政(?:综合)?办(?:公室)?$", "", name)
            name = re.sub(r"((?:办事处|街道|镇|乡|苏木)(?:人民政府)?)综合办(?:公室)?$|(局)办公室$", r"\1\2", name)
            # “由乌拉特后旗政务公开领导小组办公室编制”: the group that runs its government's disclosure
            name = re.sub(r"^(.{2,12}?[省市县区旗州])(?:人民政府)?(?:政务公开|政府信息公开|信息公开)(?:工作)?领导小组"
                          r"办公室$", r"\1人民政府", name)
            if "编制" in match.group(0) and name.endswith("人民政府办公室") and not OFFICE_SELF.search(norm):
                name = name.removesuffix("办公室")  # “由交口县人民政府办公室编制” a report that never says 我办
            return name
    return None


# An office speaking of itself (not “本办法”)
OFFICE_SELF = re.compile(rf"我办|本办(?![法理事])|政府办(?:公室)?(?:{DOING})")  # or “市政府办公室认真贯彻…”
KIND_CHARS = set("乡镇县区市省州旗局委办厅院署")


def same_agency(a: str, b: str) -> bool:
    """Two spellings of one name, one with a character misread (OCR, a typo) — but not 乡 for 镇 or 局 for 委."""
    from rapidfuzz.distance import Levenshtein

    short_a, short_b = a.removesuffix("人民政府"), b.removesuffix("人民政府")
    if min(len(short_a), len(short_b)) < 4:
        return False
    ops = Levenshtein.editops(short_a, short_b)
    if len(ops) != 1:
        return False
    op = ops[0]
    changed = {
        short_a[op.src_pos] if op.src_pos < len(short_a) else "",
        short_b[op.dest_pos] if op.dest_pos < len(short_b) else "",
    }
    return op.tag == "replace" and not (changed - {""}) <= KIND_CHARS


def agency_kind_known(name: str) -> bool:
    core = name.removesuffix("人民政府").removesuffix("办事处")
    return bool(re.search(r"(?:乡|镇|街道|县|区|市|旗|州|省|局|委员会|委|办公室|办|厅|中心|院|署)$", core))


def _year_from_text(norm: str) -> int | None:
    years = Counter(int(y) for y in re.findall(r"(20\d{2})\s*年(?!\s*\d{1,2}\s*月)", norm[:3000]))
    return years.most_common(1)[0][0] if years else None
