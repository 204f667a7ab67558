"""What the openings of 2024 and 2025 reports (published 2025–2026) and more 2019-format tables showed the checker
reading wrong: a 2019 row's signed 本年增/减 taken for its decisions, one number split into three, a row of dashes
or of empty cells taken for the row a page stops in, a heading a page stops in, the agency in more preambles,
and counts of requests said in more ways."""

import pytest

from gongkai.reports.check import check_parsed
from gongkai.reports.check_statements import statements
from gongkai.reports.parse import parse_text
from tests.reports.fixtures_check.build import figures, text_report
from tests.reports.fixtures_check.format2019 import KEYS_2019, LABELS_2019, figures_2019, report_2019
from tests.reports.test_real_openings import unsigned


def checked(text):
    return check_parsed(parse_text(text))


def findings(report, code):
    return [f for f in report.findings if f.code == code]


def claims(overview, **kwargs):
    return {(c.subject, c.low, c.area) for c in statements(parse_text(text_report(overview=overview, **kwargs)))}


# --- 表二 of the 2019 format, one cell a line as pages save it ----------------------------------------------------

def table_two_2019(licensing, penalty, header=("上一年项目数量", "本年增/减")):
    """The 2019 表二, one cell a line, an empty cell left out (as crawlers save a table of <p>s)."""
    return [
        "第二十条第（一）项", "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量",
        "规章", "0", "0", "3", "规范性文件", "12", "12", "87",
        "第二十条第（五）项", "信息内容", "上一年项目数量", "本年增/减", "处理决定数量", "行政许可", *licensing,
        "其他对外管理服务事项", "3", "0", "2",
        "第二十条第（六）项", "信息内容", *header, "处理决定数量", "行政处罚", *penalty, "行政强制", "0", "0", "0",
        "第二十条第（八）项", "信息内容", "上一年项目数量", "本年增/减", "行政事业性收费", "1", "0",
    ]


def with_table_two(table2):
    return text_report(rows=figures_2019(), year=2020, date="2021年1月20日", table2=table2, keys=KEYS_2019,
                       labels=LABELS_2019, overview="2020年，本机关认真贯彻政府信息公开条例，按期答复全部申请。")


def test_a_signed_figure_is_the_change_column_not_the_decisions():
    """抚州市民政局 2020: “行政处罚 | 0 | 增 | 25” is 25 decisions (增 alone a change without its figure); 某区 2020:
    “行政许可 / 19 / +4” with the decisions cell empty is no 4 decisions."""
    report = checked(with_table_two(table_two_2019(["19", "+4"], ["0", "增", "25"])))
    assert report.proactive.licensing == 0 and report.proactive.penalty == 25
    assert "行政许可" in " ".join(f.message for f in findings(report, "blank_cell"))
    assert not [f for f in findings(report, "unreadable") if "表二" in f.where]


def test_a_header_that_lost_a_character_still_names_the_2019_columns():
    """某市 2020: “上一年项目数 ”, “本年增/” — the 2019 block's three cells, not the 2021 format's one."""
    report = checked(with_table_two(table_two_2019(["41", "19", "305"], ["156933", "7906", "164839"],
                                                       header=("上一年项目数 ", "本年增/"))))
    assert (report.proactive.licensing, report.proactive.penalty) == (305, 164839)


def test_one_number_where_three_cells_are_is_not_split_into_digits():
    """格尔木市 2020: “行政许可 / 148 / (empty) / (empty)” is no 1, 4 and 8: which cell 148 stands in is unknown."""
    report = checked(with_table_two(table_two_2019(["148"], ["12", "-2", "41"])))
    assert report.proactive.licensing is None and report.proactive.penalty == 41


def test_digits_run_into_their_label_are_still_split():
    """A page on one line with no space anywhere (“规章000行政规范性文件217第二十条…”): the digits run into the label
    are the row's cells run together, one a cell."""
    report = checked(text_report(sep="").replace("\n", ""))
    assert report.proactive.normative_documents.issued == 2 and report.proactive.normative_documents.in_force == 7


# --- where a page stops ----------------------------------------------------------------------------------------

def piped(text):
    """Every line of 表三 as a Markdown-like row, “| … |”, as some sites' tables are saved."""
    head, rest = text.split("三、收到和处理政府信息公开申请情况\n")
    table, tail = rest.split("四、政府信息公开行政复议")
    rows = [f"| {line.replace(chr(9), ' | ')} | |" for line in table.strip().split("\n")]
    return head + "三、收到和处理政府信息公开申请情况\n" + "\n".join(rows) + "\n四、政府信息公开行政复议" + tail


