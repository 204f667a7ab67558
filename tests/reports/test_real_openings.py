"""What the openings of real published reports showed the checker reading wrong (2019–2025 pages of 乡镇, 街道,
departments and governments of some 25 provinces): the agency in titles as sites print them, an address taken
for another agency, a list of contents taken for a section, pinyin readings inside row labels, a sentence between
heading 三 and its table, 2019-format rows of a table that is not there."""

import re

import pytest

from gongkai.reports.check import check_parsed
from gongkai.reports.parse import parse_text
from tests.reports.fixtures_check.build import text_report
from tests.reports.fixtures_check.format2019 import report_2019

SIGNED = "\n叶城县宗朗乡人民政府\n2025年1月20日\n"


def unsigned(title, **kwargs):
    """The test report with another title line and no signature: the agency comes from the title alone."""
    text = text_report(**kwargs)
    lines = text.replace(SIGNED, "\n").split("\n")
    return "\n".join([title] + lines[1:])


@pytest.mark.parametrize("title, agency", [
    ("标题: 张店区公园街道办事处2024年政府信息公开工作年度报告", "张店区公园街道办事处"),  # 淄博 2021
    ("标题: | 山头街道办事处2024年政府信息公开工作年度报告 | ||", "山头街道办事处"),  # a table row
    ("2024年下各镇政府信息公开工作年度报告", "下各镇"),  # 2023: the year first
    ("2024年度嵊州市人民政府办公室政府信息公开工作年度报告 | |||", "嵊州市人民政府办公室"),
    ("安镇街道2024年政府信息公开工作年度报告根据《中华人民共和国政府信息公开条例》，编制本报告。", "安镇街道"),
    ("标      题 阿里地区2024年度政府信息公开工作年度报告", "阿里地区"),  # 2022: a page's spaced label
    ("【2024】都龙镇人民政府2024年政府信息公开工作年度报告", "都龙镇人民政府"),  # 2020: a site's tag
    ("Page 2 - 省交通运输厅2024年度政府信息公开工作年度报告", "省交通运输厅"),  # 2019: a PDF viewer's page
    ("2024湖口县大垅乡2024年度政府信息公开工作年度报告", "湖口县大垅乡"),  # 2025: the year glued before the name
    ("湘桥区教育局政府信息公开工作年度报告", "湘桥区教育局"),  # 2023: a title without its year
    ("信息名称:甘肃省教育厅2024年政府信息公开工作年度报告", "甘肃省教育厅"),  # 2019: a site's label
    ("下湿壕镇政府2024年信息公开工作年度报告", "下湿壕镇政府"),  # 2022: 政府 is the name's
    ("乌拉特中旗巴音乌兰苏木2024年政府信息公开工作年度报告.docx", "乌拉特中旗巴音乌兰苏木"),  # a file's name
    ("2024年政府信息公开工作年度报告\n桃江县松木塘镇人民政府", "桃江县松木塘镇人民政府"),  # the name below
    ("嵊泗县财政局2024年度政府信息公开工作年度报告(文字版)", "嵊泗县财政局"),  # 2023: a version after it
    # 2023: a body under the one before it, a space between
    ("武汉市东湖生态旅游风景区管理委员会 卫生健康办公室2024年政府信息公开工作年度报告",
     "武汉市东湖生态旅游风景区管理委员会卫生健康办公室"),
    ("兰州新区经济合作局关于2024年政府信息公开工作年度报告", "兰州新区经济合作局"),  # 2023: 关于 after the name
    ("bet365亚洲官网 住房和城乡建设局2024年政府信息公开工作年度报告", "住房和城乡建设局"),  # a mirror's words
    ("临潭县卫生健康局 2024年度政府信息公开工作的报告 根据《条例》编制本报告。", "临潭县卫生健康局"),  # run on
    ("罗家乡2024年信息公开年报", "罗家乡"),  # 2020: 年报
    ("2024年信息公开年报\n蒲纺工业园区2024年政府信息公开工作年度报告", "蒲纺工业园区"),  # a caption first
    ("托克逊县人民政府\n2024年托克逊县夏镇人民政府信息公开工作年度报告", "托克逊县夏镇人民政府"),  # a site's name
    ("标      题 西藏自治区审计厅2024年政务信息公开工作开展年度报告", "西藏自治区审计厅"),  # 2025
    ("叶城县第24乡 2024 年政府信息公开工作年度报告", "叶城县第24乡"),  # a docx's spaces around the year
    ("云南省卫生健康委关于2024年政府信息公开工作的年度报告", "云南省卫生健康委"),  # 2022: 关于…工作的年度报告
    # 荆州区政府办 2021: an alias and the body's first words run into the title
    ("荆州市荆州区人民政府办公室2024年政府信息公开工作年度报告(以下简称年报)是根据《条例》编制。",
     "荆州市荆州区人民政府办公室"),
])
def test_the_agency_is_read_from_titles_as_sites_print_them(title, agency):
    assert check_parsed(parse_text(unsigned(title))).agency == agency