def test_a_row_of_dashes_the_next_row_follows_is_whole():
    """某县公安局 2025: “| (一)予以公开 | / | / | … |” then “| (二)部分” where the page stops: the row is read."""
    rows = figures()
    rows["granted"] = ["/"] * 7
    text = piped(text_report(rows=rows))
    cut = text[: text.index("（二）部分") + 4]
    report = checked(cut)
    assert report.applications["granted"]["total"] == 0
    assert not [f for f in findings(report, "unreadable") if "予以公开" in f.message]


def test_an_empty_row_that_more_lines_follow_is_not_where_the_page_stops():
    """某局 2020: “行政事業性收費 | |||||”, then “第二十條第(九)項 …” — the text goes on after the row."""
    text = report_2019(sep=" | ").replace("行政事业性收费 | 1 | 0", "行政事业性收费 | |")
    cut = text[: text.index("采购项目数量") + 4]
    messages = [f.message for f in findings(checked(cut), "unreadable") if "行政事业性收费" in f.message]
    assert messages and not any("中断" in m for m in messages)


def test_an_empty_row_a_cell_a_line_is_not_where_the_page_stops():
    """螅镇 2022, 武进区退役军人事务局 2022: 表三 a cell a line, its rows empty (no line for an empty cell), the page
    stopping in “3.补正后申请内容” — the row before is empty, not cut."""
    rows = figures()
    rows["unable.needs_creation"] = []
    text = text_report(sep="\n", rows=rows)
    cut = text[: text.index("3.补正后申请内容") + 8]
    messages = [f.message for f in findings(checked(cut), "unreadable") if "另行制作”一行" in f.message]
    assert messages and not any("中断" in m for m in messages)


def test_a_page_that_stops_in_the_next_heading_reached_that_section():
    """某局 2025, 某县 2024: the page ends in “三、收到和处理政府信息公”: 表二 is whole, section 三 begins, and what
    is not there of 表三 and 四 is where the page stops."""
    text = text_report()
    report = checked(text[: text.index("三、收到和处理") + len("三、收到和处理政府信息公")])
    assert report.proactive.licensing == 35 and report.proactive.fees_10k_yuan == 1.25
    missing = [f.where[:2] for f in findings(report, "missing_section")]
    assert missing == ["四、", "五、", "六、"]
    assert all("中断" in f.message for f in findings(report, "unreadable"))


@pytest.mark.parametrize("heading", ["（一）总体情况", "—、总体情况", "• 总体情况", "一、工作总体推进情况",
                                     "一,、总体情况"])
def test_an_overview_numbered_as_an_item_or_with_a_dash(heading):
    """白沙黎族自治县 2023: “(一)总体情况”; 某区 2022: “—、总体情况”, a dash typed for 一; a list's bullet; 凌源市某镇
    2025: “一、工作总体推进情况”; a mirror's stray comma (“一,、總體情況”)."""
    report = checked(text_report().replace("一、总体情况", heading))
    assert not findings(report, "missing_section")


def test_section_five_headed_with_next_years_plan():
    """某局 2022: “五、存在的主要问题及下一步计划” is section 五."""
    report = checked(text_report().replace("五、存在的主要问题及改进情况", "五、存在的主要问题及下一步计划"))
    assert not findings(report, "missing_section")


# --- the agency and the year ----------------------------------------------------------------------------------