def test_the_agency_is_read_from_a_preamble_that_publishes_its_report():
    text = unsigned("政府信息公开工作年度报告").replace(
        "一、总体情况", "现公开钢花村街道办事处2024年政府信息公开工作年度报告。\n一、总体情况")
    assert check_parsed(parse_text(text)).agency == "钢花村街道办事处"
    # 紫云自治县 2019: the whole name before 信息公开, not the part up to 人民政府
    office = unsigned("政府信息公开工作年度报告").replace(
        "一、总体情况", "现向社会公布2024年度紫云自治县人民政府办公室信息公开工作年度报告。\n一、总体情况")
    assert check_parsed(parse_text(office)).agency == "紫云自治县人民政府办公室"
    # 罗平县长底布依族乡 2024: “特编制罗平县长底布依族乡2024年…报告”; 2023: “编制并向社会公开XX局2023年…”
    for preamble, agency in (("特编制罗平县长底布依族乡2024年政府信息公开工作年度报告。", "罗平县长底布依族乡"),
                             ("编制并向社会公开涵江区人力资源和社会保障局2024年政府信息公开工作年度报告。",
                              "涵江区人力资源和社会保障局")):
        text = unsigned("政府信息公开工作年度报告").replace("一、总体情况", preamble + "\n一、总体情况")
        assert check_parsed(parse_text(text)).agency == agency
    # 雁江区卫生健康局 2022: “2022年，雁江区卫生健康局全面贯彻…”
    doing = unsigned("政府信息公开工作年度报告", overview="2024年，雁江区卫生健康局全面贯彻落实《条例》。")
    assert check_parsed(parse_text(doing)).agency == "雁江区卫生健康局"
    # “特向社会公布2023年度本局政府信息公开工作年度报告”: no name, not “度本局”
    own = unsigned("政府信息公开工作年度报告").replace(
        "一、总体情况", "特向社会公布2024年度本局政府信息公开工作年度报告。\n一、总体情况")
    assert check_parsed(parse_text(own)).agency is None
    # 螅镇 2022: “2022年度螅镇政府信息公开工作年度报告”, a name of two characters after 年度
    assert check_parsed(parse_text(unsigned("2024年度螅镇政府信息公开工作年度报告"))).agency == "螅镇"
    # 桐梓县 2019: “现公布桐梓县人民政府(县人民政府办公室)2019年…报告”, the office that compiled it in brackets
    both = unsigned("政府信息公开工作年度报告").replace(
        "一、总体情况", "现公布桐梓县人民政府(县人民政府办公室)2024年政府信息公开工作年度报告。\n一、总体情况")
    assert check_parsed(parse_text(both)).agency == "桐梓县人民政府"
    # 麒麟区自然资源局 2022: “2022年,区自然资源局局认真落实…”, a character typed twice
    doubled = unsigned("政府信息公开工作年度报告", overview="2024年,区自然资源局局认真落实《条例》。")
    assert check_parsed(parse_text(doubled)).agency == "区自然资源局"
    # the words “…年度报告” of a title printed twice are no agency's name
    twice = "随县经济开发区2024年政府信息公开工作年度报告随县经济开发区2024年政府信息公开工作年度报告"
    assert "报告" not in (check_parsed(parse_text(unsigned(twice))).agency or "")


def test_a_town_in_the_agencys_address_is_not_another_agency():
    """合江县人民政府办公室 2023: “(地址:合江县符阳街道办事处少岷南路329号…)”."""
    other = "本年度未收取信息处理费。如有疑问请联系(地址:叶城县乌夏巴什镇人民政府大院3号;邮编:844900)。"
    report = check_parsed(parse_text(text_report(other=other)))
    assert [f.message for f in report.findings if f.code == "self_reference"] == []
    named = check_parsed(parse_text(text_report(other="乌夏巴什镇人民政府本年度未收取信息处理费。")))
    assert [f.code for f in named.findings if f.code == "self_reference"] == ["self_reference"]


def test_a_preambles_list_of_contents_is_no_section():
    """大田乡 2020: “全文包括总体情况、…、政府信息公开行政复议行政诉讼情况、…” before a report cut short."""
    preamble = ("本报告全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
                "政府信息公开行政复议行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。")
    text = text_report().replace("一、总体情况\n", preamble + "\n总体情况\n")
    cut = text[: text.index("二、主动公开")]
    report = check_parsed(parse_text(cut))
    missing = [f.message for f in report.findings if f.code == "missing_section"]
    assert len(missing) == 5 and all("中断" in m for m in missing)  # 二 to 六, cut short; 一 is there
    assert all(cell is None for group in report.appeals.values() for cell in group.values())


def test_pinyin_readings_inside_labels_are_dropped():
    """柞水县凤凰镇 2021: “規(guī)章 | 0 | 0 | 0 |”, “行政事業(yè)性收費 | 0 |”."""
    text = text_report(sep=" | ").replace("规章", "规(guī)章").replace("行政规范性文件", "行政规(guī)范性文件")
    text = text.replace("行政事业性收费", "行政事业(yè)性收费").replace("件数", "件数(shù)")
    report = check_parsed(parse_text(text))
    assert report.proactive == check_parsed(parse_text(text_report(sep=" | "))).proactive
    assert report.proactive.normative_documents.issued is not None


def test_a_sentence_between_heading_three_and_its_table_is_not_read_as_rows():
    """汉阳区政府办公室 2022: “2022年，区政府办公室共收到8份…申请…其中，予以公开2件，部分公开2件…。” above 表三."""
    sentence = ("2024年，我乡共收到10份政府信息公开申请，均为自然人申请。其中，予以公开6件，部分公开2件，"
                "本机关不掌握相关政府信息1件，其他1件（申请人自主撤销）。")
    heading = "三、收到和处理政府信息公开申请情况\n"
    plain = check_parsed(parse_text(text_report()))
    report = check_parsed(parse_text(text_report().replace(heading, heading + sentence + "\n")))
    assert report.applications == plain.applications
    assert not [f for f in report.findings if f.code == "lost_label"]


def test_a_2019_format_report_cut_before_table_three_leaves_its_cells_unknown():
    """宜春市审计局 2019, 开阳县市场监管局 2020: pages that end inside 表二 — the two rows the 2019 table lacks are
    0 only where the table is there."""
    text = report_2019()
    whole = check_parsed(parse_text(text))
    assert whole.format == "2019" and whole.applications["other.fee_unpaid"]["total"] == 0
    report = check_parsed(parse_text(text[: text.index("三、收到和处理")]))
    assert report.format == "2019"
    assert all(v is None for key in ("other.no_supplement", "other.fee_unpaid")
               for v in report.applications[key].values())
    # 2022 and 2023 pages of the 2019 table cut inside 表三, before its (六): those rows were not reached either
    report = check_parsed(parse_text(text[: text.index("无法提供")]))
    assert report.format == "2019" and report.applications["granted"]["total"] is not None
    assert all(v is None for key in ("other.no_supplement", "other.fee_unpaid")
               for v in report.applications[key].values())


@pytest.mark.parametrize("said", [
    "我乡主要通过乡人民政府门户网站公开政府信息。",  # 会宁县土门岘镇 2022: 我镇主要通过镇人民政府…
    "持续完善街道办事处政务公开专栏。",  # 小龙坎街道 2023
])
def test_words_before_a_kind_of_office_are_no_agency_name(said):
    report = check_parsed(parse_text(text_report(overview="2024年，我乡收到政府信息公开申请10件。" + said)))
    assert [f.message for f in report.findings if f.code == "self_reference"] == []


def test_numbered_items_of_section_one_are_not_the_sections_after_it():
    """德安县河东乡 2022, 岐山县住建局 2022: “1、主动公开情况”, “2、依申请公开政府信息情况” under “一、总体情况”."""
    items = "一、总体情况\n1、主动公开情况\n全年公开信息206条。\n2、依申请公开政府信息情况\n全年未收到申请。\n"
    text = text_report()
    cut = items.join([text[: text.index("一、总体情况")], ""]) + "3、监督保障情况\n加强培训"
    missing = [f.message for f in check_parsed(parse_text(cut)).findings if f.code == "missing_section"]
    assert len(missing) == 5 and all("中断" in m for m in missing)


def test_a_town_governments_office_may_name_its_government_and_call_it_our_town():
    """大余县吉村镇人民政府办公室 2023: the government it reports for, with its county, is no other agency."""
    for said, agency in (("大余县吉村镇人民政府办公室", "大余县吉村镇人民政府办公室"),  # the overview completes it
                         ("吉村镇人民政府办公室", "吉村镇人民政府办公室")):
        text = unsigned("吉村镇人民政府办公室2024年政府信息公开工作年度报告",
                        overview=f"2024年,{said}坚持依法公开。我镇收到政府信息公开申请10件。",
                        other="本年度未收取信息处理费。如对本报告有任何疑问,请与大余县吉村镇人民政府党政办公室联系。")
        report = check_parsed(parse_text(text))
        assert report.agency == agency
        assert [f.message for f in report.findings if f.code == "self_reference"] == []


def test_a_list_of_the_six_parts_in_one_sentence_is_no_heading():
    """邵武市金坑乡 2025: “本报告分为六个部分:一、总体情况,二、…,六、其他需要报告的事项。”, the page cut in 一."""
    contents = ("本报告分为六个部分:一、总体情况,二、主动公开政府信息情况,三、收到和处理政府信息公开申请情况,"
                "四、政府信息公开行政复议、行政诉讼情况,五、存在的主要问题及改进措施,六、其他需要报告的事项。\n")
    text = text_report()
    text = text.replace("一、总体情况\n", contents + "一、总体情况\n")
    report = check_parsed(parse_text(text[: text.index("二、主动公开")]))
    missing = [f.message for f in report.findings if f.code == "missing_section"]
    assert len(missing) == 5 and all("中断" in m for m in missing)
    assert not [f for f in report.findings if f.code == "fee_statement_missing"]
    # the tables the text never reached are unreadable because it was cut, and say so
    unread = [f.message for f in report.findings if f.code == "unreadable"]
    assert len(unread) == 3 and all("中断" in m for m in unread)