@pytest.mark.parametrize("title, preamble, agency", [
    # 纳瓦乡 2025: the county's name above the township's text (“纳瓦乡认真…”, “我乡…”)
    ("洛浦县人民政府", "2024年,在县委、县政府的正确领导下,纳瓦乡认真按照上级文件的有关规定,我乡加强信息工作领导。",
     "纳瓦乡"),
    # 建新镇 2025: an alias between the name and the year
    ("政府信息公开工作年度报告", "本报告结合遂溪县建新镇人民政府(以下简称“镇政府”)2024年度政府信息公开工作实际编制。",
     "遂溪县建新镇人民政府"),
    # 佛冈县住建局 2024: “X特向社会公布”, the overview's “县住建局” a short form
    ("政府信息公开工作年度报告", "根据有关要求,佛冈县住房和城乡建设局特向社会公布2024年度本机关信息公开工作报告。"
     "2024年县住建局高度重视政府信息公开工作。", "佛冈县住房和城乡建设局"),
    # 咸宁市市场监管局 2025: the page's next label on the title's line
    ("名 称: 咸宁市市场监督管理局2024年信息公开工作年度报告 发布日期: 2025年01月21日", "", "咸宁市市场监督管理局"),
    # 东宝区财政局 2024: “…和2024年X政府信息公开工作开展情况编制”
    ("政府信息公开工作年度报告", "本报告根据《条例》和2024年东宝区财政局政府信息公开工作开展情况编制。",
     "东宝区财政局"),
    # 中江县 2022: “由X组织编制”, an office that never says 我办
    ("政府信息公开工作年度报告", "本报告由中江县人民政府办公室组织编制。", "中江县人民政府"),
    # 阜阳市公安局 2024, 汉中市交通运输局 2025: named only as the site of a body that calls itself 我局
    ("政府信息公开工作年度报告", "本报告的电子版可从阜阳市公安局网站下载。如有疑问,请与我局联系。", "阜阳市公安局"),
    ("政府信息公开工作年度报告", "2024年,我局深化公开。汉中市交通运输局网站主动公开信息927条,强化局官方网站建设。",
     "汉中市交通运输局"),
    # 句容市住建局 2022: its 官网, and a verb before a short name of it (“规范市住建局网站”)
    ("政府信息公开工作年度报告", "全年我局在句容市住房和城乡建设局官网上主动公开部门文件172条,规范市住建局网站管理。",
     "句容市住房和城乡建设局"),
    # 钦州市 2024: “请与钦州市行政审批局联系” runs the city's disclosure; the text says 我市, its site is the city's
    ("政府信息公开工作年度报告", "本年度报告在钦州市人民政府门户网站全文公开。如有疑问,请与钦州市行政审批局联系。"
     "2024年,我市深入贯彻落实《条例》。", "钦州市人民政府"),
    # 乌拉特后旗 2024: the group that runs its government's disclosure compiled the report
    ("政府信息公开工作年度报告", "本报告由乌拉特后旗政务公开领导小组办公室编制。", "乌拉特后旗人民政府"),
    # 某市发改局 2022: “市发改局主动公开政府信息…”, the overview's first words
    ("政府信息公开工作年度报告", "2024年,市发改局主动公开政府信息1112条。", "市发改局"),
    # 临沂市供销社 2022: its office only answers questions; 宜城市供销联社 2023: “由X结合工作实际编制”
    ("政府信息公开工作年度报告", "如有疑问,请与临沂市供销合作社联合社办公室联系。", "临沂市供销合作社联合社"),
    ("政府信息公开工作年度报告", "本报告由宜城市供销联社结合工作实际编制。", "宜城市供销联社"),
    # 铜陵市地震局 2021: its site in quotation marks, after 和
    ("政府信息公开工作年度报告", "我局主要通过“铜陵市政府信息公开平台”和“铜陵市地震局官网”公开信息。", "铜陵市地震局"),
    # 盐城市行政审批局 2022: a drop cap before the name, “…工作 2022年度情况的报告”
    ("盐 盐城市行政审批局政府信息公开工作\n2024年度情况的报告", "", "盐城市行政审批局"),
])
def test_the_agency_in_more_preambles(title, preamble, agency):
    text = unsigned(title, overview="2024年，本机关收到政府信息公开申请10件，均已按期答复。")
    report = checked(text.replace("一、总体情况", preamble + "\n一、总体情况"))
    assert report.agency == agency
    assert not findings(report, "self_reference")


def test_a_county_government_named_in_a_streets_preamble_is_not_its_agency():
    """浦沿街道 2022: “结合杭州市滨江区人民政府2022年度政府信息公开工作编制而成”, then “本街道收到…” — the district's
    work it took part in; the page names the street nowhere else, so the agency is left blank, not the district."""
    text = unsigned("政府信息公开工作年度报告", overview="2024年本街道收到信息公开申请10件。").replace(
        "一、总体情况", "本年度报告结合杭州市滨江区人民政府2024年度政府信息公开工作编制而成。\n一、总体情况")
    assert checked(text).agency is None


def test_a_page_label_list_names_the_agency_not_its_banner():
    """湖南省生态环境厅 2023: “…湖南省政府门户网站 无障碍浏览|”, a blank line, “2023年政府信息公开工作年度报告”, then
    “• 发布机构: 湖南省生态环境厅” and “• 名称: 2023年…报告” — the banner's last words are no agency."""
    head = ("中国政府网 | 湖南省政府门户网站 无障碍浏览|\n\n2024年政府信息公开工作年度报告\n\n"
            "  • 索引号:430S00/2025-009831\n  • 发布机构: 湖南省生态环境厅\n  • 名称: 2024年政府信息公开工作年度报告\n")
    text = unsigned(head, overview="2024年,省生态环境厅认真贯彻落实《条例》。")
    assert checked(text).agency == "湖南省生态环境厅"


@pytest.mark.parametrize("said", ["2024年,县政府门户网站主动公开信息1200条。",
                                  "2024年,区本级政府及政府办主动公开信息1200条。",
                                  "对社会主动公开的政府信息内容包括机构职能。"])  # 官塘乡 2020
def test_a_site_or_two_bodies_are_no_agencys_name(said):
    """吴起县 2023, 鼓楼区 2025: “县政府门户网站主动公开…”, “区本级政府及政府办主动公开…” name no agency."""
    assert checked(unsigned("政府信息公开工作年度报告", overview=said)).agency is None


def test_a_date_a_sentence_goes_on_after_is_no_closing_date():
    """广东省中医药局 2022: the page stops in “2022年8月19日通过局网站公开了广东” — cut, not closed by a date."""
    text = text_report()
    cut = text[: text.index("二、主动公开")] + "2024年8月19日通过局网站公开了广东"
    missing = [f.message for f in findings(checked(cut), "missing_section")]
    assert len(missing) == 5 and all("中断" in m for m in missing)


def test_a_section_six_cut_in_a_word_is_no_missing_fee_statement():
    """蓬江区 2022: the page stops in 六's first item (“(一)通过信用(蓬江)网依法公”): its fee line may follow."""
    text = text_report(other="（一）通过信用网依法公开投资建设项目基本信息27条。（二）依法公")
    cut = text[: text.index("（二）依法公") + 6]
    assert not findings(checked(cut), "fee_statement_missing")
    assert findings(checked(text_report(other="（一）通过信用网依法公开投资建设项目基本信息27条。")),
                    "fee_statement_missing")


def test_a_sites_name_over_todays_date_is_its_banner():
    """天津 河北区/河东区 2025: “天津市河北区人民政府” then “2019年12月3日星期二” — the site's banner over a street's or
    an office's report: the government is not its agency."""
    text = unsigned("天津市河北区人民政府\n2019年12月3日星期二", overview="2024年,本机关收到政府信息公开申请10件。")
    assert checked(text).agency is None
    text = text.replace("2024年,本机关", "2024年,河东区人民政府办公室坚持依法公开,本机关")
    assert checked(text).agency == "河东区人民政府办公室"


def test_a_period_typed_from_last_years_report_does_not_set_the_year():
    """某自然资源和规划局 2021: “编制了2021年…报告”, “2021年,…”, and “统计期限自2020年1月1日起至2020年12月31日止”."""
    text = unsigned("政府信息公开工作年度报告").replace(
        "一、总体情况", "本局编制了2024年政府信息公开年度报告。本报告中所列数据的统计期限自2023年1月1日起至"
        "2023年12月31日止。\n一、总体情况")
    report = checked(text)
    assert report.year == 2024 and findings(report, "year_mismatch")


# --- counts of requests said in more ways -----------------------------------------------------------------------

@pytest.mark.parametrize("said, claim", [
    ("共办理11件政府信息公开申请,其中本机关新收10件,上年度未办结1件。", ("carried_in", 1, False)),  # 复兴街道 2025
    ("办结10件,结转次年办理1件。", ("carried_out", 1, False)),
    ("转接下年度办理1件。", ("carried_out", 1, False)),  # 某区 2023
    ("我局收到10件政府信息依申请公开件,均按要求办理完毕。", ("requests", 10, False)),  # 某局 2025
    ("2024年度收到10条政府信息公开相关申请。", ("requests", 10, False)),  # 东宝区财政局 2024
    ("我局共收到各类政府信息公开申请10件。", ("received", 10, False)),  # 各类: all kinds, not one
    ("上年结转政府信息公开申请办件1件。", ("carried_in", 1, False)),
    ("全年共收到政府信息公开申请10件,均已依法按时办结。", ("carried_out", 0, False)),
    # 卧虎沟乡 2025: 确保 says how the work was done, not a plan
    ("工作中,确保程序合法、内容准确,未发生因政府信息公开申请引发的行政复议或行政诉讼案件。", ("litigation", 0, False)),
    # 牌楼镇 2025: a sentence run on without its stop
    ("确保申请事项“件件有回音、事事有着落”2024年度,收到10条依申请公开事项,已按期办结。", ("requests", 10, False)),
    ("全年共制作规范性文件2份,微信公众号制作发布推文99条。", ("doc.normative_documents.issued", 2, False)),
    ("2024年,依申请公开政府信息10件,按时办结。", ("requests", 10, False)),  # 浒墅关经开区 2022: 件 are requests
    ("收到政府信息公开申请10件,回复10条。", ("concluded", 10, False)),  # 汉中市交通运输局 2025
    ("本年度制发规范性文件2件、宣布废止失效文件1件。", ("doc.normative_documents.repealed", 1, False)),  # 某区 2023
    ("全年收到政府信息公开申请10件,上年无结转,办结10件。", ("carried_in", 0, False)),  # 某区 2024
    ("其中,申请人逾期不补正的1件。", ("row:other.no_supplement", 1, False)),  # 某县 2023: a row of （六）其他处理
])
def test_counts_said_in_more_ways(said, claim):
    assert claim in claims(said)