def test_a_page_that_lost_its_heading_lines_is_not_cut_before_section_one():
    """沈阳公积金中心 2020 on a copying site: every “一、…” line gone, the items “(一)…” left, the page cut in 五."""
    text = ("本报告根据《中华人民共和国政府信息公开条例》编制。本报告所列数据为2024年1月1日至2024年12月31日。\n"
            "(一)主动公开政府信息的数量:2024年,中心网站发布各类信息635条,报送工作动态信息共79条。\n"
            "(二)主动公开政府信息的途径:中心网站、官方微博主动公开政府信息,发布中心资讯。\n"
            "(三)依申请公开工作情况:2024年度,中心未收到依申请公开件。\n"
            "(一)存在问题:一是能够被上级部门采用的信息量偏少。信息公开内容深度和广度不够。\n"
            "(二)进一步整改:一是进一步提升信息化工作的理论水平和实践操作能力,不断提高")
    found = {f.where[:2]: f for f in check_parsed(parse_text(text)).findings if f.code == "missing_section"}
    assert found["一、"].severity == "warning" and found["五、"].severity == "warning"
    for section in ("二、", "三、", "四、"):  # the headings are not there, and the page was not cut before them
        assert found[section].severity == "error" and "中断" not in found[section].message
    assert "中断" in found["六、"].message


def test_the_2019_reports_own_overview_heading_is_section_one():
    """绥宁县 2019: “一、本年度政府信息公开工作的基本情况”."""
    text = text_report().replace("一、总体情况", "一、本年度政府信息公开工作的基本情况")
    assert not [f for f in check_parsed(parse_text(text)).findings if f.code == "missing_section"]


def test_a_page_that_starts_inside_table_three_has_no_overview_text():
    """A 审计局's 2020 report, its PDF's page 9 alone: a viewer's page line and a row of 表三 are no overview."""
    text = text_report()
    start = "Page 9 - 2020年报_审计局\nP. 9\n四、结转下年度继续办理 0 0 0 0 0 0 0\n"
    page = start + text[text.index("四、政府信息公开") :]
    report = check_parsed(parse_text(page))
    [overview] = [f for f in report.findings if f.where == "一、总体情况"]
    # not “有概述文字”: the sections before the page are not in the text, which says so
    assert overview.code == "missing_section" and "第9页" in overview.message and "概述" not in overview.message
    assert not [f for f in report.findings if f.severity == "error" and f.code == "missing_section"]
    # the table's last row is read, the rows before it are not on the page
    assert all(v == 0 for v in report.applications["carried_out"].values())
    assert all(v is None for v in report.applications["new"].values())


@pytest.mark.parametrize("preamble, overview, agency", [
    # 淮北市人民医院 2022, 京山市卫生健康局 2022, 保山市卫生健康委员会 2021
    ("根据《条例》要求,由淮北市人民医院编制。", None, "淮北市人民医院"),
    ("为认真做好京山市卫生健康局政府信息公开工作,我局按照《条例》编制本报告。", None, "京山市卫生健康局"),
    ("", "2024年,保山市卫生健康委员会以习近平新时代中国特色社会主义思想为指引,深入贯彻落实《条例》。",
     "保山市卫生健康委员会"),
    # 綦江区 2020: no name holds the verbs of its sentence
    ("", "2024年,綦江区严格按照国务院全面推进政务公开的部署开展工作。", None),
    # 山西省退役军人事务厅 2022, 榕城区政府办公室 2021, 小河镇 2024: more verbs after the name, a township's name
    ("", "2024年,山西省退役军人事务厅准确把握新时代政务公开工作新任务新要求。", "山西省退役军人事务厅"),
    ("", "2024年,榕城区政府办公室根据《条例》全力做好政府信息公开工作。", "榕城区政府办公室"),
    ("", "2024年,小河镇坚持以习近平新时代中国特色社会主义思想为指导。", "小河镇"),
    # 塘下镇 2024, 新虹街道 2024: who compiled it — a township's own office is no agency of its own
    ("本报告由塘下镇人民政府结合有关统计数据编制。", None, "塘下镇人民政府"),
    ("本报告根据《条例》的要求,由上海市闵行区新虹街道办事处党政办编制。", None, "上海市闵行区新虹街道办事处"),
    # 官洲街道 2023: the government's leadership named between the year and the name
    ("", "2024年,在区委、区政府的坚强领导下,官洲街道办事处认真贯彻落实《条例》。", "官洲街道办事处"),
    # 召陵区民政局 2022, 昌江区民政局 2022: “以…”, “结合2022年X政府信息公开工作编制而成”
    ("", "2024年,召陵区民政局以履职尽责督促检查为宗旨,做好政府信息公开工作。", "召陵区民政局"),
    ("本报告结合2024年昌江区民政局政府信息公开工作编制而成。", None, "昌江区民政局"),
    # 绍兴市卫生健康委 2020: “…委是主管全市医疗卫生健康事业的市政府职能部门”
    ("绍兴市卫生健康委是主管全市医疗卫生健康事业的市政府职能部门。", None, "绍兴市卫生健康委"),
    # 丰收乡 2022, 长滩镇 2022: a township named after “以来” and before “在…领导下”, or opening a line
    ("", "2024年以来,丰收乡在县委县政府的正确领导下,认真贯彻落实《条例》。", "丰收乡"),
    ("", "长滩镇坚持以习近平新时代中国特色社会主义思想为指导,做好政府信息公开工作。", "长滩镇"),
    # 山前街道 2023, 西宁经济技术开发区 2022: the party's committee is not the body that discloses
    ("", "街道党工委高度重视政务公开工作。2024年,山前街道紧紧围绕改革发展稳定的大局开展工作。", "山前街道"),
    # 浦口区教育局 2024: the bureau's own office compiled it
    ("本报告由南京市浦口区教育局办公室编制。", None, "南京市浦口区教育局"),
    # 会同县林业局 2020: a site's “信息来源:” label
    ("发布时间:2025-01-15 10:00 信息来源:会同县林业局", None, "会同县林业局"),
    # 清江浦区 2021: the body that compiled the report is not in its name
    ("清江浦区政务公开工作领导小组办公室编制了清江浦区人民政府2024年度政府信息公开工作年度报告。", None,
     "清江浦区人民政府"),
    # 大营镇 2023, 漳平市人民政府办公室 2021, 硚口区卫生健康局 2025, 大渡口经济开发区 2022
    ("大营镇党政办公室编制了《2024年度政府信息公开工作报告》,面向社会公众公布。", None, "大营镇"),
    ("根据《条例》,编制形成2024年漳平市人民政府办公室政府信息公开年度报告。", None, "漳平市人民政府办公室"),
    ("", "2024年,硚口区卫生健康局紧扣卫生健康核心职能,统筹推进政府信息公开工作。", "硚口区卫生健康局"),
    ("本报告结合2024年大渡口经开区政府信息公开工作编制而成。", None, "大渡口经开区"),
    # 剑阁县杨村镇 2024, 河西街道 2023: the body the preamble says to ask, without its office
    ("如对本报告有疑问,请与剑阁县杨村镇人民政府党政办联系(地址:剑阁县杨村镇)。", None, "剑阁县杨村镇人民政府"),
    ("如对本报告有疑问,请与广元市利州区人民政府河西街道办事处党政综合与社区建设办公室联系。", None,
     "广元市利州区人民政府河西街道办事处"),
    ("如对本报告有疑问,请与我局政务公开工作小组联系。", None, None),
    ("如对本报告有疑问,请联系泸州市信息公开办公室(电话:1)。", None, None),  # 泸州市 2019: a place's office
    # 镜湖区税务局 2022, 汕尾市公安局 2021: the name before “以下简称”, not the short one the report goes on with
    ("本报告结合国家税务总局芜湖市镜湖区税务局(以下简称“镜湖区税务局”)政府信息公开工作有关统计数据撰写。",
     "2024年,镜湖区税务局坚持以习近平新时代中国特色社会主义思想为指导。", "国家税务总局芜湖市镜湖区税务局"),
    ("", "2024年,汕尾市公安局(以下简称“市公安局”)以习近平新时代中国特色社会主义思想为指导。", "汕尾市公安局"),
    # 蒋湖农场 2021: the party-government office of a farm that published it; 扎赉特旗政府办 2025: a place typed
    # twice in the contact line of an office that calls itself 我办
    ("发布时间:2022-01-20 来源:蒋湖农场党政办", None, "蒋湖农场"),
    ("如对本年度报告有疑问,请与扎赉特旗扎赉特旗人民政府办公室联系(0482-6736915)。",
     "2024年,我办认真贯彻落实《条例》。", "扎赉特旗人民政府办公室"),
    # 苍溪县乡村振兴局 2023, 木塔乡 2024, 两城镇 2020
    ("根据《条例》,编制完成《苍溪县乡村振兴局2024年政府信息公开工作年度报告》。", None, "苍溪县乡村振兴局"),
    ("本报告结合木塔乡人民政府2024年政府信息公开工作编制而成。", None, "木塔乡人民政府"),
    ("来源:木塔乡人民政府 发布时间: 2025-01-20 10:00", None, "木塔乡人民政府"),
    ("本报告根据《条例》要求,由两城镇人民政府党政办公室编制。", None, "两城镇人民政府"),
    # 交口县 2023, 长宁区 2024: the office that compiled a report that never says 我办 compiled its government's
    ("本报告根据《条例》要求,由交口县人民政府办公室编制。", None, "交口县人民政府"),
    ("本报告由嵊州市人民政府办公室编制。", "2024年,我办认真贯彻落实《条例》。", "嵊州市人民政府办公室"),
    # 彭阳县 2022: a place the text names as its government
    ("现发布《彭阳县2024年政府信息公开工作年度报告》。", "2024年,彭阳县人民政府紧紧围绕年度重点工作。",
     "彭阳县人民政府"),
])
def test_the_agency_is_read_from_more_preambles(preamble, overview, agency):
    text = unsigned("政府信息公开工作年度报告", overview=overview).replace("一、总体情况", preamble + "\n一、总体情况")
    assert check_parsed(parse_text(text)).agency == agency