@pytest.mark.parametrize("said, subject", [
    ("共办理11件政府信息公开申请,其中本机关新收10件,上年度未办结1件。", "carried_out"),
    ("全年办理政府信息依申请公开9条,本机关不掌握政府信息答复1条。", "concluded"),  # 某局 2025: one reason's answers
    ("全年共制作规范性文件2份,微信公众号制作发布推文99条。", None),  # 大余县民政局 2020: posts, no documents
    ("全年收到政府信息公开申请10件,上年无结转,办结10件。", "carried_out"),
    # 夏阳街道 2025: one kind of answer among those received
    ("2024年收到政府信息公开申请10件,其中:主动公开1件,依申请公开4件,咨询2件。", "requests"),
    ("不服政府信息公开答复产生的行政诉共3项。", "concluded"),  # 某局 2020: suits over answers
])
def test_counts_that_are_not_the_subject_they_seem(said, subject):
    found = claims(said)
    if subject:
        assert subject not in {s for s, _, _ in found}
    else:
        assert ("doc.normative_documents.issued", 99, False) not in found
        assert not [f for f in checked(text_report(overview=said)).findings if f.code == "narrative_mismatch"]


def test_a_count_in_chinese_numerals_before_the_requests():
    """A 2025 town page: “收到一份政府信息公开申请” is one request received, as “收到3件…申请” is three."""
    said = "2024年,我镇收到一份政府信息公开申请,已按期答复。"
    assert [(c.subject, c.high) for c in statements(parse_text(text_report(overview=said)))] == [("requests", 1)]


def test_a_townships_own_level_is_not_its_area():
    """大安乡 2023: “本级政府尚未有…行政复议和行政诉讼” — 本级 is the 乡 itself, so its counts in that paragraph are
    its own (errors where the tables differ), not an area's (warnings)."""
    said = "2024年,大安乡政府收到政府信息公开申请1件,引发行政复议0件。本级政府尚未有政府信息公开方面的行政诉讼。"
    claims = statements(parse_text(text_report(agency="大安乡人民政府", overview=said)))
    assert claims and not [c for c in claims if c.area]


def test_its_own_part_is_no_area_figure_in_a_streets_report():
    """复兴街道 2025: “其中本机关新收5件” — a 街道 has no area's figures beside its own."""
    said = "2024年,共办理11件政府信息公开申请,其中本机关新收10件,上年度未办结1件。办结10件,结转次年办理1件。"
    found = claims(said, agency="复兴街道办事处")
    assert ("concluded", 10, False) in found and not [c for c in found if c[2]]


def test_businesses_beside_other_organisations_are_one_kind():
    """某市 2025: “企业申请2件,其他组织申请2件” — 企业 is one kind of 法人或其他组织, not all of them."""
    found = claims("2024年,收到政府信息公开申请10件,其中自然人申请8件,企业申请1件,其他组织申请1件。")
    assert not [c for c in found if c[0] == "organisations"]


@pytest.mark.parametrize("said", [
    # 鼓楼区 2025: the sentence itself says whose
    "2024年,区本级政府及政府办共收到政府信息公开申请10件。",
    # 龙游县政府办 2023: what the county did, no count of its area
    "2024年,更新发布全县政府信息公开指南。本单位共收到依申请公开10件,办结10件。",
])
def test_a_governments_own_count_is_no_area_figure(said):
    found = claims(said, agency="某某县人民政府")
    assert found and not [c for c in found if c[2]]