@pytest.mark.parametrize("title, preamble, agency", [
    # 沙河口区 2020: the office that compiled the 区's report is not the reporting agency
    ("大连市沙河口区2024年度政府信息公开工作报告", "本年度报告由沙河口区人民政府办公室编制完成。", "大连市沙河口区"),
    # 东街街道 2023: the site's publisher is not either
    ("东街街道2024年度政府信息公开工作年度报告", "发布机构:政务服务管理局", "东街街道"),
    # 鄂温克族自治旗 2019: the preamble's short form
    ("鄂温克族自治旗2024年政府信息公开工作年度报告", "现公布鄂温克旗2024年政府信息公开工作年度报告。",
     "鄂温克族自治旗"),
    # 宣州区科技局 2020: a title's short form named in full by the preamble
    ("区科技局2024年信息公开工作年度报告", "现公布宣州区科技局2024年政府信息公开工作年度报告。", "宣州区科技局"),
    # 资溪县农业农村局 2020, 鄂温克族自治旗审计局 2021: the contact line completes the title's short form…
    ("农业农村局2024年度政府信息公开工作年度报告", "如对本报告有任何疑问,请与资溪县农业农村局联系(地址:资溪县)。",
     "资溪县农业农村局"),
    ("旗审计局2024年政府信息公开工作年度报告", "如对本报告有疑问,请与鄂温克族自治旗审计局综合办公室联系(电话:1)。",
     "鄂温克族自治旗审计局"),
    # …but does not replace it with another body, nor choose between two
    ("大连市沙河口区2024年度政府信息公开工作报告", "如对本报告有疑问,请与沙河口区人民政府办公室联系。",
     "大连市沙河口区"),
    ("农业农村局2024年度政府信息公开工作年度报告",
     "请与资溪县农业农村局联系(地址:资溪县)。上级咨询可联系抚州市农业农村局(地址:抚州市)。", "农业农村局"),
    # 安阳县住建局 2025, 麒麟区自然资源局 2022: the text names it in full after a year of its own work…
    ("住建局 2024 年政府信息公开工作年度报告", "2024年安阳县住建局依申请信息公开办理有69件。", "安阳县住建局"),
    ("区自然资源局2024年政府信息公开工作年度报告", "本报告涵盖了2024年麒麟区自然资源局政府信息公开工作。",
     "麒麟区自然资源局"),
    # …not a higher level's body named after 按照
    ("住建局 2024 年政府信息公开工作年度报告", "按照安阳市住建局要求编制本报告。", "住建局"),
    # 海棠区 2021: a page's label above a title of the year alone names nothing
    ("更新时间:\n2024年政府信息公开工作年度报告", "", None),
    # 仙游县民政局 2019, 珞南街道 2020, 县民政局 2019: 政务信息公开, the year after a year-less title, a site's row
    ("政府信息公开工作年度报告", "结合我局实际工作编制了《仙游县民政局2019年度政务信息公开工作报告》。",
     "仙游县民政局"),
    ("洪山区人民政府珞南街道办事处政府信息公开工作年度报告(2024年度)", "", "洪山区人民政府珞南街道办事处"),
    ("政府信息公开工作年度报告", "发布机构: | 县民政局 | 发文日期: | 2025-01-08 |", "县民政局"),
    # 翔安区教育局 2022, 盐津县公安局: a contact's section (综合科), the body whose disclosure work a unit does
    ("政府信息公开工作年度报告", "如对本报告有疑问,请与翔安区教育局综合科联系。", "翔安区教育局"),
    ("政府信息公开工作年度报告", "办公室承担盐津县公安局政府信息公开工作。", "盐津县公安局"),
    # 大足区外事办 2022: the year between 工作 and 年度报告; 广汉市政府办 2025: the office is the subject it compiled
    ("重庆市大足区人民政府外事办公室政府信息公开工作2024年度报告", "", "重庆市大足区人民政府外事办公室"),
    ("政府信息公开工作年度报告", "本报告由广汉市人民政府办公室编制。\n2024年,市政府办公室认真贯彻落实《条例》。",
     "广汉市人民政府办公室"),
    # 东宝区招商局 2024, 黄龙县市场监管局 2022
    ("政府信息公开工作年度报告", "现对2024年东宝区招商局政府信息公开工作情况报告如下。", "东宝区招商局"),
    ("政府信息公开工作年度报告",
     "根据通知要求,黄龙县市场监督管理局结合单位实际,编制本单位2024年度政务公开工作年度报告。", "黄龙县市场监督管理局"),
    # 宣城市住建局 2022: a verb before the place is no part of its name
    ("市住建局2024年政府信息公开工作年度报告", "2024年,依托宣城市住建局门户网站发布信息190条。", "市住建局"),
    # 莒南县司法局 2021: a site's banner on the first line is no name
    ("欢迎来到莒南县人民政府门户网站\n政府信息公开工作年度报告", "本报告由莒南县司法局根据《条例》编制。",
     "莒南县司法局"),
    # 新九镇 2021: the full name on a line of its own above a title of the year alone
    ("盐边县新九镇人民政府\n\n关于2024年度政府信息公开工作的年度报告", "", "盐边县新九镇人民政府"),
    # 瑶海区政府办 2023: the contact line as written completes “区政府办公室”
    ("区政府办公室2024年政府信息公开工作年度报告", "如对本报告有疑问,请与合肥市瑶海区人民政府办公室联系。",
     "合肥市瑶海区人民政府办公室"),
])
def test_a_place_in_the_title_keeps_its_name_the_preamble_may_only_complete_it(title, preamble, agency):
    text = unsigned(title).replace("一、总体情况", preamble + "\n一、总体情况")
    assert check_parsed(parse_text(text)).agency == agency


def test_last_years_report_named_in_the_body_is_not_the_year_reported_on():
    """吴淞街道 2020: “发布2019年政府信息公开年度报告” is work done in 2020."""
    text = unsigned("吴淞街道政府信息公开工作年度报告",
                    overview="2024年,及时做好政府机构公开,更新了公开指南,发布2023年政府信息公开年度报告。")
    parsed = parse_text(text)
    assert parsed.stated_year is None and parsed.report.year == 2024
    assert not [f for f in check_parsed(parsed).findings if f.code == "year_mismatch"]


def test_the_2019_reports_old_heading_of_section_two():
    """鄂温克族自治旗 2019: “二、行政机关主动公开政府信息情况”."""
    text = text_report().replace("二、主动公开政府信息情况", "二、行政机关主动公开政府信息情况")
    cut = text[: text.index("第二十条")]  # the page ends before the table
    missing = [f.where for f in check_parsed(parse_text(cut)).findings if f.code == "missing_section"]
    assert len(missing) == 4 and "二、主动公开政府信息情况" not in missing


def test_a_report_on_a_year_before_the_national_format_is_not_checked_against_it():
    """遂溪县建新镇 2018: the 2008 条例's sections (一、主动公开政府信息的情况 … 四、复议、诉讼和申诉情况), no
    tables."""
    text = ("遂溪县建新镇人民政府2018年政府信息公开工作年度报告\n一、主动公开政府信息的情况\n全年主动公开信息120条。\n"
            "二、政府信息依申请公开办理情况\n全年未收到申请。\n三、依申请信息公开收费情况\n未收取费用。\n"
            "四、复议、诉讼和申诉情况\n未发生。\n遂溪县建新镇人民政府\n2019年1月20日\n")
    report = check_parsed(parse_text(text))
    assert report.year == 2018
    assert [(f.code, f.severity) for f in report.findings] == [("before_format", "info")]


def test_the_overview_heading_may_name_the_year():
    """温州某乡 2023: “一、2023年政务公开总体情况”."""
    text = text_report().replace("一、总体情况", "一、2024年政务公开总体情况")
    assert not [f for f in check_parsed(parse_text(text)).findings if f.code == "missing_section"]


def test_a_text_that_stops_in_a_row_of_table_three_is_cut_in_it():
    """信丰县卫生健康委 2023: the page ends in “三、本年度”, a row of 表三, not the heading of a later section."""
    text = text_report()
    report = check_parsed(parse_text(text[: text.index("三、本年度办理结果") + len("三、本年度")]))
    unread = [f.message for f in report.findings if f.code == "unreadable" and f.where.startswith(("表三", "表四"))]
    assert unread and all("中断" in m for m in unread)


def test_a_pages_header_date_above_the_title_is_no_signature():
    """马鞍底乡 2021: the site's “发布日期 2022-02-19” above the title was read as a late signature."""
    text = unsigned("马鞍底乡2024年政府信息公开工作年度报告")
    page = "• 发布机构\n    马鞍底乡人民政府\n• 发布日期\n    2025-02-19\n" + text
    report = check_parsed(parse_text(page[: page.index("六、其他需要报告的事项")]))  # the page cut before 六
    assert report.published_on is None and not [f for f in report.findings if f.code == "late_publication"]


@pytest.mark.parametrize("heading, national, key", [
    ("一、总体公开情况说明", "一、总体情况", "overview"),  # 2019 pages
    ("一、网站总体公开情况", "一、总体情况", "overview"),
    ("五、存在的问题及改进措施", "五、存在的主要问题及改进情况", "problems"),  # 金山镇 2019
    ("二、主动公开信息情况", "二、主动公开政府信息情况", "proactive"),  # 武汉病毒所 2023
])
def test_more_wordings_of_the_headings(heading, national, key):
    parsed = parse_text(text_report().replace(national, heading))
    assert key in parsed.headings  # the heading itself, not only its table
    assert not [f for f in check_parsed(parsed).findings if f.code == "missing_section"]