def test_the_area_as_the_paragraphs_subject_makes_its_counts_the_areas():
    """咸阳市 2023: “全市各级行政机关严格按照《条例》…办理政府信息公开申请。2023年共收到申请1302件…” — the next
    sentence's counts are the city's; 宜城市 2021: “指导全市各级行政机关…” guides them, its own counts follow."""
    said = "全市各级行政机关严格按照《条例》有关要求办理政府信息公开申请。2024年共收到申请12件,办结10件。"
    assert ("received", 12, True) in claims(said, agency="某某市人民政府")
    said = "2024年,指导全市各级行政机关做好依申请公开工作。本机关收到依申请公开12件。"
    assert ("received", 12, False) in claims(said, agency="某某市人民政府办公室")


@pytest.mark.parametrize("said", [
    "2024年,对外展示依申请事项1209项。",  # 某市 2024: a list of services
    "2024年,新增行政法规、规章和规范性文件相关信息发布3条。",  # 某市 2021: items published
])
def test_lists_and_items_are_no_counts(said):
    assert claims(said) == set()


def test_a_place_named_alone_speaks_for_its_area():
    """东宝区 2024: the report of “东宝区” (its government) counts 全区's requests; the difference is a warning."""
    said = "2024年全区共收到依申请公开件12件,上年度结转办理件1件。"
    report = checked(text_report(agency="东宝区", overview=said))
    mismatch = findings(report, "narrative_mismatch")
    assert [f.severity for f in mismatch] == ["warning"]


def test_a_report_on_2020_cut_before_its_tables_is_of_the_2019_format():
    """某县 2020: the page stops in 一 — no table says the format, the year does (the 2021 format came in 2021)."""
    text = report_2019()
    report = checked(text[: text.index("二、主动公开")])
    assert report.year == 2020 and report.format == "2019"
    assert checked(text_report()[:200]).format == "2021"


# --- the results of appeals (表四's columns) -----------------------------------------------------------------

@pytest.mark.parametrize("said, claim", [
    ("2024年,因政府信息公开被申请行政复议3件,1件结果维持,2件结果纠正。", ("review:upheld", 1, False)),  # 某市 2023
    ("2024年,因政府信息公开被申请行政复议3件,1件结果维持,2件结果纠正。", ("review:corrected", 2, False)),
    # 某区 2020: the results of both, each after its own
    ("因政府信息公开引起的行政复议6件,结果维持5件,尚未审结1件,行政诉讼3件,结果维持3件。", ("review:pending", 1, False)),
    ("因政府信息公开引起的行政复议6件,结果维持5件,尚未审结1件,行政诉讼3件,结果维持3件。",
     ("litigation:upheld", 3, False)),
    ("政府信息公开行政复议1件,纠正结果1件。", ("review:corrected", 1, False)),  # 昌图县 2023
])
def test_the_results_of_appeals_are_read(said, claim):
    assert claim in claims(said)


@pytest.mark.parametrize("said", [
    "2024年,受理政府信息公开行政复议2件,结果维持2件。",  # the agency as the review body: not its table
    "2024年,行政复议、行政诉讼各1件,均维持。",  # no count of a result
    "12345热线受理群众诉求30件,维持原答复2件。",  # no review or suit named
    "2024年,因政府信息公开被申请行政复议0件,主动纠正错误信息2件。",  # the agency's own correction
])
def test_what_is_no_result_of_the_agencys_appeals(said):
    assert not [c for c in claims(said) if ":" in c[0]]


def test_a_result_the_table_contradicts_is_one_finding_naming_its_column():
    """The test report's 表四: one review, upheld. “结果纠正1件” contradicts it, “结果维持1件” does not."""
    true = checked(text_report(overview="2024年,因政府信息公开被申请行政复议1件,结果维持1件。"))
    assert not findings(true, "narrative_mismatch")
    false = checked(text_report(overview="2024年,因政府信息公开被申请行政复议1件,结果纠正1件。"))
    [finding] = findings(false, "narrative_mismatch")
    assert finding.where.endswith("表四 · 行政复议 · 结果纠正") and "为0件" in finding.message


def test_a_page_cut_in_table_twos_header_says_so():
    """某区 2022, 某局 2023: the page stops in “| 信息内容 | 本年制发件数 | 本年” — the table's header is there."""
    text = text_report()
    cut = text[: text.index("本年废止件数")]
    [finding] = [f for f in findings(checked(cut), "unreadable") if f.where == "表二"]
    assert "只见表头" in finding.message and "中断" in finding.message