def test_headings_of_empty_sections_on_one_line_are_headings():
    """开平市农业农村局 2020 on a copying site: the tables gone, the headings of 二 to 五 left side by side."""
    text = text_report()
    start, end = text.index("二、主动公开"), text.index("五、存在的主要问题")
    one_line = text[:start] + "二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 " \
        "四、政府信息公开行政复议、行政诉讼情况 " + text[end:]
    missing = [f for f in check_parsed(parse_text(one_line)).findings if f.code == "missing_section"]
    assert missing == []


def test_a_page_that_opens_with_the_agencys_name_alone():
    """浑南区国资局 2022: the name on the first line, the preamble's “区政府国资局” a short form of it."""
    preamble = "现公布区政府国资局2024年政府信息公开工作年度报告。\n"
    text = unsigned("浑南区国资局").replace("一、总体情况", preamble + "一、总体情况")
    assert check_parsed(parse_text(text)).agency == "浑南区国资局"


def test_a_sentence_saying_the_results_were_upheld_is_no_table_four():
    """嘉兴市人民政府办公室 2022: “行政复议1件，行政诉讼2件，均结果维持。” in 一, the page cut there."""
    text = text_report(overview="2024年，因信息公开引发行政争议1件，其中，行政复议1件，均结果维持。")
    report = check_parsed(parse_text(text[: text.index("二、主动公开")]))
    missing = [f.message for f in report.findings if f.code == "missing_section"]
    assert len(missing) == 5 and all("中断" in m for m in missing)


def test_a_sites_short_title_above_the_reports_own_takes_the_full_name():
    """越秀区退役军人事务局 2022: the page's “区退役军人事务局2022年…报告”, its date line, then the report's own title
    “广州市越秀区退役军人事务局2022年…报告” — the fuller title names the agency."""
    text = unsigned("区退役军人事务局2024年政府信息公开工作年度报告\n发布日期:2025-01-19 文章来源:本网\n"
                    "广州市越秀区退役军人事务局2024年政府信息公开工作年度报告")
    assert check_parsed(parse_text(text)).agency == "广州市越秀区退役军人事务局"


def test_the_overview_may_complete_a_titles_name():
    """乳山市城区街道 2025: the title's “城区街道办事处”, the overview's “2025年,乳山市城区街道办事处通过…”."""
    overview = "2024年,乳山市城区街道办事处通过区政府门户网站主动公开政府信息103条。"
    text = unsigned("城区街道办事处2024年政府信息公开工作年度报告", overview=overview)
    assert check_parsed(parse_text(text)).agency == "乳山市城区街道办事处"


def test_a_period_in_the_sentence_a_page_is_cut_in_is_no_closing_date():
    """长安街道 2022: the page stops in “2022年1月1日至2022年12月31日,我街道没有” — cut, not a report that
    closes with a date and lacks its sections."""
    text = text_report()
    cut = text[: text.index("二、主动公开")] + "（二）依申请公开。2024年1月1日至2024年12月31日,我乡没有"
    missing = [f.message for f in check_parsed(parse_text(cut)).findings if f.code == "missing_section"]
    assert len(missing) == 5 and all("中断" in m for m in missing)


def test_a_table_of_contents_is_no_heading_and_no_body():
    """省交通运输厅 2019, a PDF's second page: “目录”, then “二、主动公开政府信息情况 ........ 10” and the like —
    the text stops before the sections, it does not lack them; and “12” after a heading is its page, no 表四."""
    toc = "\n".join(["Page 2 - 省交通运输厅2024年度政府信息公开工作年度报告", "目录",
                     "一、总体情况.............................................. 1",
                     "(一) 围绕机制保障强化公开,全面加强政务公开能力建设 ..... 1",
                     "二、主动公开政府信息情况 ................................ 10",
                     "三、收到和处理政府信息公开申请情况 ...................... 11",
                     "四、政府信息公开行政复议、行政诉讼情况 .................. 12"])
    report = check_parsed(parse_text(toc))
    missing = [f for f in report.findings if f.code == "missing_section"]
    assert len(missing) == 6 and all("中断" in f.message for f in missing)
    assert set(report.appeals["review"].values()) == {None}


def test_the_year_from_a_statistics_period_worded_shi_xian():
    """山前街道 2023: “统计时限为2023年1月1日起至2023年12月31日止” gives the year where no title does."""
    text = unsigned("政府信息公开工作年度报告", year=2023).replace(
        "一、总体情况", "本报告统计时限为2023年1月1日起至2023年12月31日止。\n一、总体情况")
    text = re.sub(r"20\d{2}年", lambda m: m.group(0) if m.group(0) == "2023年" else "本年", text)
    text = text.replace("一、总体情况\n", "一、总体情况\n与2022年相比,2022年的做法延续,2022年的制度沿用。\n")
    assert check_parsed(parse_text(text)).year == 2023
