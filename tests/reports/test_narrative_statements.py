"""The text's statements against the tables: true ones pass, every false one is one finding naming its cell.

The report of tests/reports/fixtures_check: 新收 10 (自然人 8, 商业企业 2), 上年结转 1, 办结 10 (予以公开 6,
部分公开 2, 无法提供 1, 不予处理 1), 结转下年度 1; 行政复议 1, 行政诉讼 0; 行政规范性文件 制发 2, 废止 1,
现行有效 7; 规章 0.
"""

import pytest

from gongkai.reports.check import check_parsed
from gongkai.reports.check_statements import statements
from gongkai.reports.numerals import chinese_int, parse_number
from gongkai.reports.parse import parse_path, parse_text
from tests.paths import REPORT_FIXTURES
from tests.reports.fixtures_check.build import text_report


def mismatches(overview, **kwargs):
    report = check_parsed(parse_text(text_report(overview=overview, **kwargs)))
    return [f for f in report.findings if f.code == "narrative_mismatch"]


@pytest.mark.parametrize("text, value", [
    ("十", 10), ("十二", 12), ("二十", 20), ("一百二十三", 123), ("两", 2), ("三千零五", 3005), ("一万二千", 12000),
    ("二〇二四", 2024), ("零", 0),
])
def test_chinese_numerals(text, value):
    assert chinese_int(text) == value


def test_numbers_as_written():
    assert parse_number("1,234") == 1234 and parse_number("1.2万") == 12000 and parse_number("万") is None


TRUE_STATEMENTS = [
    "2024年，我乡共收到政府信息公开申请10件，上年结转1件，办结10件，其中予以公开6件，部分公开2件，无法提供1件，"
    "不予处理1件，结转下年度继续办理1件。",
    "本年度新收政府信息公开申请十件，上年结转一件。",
    "共受理依申请公开事项11件（含上年结转1件）。",
    "其中自然人申请8件，法人或其他组织申请2件。",
    "收到申请10余件。",
    "收到政府信息公开申请8至12件。",
    "申请办结率90.9%，予以公开占60%，依申请公开率80%。",
    "因政府信息公开被申请行政复议1件，未发生行政诉讼。",
    "本年度制发行政规范性文件2件，废止1件，现行有效7件，未制发规章。",
    "2024年收到申请同比增长20%，较上年增加3件。",
    "2023年，我乡收到政府信息公开申请8件。",
    "预决算公开率100%，主动公开政府信息227条，按时答复率100%，群众满意率98%。",
    "12345热线受理群众诉求30件，办理行政复议案件30件。",
    "其中6件予以公开，1件结转下年度办理。",
    "依申请公开一条龙服务持续优化。",
    "全年办理政府信息公开申请10件。",
    "因政府信息公开被申请行政复议、提起行政诉讼共1件。",
    "收到申请10件，10件已办结，1件结转至2025年办理。",
    "我乡高度重视政府信息公开行政复议工作，全年无政府信息公开行政复议被纠错案件。",
    # other kinds of application: fees, their waiver, correcting records (条例 第四十一条)
    "全年未收到政府信息公开收费申请，未收到减免费用申请。",
    "全年未收到更正政府信息记录的申请。",
    "全年没有收到政府信息公开申请以外的其他申请。",
    # a figure of two rows together
    "予以公开和部分公开的比例为80%，予以公开、部分公开共8件。",
]


@pytest.mark.parametrize("overview", TRUE_STATEMENTS)
def test_a_true_statement_is_no_finding(overview):
    assert mismatches(overview) == []


def test_the_true_statements_are_read_and_checked_not_skipped():
    subjects = set()
    for overview in TRUE_STATEMENTS:
        subjects |= {c.subject for c in statements(parse_text(text_report(overview=overview)))}
    assert {"received", "requests", "carried_in", "concluded", "granted", "partial", "unable", "not_processed",
            "carried_out", "natural", "organisations", "rate.completion", "rate.grant", "review", "litigation",
            "doc.normative_documents.issued", "doc.normative_documents.repealed",
            "doc.normative_documents.in_force", "doc.regulations.issued"} <= subjects


FALSE_STATEMENTS = [
    # (sentence, the cell it contradicts, what the message must say)
    ("2024年，我乡共收到政府信息公开申请12件。", "表三 · 一、本年新收政府信息公开申请数量 · 总计", "为10件"),
    ("本年度新收政府信息公开申请一百二十三件。", "表三 · 一、本年新收政府信息公开申请数量 · 总计", "为10件"),
    ("2024年，我乡未收到政府信息公开申请。", "表三 · 一、本年新收政府信息公开申请数量 · 总计", "为10件"),
    ("收到政府信息公开申请15至20件。", "表三 · 一、本年新收政府信息公开申请数量 · 总计", "为10件"),
    ("收到申请10件，上年结转3件。", "表三 · 二、上年结转政府信息公开申请数量 · 总计", "为1件"),
    ("收到申请10件，办结9件。", "表三 · 三、本年度办理结果 （七）总计 · 总计", "为10件"),
    ("收到申请10件，其中予以公开5件。", "表三 · 三、本年度办理结果 （一）予以公开 · 总计", "为6件"),
    ("收到申请10件，不予公开两件。", "表三 · 三、本年度办理结果 （三）不予公开 · 总计", "为0件"),
    ("收到申请10件，尚未办结的申请3件。", "表三 · 四、结转下年度继续办理 · 总计", "为1件"),
    ("本年度收到的政府信息公开申请均已办结。", "表三 · 四、结转下年度继续办理 · 总计", "为1件"),
    ("2024年未发生因政府信息公开引起的行政复议。", "表四 · 行政复议 · 总计", "为1件"),
    ("因政府信息公开被提起行政诉讼2件。", "表四 · 行政诉讼 · 总计", "为0件"),
    ("政府信息公开行政复议和行政诉讼各1件。", "表四 · 行政诉讼 · 总计", "为0件"),
    ("全年政府信息公开行政复议、行政诉讼均为0。", "表四 · 行政复议 · 总计", "为1件"),
    ("因政府信息公开被申请行政复议、提起行政诉讼共3件。", "表四 · 总计", "为1件"),
    ("本年度制发行政规范性文件3件。", "表二 · 行政规范性文件 · 本年制发件数", "为2件"),
    ("清理行政规范性文件，废止两件。", "表二 · 行政规范性文件 · 本年废止件数", "为1件"),
    ("本年度制发规章1件。", "表二 · 规章 · 本年制发件数", "为0件"),
    ("收到申请10件，办结率100%。", "表三 · 三、本年度办理结果 （七）总计 · 总计", "90.9%"),
    ("政府信息公开申请的依申请公开率100%。", "表三 · 三、本年度办理结果 （一）予以公开 · 总计", "60.0%"),
    ("收到申请10件，其中不予公开（保护第三方合法权益）1件。",
     "表三 · 三、本年度办理结果 （三）不予公开 4. 保护第三方合法权益 · 总计", "为0件"),
    # an outcome's row named by its reason (大营镇 2023, 高平市 2022 forms)
    ("收到申请10件，其中6件予以公开，5件本机关不掌握。",
     "表三 · 三、本年度办理结果 （四）无法提供 1. 本机关不掌握相关政府信息 · 总计", "为1件"),
    ("收到申请10件，其中因属于国家秘密不予公开1件。",
     "表三 · 三、本年度办理结果 （三）不予公开 1. 属于国家秘密 · 总计", "为0件"),
    ("收到申请10件，其中1件属行政执法案卷信息。",
     "表三 · 三、本年度办理结果 （三）不予公开 7. 属于行政执法案卷 · 总计", "为0件"),
    ("收到申请10件，其中9件准予公开。", "表三 · 三、本年度办理结果 （一）予以公开 · 总计", "为6件"),  # 2019
    # 国家卫生健康委 2024: 《…的指导意见》 names no body that guides
    ("主动发布《关于推进健康乡村建设的指导意见》等政策文件，全年共制发行政规范性文件82件。",
     "表二 · 行政规范性文件 · 本年制发件数", "为2件"),
    ("2024年，因政府信息公开引起的复议0件。", "表四 · 行政复议 · 总计", "为1件"),  # 复议 without 行政
]


@pytest.mark.parametrize("overview, cell, says", FALSE_STATEMENTS)
def test_a_false_statement_is_one_finding_quoting_the_sentence_and_naming_the_cell(overview, cell, says):
    found = mismatches(overview)
    assert len(found) == 1, [f.message for f in found]
    finding = found[0]
    section, table_cell = finding.where.split("；")
    assert section == "一、总体情况" and table_cell == cell
    assert f"称“{overview.rstrip('。')}”" in finding.message
    assert says in finding.message and finding.severity == "error"


def test_a_paragraph_of_false_and_true_statements_gives_exactly_the_false_ones():
    overview = ("2024年，我乡共收到政府信息公开申请12件，上年结转1件，办结10件，其中予以公开6件，部分公开3件；"
                "未发生因政府信息公开引起的行政复议和行政诉讼。全年制发行政规范性文件2件。")
    cells = sorted(f.where.split("；")[1] for f in mismatches(overview))
    assert cells == ["表三 · 一、本年新收政府信息公开申请数量 · 总计",
                     "表三 · 三、本年度办理结果 （二）部分公开 · 总计", "表四 · 行政复议 · 总计"]


def test_a_blank_total_states_the_sum_of_its_row():
    """A 总计 left blank beside 8 and 2 states 10 (the arithmetic only notes the blank, as information)."""
    from tests.reports.fixtures_check.build import figures

    row = "一、本年新收政府信息公开申请数量\t8\t2\t0\t0\t0\t0\t"

    def narrative(said):
        text = text_report(overview=f"我乡共收到政府信息公开申请{said}件。", rows=figures()).replace(row + "10", row)
        report = check_parsed(parse_text(text))
        assert not [f for f in report.findings if f.severity == "error" and f.code != "narrative_mismatch"]
        return [f.message for f in report.findings if f.code == "narrative_mismatch"]

    assert narrative(10) == []
    [message] = narrative(12)
    assert "“本年新收政府信息公开申请数量”为10件" in message


def test_joined_outcomes_are_held_against_their_sum():
    """“予以公开及部分公开”: the two rows together (6 + 2 in the built report), not the last one alone."""
    assert mismatches("2024年，我乡予以公开及部分公开8件。") == []
    assert mismatches("2024年，我乡予以公开和部分公开的占80%。") == []
    [finding] = mismatches("2024年，我乡予以公开或部分公开6件。")
    assert "予以公开、（二）部分公开之和”为8件" in finding.message
    assert mismatches("2024年，我乡予以公开、部分公开各3件。") == []


@pytest.mark.parametrize("name", sorted(p.name for p in REPORT_FIXTURES.glob("*.txt")))
def test_no_false_alarm_on_the_real_reports(name):
    report = check_parsed(parse_path(REPORT_FIXTURES / name))
    assert [f.message for f in report.findings if f.code == "narrative_mismatch"] == []


def test_the_real_reports_statements_are_read():
    """Changchun's “我办受理依申请信息56条” and Zonglang's “我乡未收到依申请公开事项” agree with their tables."""
    changchun = statements(parse_path(REPORT_FIXTURES / "changchun-erdao-fangwuzhengshouban_2022.txt"))
    assert [(c.subject, c.low) for c in changchun] == [("received", 56)]
    zonglang = statements(parse_path(REPORT_FIXTURES / "zonglang-2024.txt"))
    assert ("received", 0) in [(c.subject, c.low) for c in zonglang]


def test_a_sentence_written_above_table_three_is_checked_too():
    text = text_report().replace("三、收到和处理政府信息公开申请情况\n",
                                 "三、收到和处理政府信息公开申请情况\n2024年，我乡共收到政府信息公开申请13件。\n")
    found = [f for f in check_parsed(parse_text(text)).findings if f.code == "narrative_mismatch"]
    where = "三、收到和处理政府信息公开申请情况；表三 · 一、本年新收政府信息公开申请数量 · 总计"
    assert [f.where for f in found] == [where]
    assert "称“2024年，我乡共收到政府信息公开申请13件”" in found[0].message


PLANS_AND_FAULTS = [
    # section 五 speaks of next year's targets and of faults found in some replies: no figure of the year's tables
    "下一步，我乡将力争依申请公开办结率达到100%。",
    "下一步将确保申请办结率保持100%。",
    "计划全年制发规范性文件3件。",
    "目标：依申请公开答复率100%。",
    "存在的问题：一是1件申请答复不够规范。",
    "有2件申请答复超期。",
]


@pytest.mark.parametrize("problems", PLANS_AND_FAULTS)
def test_plans_and_faults_in_section_five_are_no_finding(problems):
    assert mismatches(None, problems=problems) == []


@pytest.mark.parametrize("problems, said", [
    ("2024年共收到申请12件，下一步将进一步规范办理。", "共收到申请12件"),
    ("经过努力，全年办结申请9件。", "办结申请9件"),
])
def test_a_false_figure_before_a_plan_is_still_found(problems, said):
    found = mismatches(None, problems=problems)
    assert len(found) == 1 and said in found[0].message


@pytest.mark.parametrize("sentence, found", [
    ("本年度未发生行政复议、行政诉讼案件。", True),  # 表四 has 1 行政复议
    ("本年度行政复议0件。", True),
    ("本年度被申请行政复议1件，未发生行政诉讼。", False),
])
def test_under_section_four_every_appeal_is_about_disclosure(sentence, found):
    heading = "四、政府信息公开行政复议、行政诉讼情况\n"
    text = text_report().replace(heading, heading + sentence + "\n")
    report = check_parsed(parse_text(text))
    assert bool([f for f in report.findings if f.code == "narrative_mismatch"]) is found
    # the same words in 一、总体情况 may speak of every 行政复议 the agency had, and are not compared
    assert mismatches(sentence) == []


@pytest.mark.parametrize("said", [
    "2024年，我乡未收到因政府信息公开申请引起的行政诉讼。",  # the requests are the cause, not the count
    "2024年，未发生依申请公开投诉举报。",
    "2024年，政府信息公开行政复议结果纠正0件。",  # a result of the reviews, not their number
    "2024年，共办理局长信箱信件24件，主动公开答复24件。",  # other matters answered
    "2024年，办理人大代表建议和政协委员提案答复意见6件。",
    "2024年，办结市民热线160件。",
    "2024年，人大建议和政协提案办结率为100%。",
    "2024年，办理并答复信息公开申请3件、纸质申请36件。",  # one channel's requests, a part of those received
    "2024年，顺延至下一年答复1件，办结10件。",  # carried over, not answered
    "2024年，我乡予以公开或部分公开8件。",
    # 2019: the old categories, of which 予以公开 is two together
    "2024年，其中“属于已主动公开答复数”2件，“同意公开答复数”4件。",
    "2024年，我乡未发生因信息公开引起的行政复议被改变或行政诉讼败诉情形。",  # 省 厅 2023: a result, not the number
    "2024年我乡未直接收受社会民众和单位、团体依申请公开事务，全年配合县审批局回复依申请公开1份。",  # 2022
    "对未进行公开属性认定和公开属性定为依申请公开、不予公开的公文，开展公开属性重新审查。",  # documents
    "本年度未收取依申请公开事项信息处理费。",  # 浑南区民宗局 2021: a fee, not requests
    "2024年，在网站公示失效、废止的规范性文件和其他文件85件。",  # 2023: other documents among them
    "2024年，全年共办理网站有效留言、市长信箱、12345平台热线、依申请公开等45件。",  # 宝鸡市司法局 2020: all together
    "2024年，我街道共制发政府信息130件，其中主动公开18件，不予公开112件。",  # 2023: documents' 公开属性
    "2024年，我局接到依申请公开事项10件，均已答复，未产生依申请公开政府信息案例。",  # 汉中 2020: no dispute
    "2024年，未收到法人或者其他组织对依申请公开政府信息的申请。",  # 2021: one kind of applicant
    "2024年完成信息公开716件，其中通知公告类71件，办结率100%。",  # 东疆 2025: items published, not requests
    "2024年，区法律援助中心受理法律援助案件1213件，办结案件1138件。",  # 兴庆区司法局 2024: legal aid cases
    # a 街道's report copying its city's figure
    "2024年，受理公民、法人和其他组织向市政府及市政府办公室提出的政府信息公开申请5件，均在法定时限内予以答复。",
])
def test_what_real_reports_say_of_other_things_is_not_held_against_the_tables(said):
    """Sentences of 2021–2024 reports (船山区, 大足区, 柳州市体育局, 四川省体育局, 宣城高新区, 文登区, 越城区东湖街道,
    太和街道, 高淳区) that an earlier reading took for counts of 表三 or 表四."""
    assert [f.message for f in mismatches(said)] == []


@pytest.mark.parametrize("said, cell", [
    ("2024年，我乡共受理15件政府信息公开申请。", "本年新收政府信息公开申请数量"),  # the count before the noun
    ("2024年，收到政府信息公开申请10件，办结9件。", "本年度办理结果总计"),
    ("2024年，我乡予以公开及部分公开7件。", "之和"),
    ("2024年，因政府信息公开被申请行政复议1件，诉讼2件。", "行政诉讼总计"),  # 诉讼 after 行政复议 is 行政诉讼
    # a total, then its parts
    ("2024年，共受理政府信息公开申请12件，其中自然人申请8件。", "本年新收政府信息公开申请数量"),
    ("2024年，结转上年2件，办结10件。", "上年结转政府信息公开申请数量"),  # 眉山市住建局 2022
    ("2024年，办结10件，下年度继续办理2件。", "结转下年度继续办理"),
    ("2024年，部分予以公开3件。", "部分公开"),  # 安阳县住建局 2025
    ("2024年，收到政府信息公开申请12件（其中网上申请10件、信函2件），办结10件。", "本年新收"),  # parts in brackets
    ("2024年，办结10件，剩余2件转2025年办理。", "结转下年度继续办理"),  # 渭南 2022
    ("2024年，依申请公开无下年度结转。", "结转下年度继续办理"),  # 汉阳区 2022
    ("2024年共收到政府信息公开申请12件，申请数量较2023年上升20%。", "本年新收政府信息公开申请数量"),
    ("2024年，共接收到依申请公开12件，按时答复依申请公开12件。", "本年新收"),  # 燕山街道 2025
    ("2024年，收到申请数12件。", "本年新收"),  # 2022: 申请数 in 件 is the requests', 信息数 in 条 the items'
    ("2024年，共受理12宗政府信息公开申请。", "本年新收"),  # 2023: the count before the noun, in 宗
    ("2024年，共收到12条政府信息公开申请。", "本年新收"),  # 2021: in 条, after a verb of receiving
    ("2024年，收到政府信息公开申请12次。", "本年新收"),  # 2020: in 次
    ("2024年，共收到3起依申请公开件，均及时予以回复办结。", "本年新收"),  # 区财政局 2024: in 起
    # the count before the appeal, after a verb of its happening
    ("2024年，我乡发生2起政府信息公开行政诉讼案件。", "行政诉讼总计"),
    ("2024年，发生1起政府信息公开行政复议，发生1起行政诉讼。", "行政诉讼总计"),
    ("2024年，被提起2件因政府信息公开的行政诉讼。", "行政诉讼总计"),
    ("2024年，本单位无上年结转申请。", "上年结转政府信息公开申请数量"),  # none carried in
    ("2024年，上年结转为0。", "上年结转政府信息公开申请数量"),
    # 2021–2023: who sent them between the verb and the requests, and every kind of applicant named
    ("2024年，收到公民、法人或其他组织提交政府信息公开申请0条。", "本年新收"),
    ("2024年，我乡未收到公众、法人或其他组织对政府信息公开的申请。", "本年新收"),
    ("2024年，本年度未收到个人、法人或者其他组织向本机关申请公开政府信息。", "本年新收"),
    ("2024年，收到政府信息公开申请10件，办复率100%。", "90.9%"),  # 高淳区 2022: 办复率
    ("2024年，无因政府信息产生行政复议，提起行政诉讼情况发生。", "行政复议总计"),  # 2021: 因政府信息, no 公开
    ("2024年，通过网站等渠道收到政府信息公开申请12件，结转上年度申请1件。", "本年新收"),  # 2024: not a kind of
    ("2024年，区统计局新收到依申请公开政府信息12件，上年结转申请1件。", "本年新收"),  # request after the count
])
def test_counts_of_requests_are_still_held_against_the_tables(said, cell):
    [finding] = mismatches(said)
    assert cell in finding.message


@pytest.mark.parametrize("said", [
    "2024年，我局未发生依申请公开政府信息方面的行政复议和行政诉讼。",  # 2021: the requests are the cause, no count
    "2024年，没有因政府信息公开工作被申请行政复议、提起诉讼。",  # 盐边县 2021
    "2024年，未发生因政府信息公开引起的投诉、复议或诉讼事项。",  # 2022
    "2024年，未发生政府信息公开行政复议、起诉。",  # 2022
])
def test_a_suit_named_without_the_word_administrative(said):
    """None of either (表四: 复议 1, 诉讼 0)."""
    claims = statements(parse_text(text_report(overview=said)))
    assert [(c.subject, c.high) for c in claims] == [("review", 0), ("litigation", 0)]


def test_outcome_counts_given_in_parts_that_add_up_to_the_cell():
    """天津港保税区 2023: “新收到…17件,予以公开13件” then “上年结转办理1件,予以公开1件” — 13 + 1 is the table's 14
    (here 5 + 1 = 6); a part that does not add up is still found."""
    assert mismatches("2024年，共新收到政府信息公开申请10件，予以公开5件。上年结转办理1件，予以公开1件。") == []
    found = mismatches("2024年，共新收到政府信息公开申请10件，予以公开4件。上年结转办理1件，予以公开1件。")
    assert found and all("为6件" in f.message for f in found)


def test_a_rank_among_the_citys_bodies_does_not_make_a_paragraph_the_citys():
    """A 市卫健委 2025: “新收到…1182件(同比增长0.4%,在全市各委办局中位列第三)” is its own count."""
    said = "2024年，我委新收到政府信息公开申请12件（在全市各委办局中位列第三）。"
    [finding] = mismatches(said)
    assert finding.severity == "error"


def test_appeals_counted_before_they_are_named():
    """“发生1起…行政复议和行政诉讼” is one of both (表四: 1 in all); “收到2起政府信息公开申请行政复议”, whose
    requests name what the reviews are about, is no count of requests."""
    claims = statements(parse_text(text_report(overview="2024年，发生1起政府信息公开行政复议和行政诉讼。")))
    assert [(c.subject, c.high) for c in claims] == [("appeals_all", 1)]
    assert mismatches("2024年，发生1起政府信息公开行政复议和行政诉讼。") == []
    assert mismatches("2024年，发生1起政府信息公开行政复议。") == []
    assert statements(parse_text(text_report(overview="2024年，收到2起政府信息公开申请行政复议。"))) == []


def test_none_carried_in_or_out_is_a_zero_in_each_row():
    """“无上年和下年结转” is none carried in and none carried over (the table has 1 and 1)."""
    cells = sorted(f.where.split("；")[1] for f in mismatches("2024年，依申请公开无上年和下年结转申请。"))
    assert cells == ["表三 · 二、上年结转政府信息公开申请数量 · 总计", "表三 · 四、结转下年度继续办理 · 总计"]
    [finding] = mismatches("2024年，本年度无上年结转政府信息公开申请。")  # one finding, not one per word
    assert "上年结转" in finding.where


def test_none_of_two_joined_verbs_is_a_zero_in_each_column():
    """“未制发或废止行政规范性文件”: none issued and none repealed (the table has 2 and 1)."""
    for said in ("2024年，本机关未制发或废止行政规范性文件。", "2024年，未制发、废止规范性文件。"):
        cells = sorted(f.where.split("；")[1] for f in mismatches(said))
        assert cells == ["表二 · 行政规范性文件 · 本年制发件数", "表二 · 行政规范性文件 · 本年废止件数"]
    [finding] = mismatches("2024年，未制发规范性文件，废止1件。")
    assert "本年制发件数" in finding.where


def test_an_appeal_joined_to_one_stated_as_none_is_none_too():
    """陆丰市 2019: “没有发生因政府信息公开工作引发举报、投诉、行政复议或行政诉讼等事件”."""
    said = "2024年，没有发生因政府信息公开工作引发举报、投诉、行政复议或行政诉讼等事件。"
    claims = {c.subject: c.high for c in statements(parse_text(text_report(overview=said)))}
    assert claims == {"review": 0, "litigation": 0}
    # “未发生…行政复议，行政诉讼1件”: the count is the second's only, not one of both (表四: 复议 1, 诉讼 0)
    cells = sorted(f.where.split("；")[1] for f in mismatches("2024年，未发生政府信息公开行政复议，行政诉讼1件。"))
    assert cells == ["表四 · 行政复议 · 总计", "表四 · 行政诉讼 · 总计"]


@pytest.mark.parametrize("said", [
    "2024年，因本机关不掌握等原因无法提供1件。",  # 上海市政府办公厅 2019: the reasons of the whole group
    "2024年，所有答复件中，因本机关不掌握等原因无法提供的1件。",
])
def test_a_reason_among_others_is_the_whole_group(said):
    assert mismatches(said) == []


def test_a_sentence_wrapped_over_lines_in_pdf_text_is_read_whole():
    wrapped = "2024年，我乡认真贯彻落实条例各项要求，全年共收到政府信息公开\n申请12件，均已按期答复。"
    [finding] = mismatches(wrapped)
    assert "收到政府信息公开申请12件" in finding.message
    assert mismatches(wrapped.replace("12", "10")) == []
    # a heading after a line without a stop is not part of its sentence
    heading = "2024年，我乡认真贯彻落实条例各项要求并加强政务公开工作\n（二）依申请公开情况\n12项制度已建立。"
    assert mismatches(heading) == []


@pytest.mark.parametrize("said", [
    "2024年，上年结转政府信息公开申请1件，共办结10件，结转下年度继续办理1件。",
    "2024年，2023年结转政府信息公开申请1件，共办结10件，结转2025年度继续办理1件。",
])
def test_carried_over_requests_are_held_against_their_own_rows(said):
    assert mismatches(said) == []
    [finding] = mismatches(said.replace("办结10件", "办结9件"))
    assert "本年度办理结果总计" in finding.message


@pytest.mark.parametrize("said", [
    "2024年，共收到群众网上申请5件，快递5件，合计10件。",  # 秦都区 2024: one channel
    "2024年，通过来信收到申请件4件，占比40%。",  # 金华市市场监管局 2023
    "2024年，委托县自然资源局办理自然资源类政府信息公开申请3件。",  # 攸县 2023: one kind, handed on
    "2024年，因本机关不掌握相关政府信息无法提供2件，信息不存在的1件。",  # 高平市 2022: one reason of the group
    "2024年，新增规章3件（含新制定1件，修改2件）。",  # 上海市 2023: a breakdown in brackets
    "2024年，在政府网站发布县政府和县政府办公室行政规范性文件5件。",  # 上海市 2023: one issuer's
    "2024年，予以公开答复6件。",  # 1499件 district 2022: 答复 of one outcome
    "2024年，受理申请10件，答复7件，不予受理3件。",  # 遵义市人社局 2021: 答复 beside other outcomes
    "2024年，因政府信息公开收到行政复议1件，维持结果1件，尚未办结0件。",  # 济宁市人社局 2020
    "2024年，全县共受理政府信息公开申请62件。",  # a 乡's report: the county's count is not its table's
    "2024年，通过政府信息公开平台、邮寄等途径共收到政府信息公开申请10件。",  # every channel: the whole
    "2024年，共收到依申请公开件10件，上年度结转办理件1件，共办结10件。",
    "2024年，上年转结政府信息公开申请1件。",  # 合江县 2022: 转结 is 结转
    "2024年，主动公开本单位政府信息61条、行政复议决定书20份。",  # 滨江区司法局 2023: documents it decided
    "2024年，作为依申请公开信息数102条，不予公开信息数137条。",  # 漳平市 2023: items of information
    "2024年，依申请公开2条，免于公开信息0条。",  # 上海市周家桥街道 2023
    "2024年，新制作了《关于企业用工服务奖补措施的通知》等8件规范性文件。",  # 常德市人社局 2021: 企业 in a title
    # 进贤县 2024: counts channel by channel, none of them the whole
    "2024年，受理线上信息公开申请8件，依法办结7件，结转下年度办理1件，受理线下信息公开申请2件，已全部依法办结。",
    "2024年，对规范性文件进行全面梳理，继续有效7件，失效2件、废止4件。",  # 平利县 2024: 失效 may count as 废止
    # 荔浦市 2022: the departments' requests, beside the government's own; 新昌县 2022: the departments' answers
    "2024年，部门新收依申请公开数量为4件，办理结果为予以公开1件，无法提供2件，不予处理1件。",
    "2024年，共收到政府信息公开申请10件，各部门在规定期限内答复64件。",
    "2024年，全年配合市审批局回应和回复依申请公开1份。",  # 柳州市统计局 2022: another bureau's request
    "2024年，我局共收到信件30封，未收到申请人不满意评价。",  # 申请人, not 申请
    "2024年，通济街道共办理11件政府信息公开申请（其中当年收到3件，上年转结1件）。",  # 佛山 2021: a part in brackets
    "2024年，因政府信息公开申请被行政复议1宗、行政诉讼0宗，其中2宗维持原答复。",  # 2 reviews' result
    "2024年，全乡共办结政府信息公开申请1422件，其中结转下年度继续办理1件。",  # 办结 meaning all handled
    "2024年，共受理网民留言60条，已办结60条。办结率100%。",  # 2023: the rate of 留言
    "2024年，法定时限办结率100%。",  # in time, not of all received
    "2024年，未对公众依申请公开政府信息收取任何费用。",  # 2021: a fee denied, not the requests
    "2024年，我乡共收到9件依申请公开申请，其中5件为协助市政务公开科办理。",  # 三都县 2021: helping another
    "2024年，在办结的10件申请中，予以公开6件。",  # 2023: 在办结, not 在办
    "2024年，共收到申请10件，其中依申请公开平台6件、邮寄2件、当面申请2件。",  # 大东区 2023: a platform
    "2024年，共收到申请10件，办结10件，目前均已办结。",  # “目前” is when the report was written
    "2024年，开展政策解读3次，依申请公开2次。",  # times, of what is not said
    "2024年，我乡共主动公开政府信息2条，不予公开文件59条。",  # 福建 2024: items of information, not requests
    "2024年，共制作政府信息30条，其中主动公开信息0条，依申请公开信息22条，不予公开信息8条。",
    "2024年，我乡共收到自然人申请的依申请办理事项8件。",  # 2024: one kind of applicant's requests
    "2024年，收到申请10件，0件转结2024年办结。",  # a line of last year's report left in
    "2024年，收到并答复网民在线提问35条。",  # 晋安区 2024: an online interview's questions
    "2024年，主动公开涉及公民、法人或者其他组织切身利益的信息1122条。",  # 2022: items, not applicants
    "2024年，指导乡镇、县政府工作部门处理信息公开申请15件。",  # 黄平县 2023: other bodies' requests
    "2024年，共收到10份申请，其中申请人自行撤销2件，依法依规答复处理8件。",  # withdrawn ones are concluded too
    "2024年，集中公开历年现行有效行政规范性文件108件。",  # a library of every year's documents
])
def test_parts_and_other_bodies_counts_in_real_reports_are_not_held_against_the_tables(said):
    """Sentences of 2020–2024 reports that an earlier reading took for 表三's or 表二's cells."""
    assert [f.message for f in mismatches(said)] == []


def test_a_count_of_requests_with_a_qualifier_is_that_rows():
    [finding] = mismatches("2024年，无上年结转政府信息公开申请。")  # 安康 2024: carried in, not received
    assert "上年结转政府信息公开申请数量" in finding.message
    [finding] = mismatches("2024年，因本机关不掌握等原因无法提供3件。")  # the group, by 等原因
    assert "无法提供" in finding.message


def test_an_area_count_beside_the_governments_own_is_neither():
    """长沙市雨花区 2022, 北京市东城区 2023: “全区…227件，其中区政府受理36件” — the report's table may be either."""
    said = "2024年全县共受理申请227件，其中县政府受理36件。"
    assert mismatches(said, agency="叶城县人民政府") == []
    [finding] = mismatches("2024年全县共受理申请227件。", agency="叶城县人民政府")
    assert "本年新收" in finding.message
    # the county's count against tables that may be the government's own (本级): a warning, not an error
    assert finding.severity == "warning" and "统计口径" in finding.message
    [own] = mismatches("2024年县政府共受理申请227件。", agency="叶城县人民政府")
    assert own.severity == "error"
    # the later clauses of a 全县 sentence are the county's too, in a report that is not the county's own
    assert mismatches("2024年，全县共收到申请40件，已按时办结36件，4件结转至下年度继续办理，办结率90%。") == []


def test_a_paragraph_on_the_whole_area_gives_warnings_not_errors():
    """三亚市 2024: “全市新受理…1681件…；答复…1641件（含上年度转结），其中予以公开及部分公开845件…” — the
    sentences after the first are the city's too; 云和县 2023: the county's total, its own part in the next."""
    said = ("2024年全县新受理政府信息公开申请1681件；答复政府信息公开申请1641件，其中予以公开及部分公开845件，"
            "不予公开121件，结转下一年度继续办理79件。")
    found = mismatches(said, agency="叶城县人民政府")
    assert found and {f.severity for f in found} == {"warning"}
    assert {f.severity for f in mismatches(said)} <= {"warning"}  # a 乡's report
    total = "2024年累计受理政府信息公开申请57件，完成答复54件。其中，县级政府受理并完成申请答复6件。"
    assert {f.severity for f in mismatches(total, agency="叶城县人民政府")} == {"warning"}


def test_a_channels_part_named_after_the_total_does_not_make_it_an_area_count():
    """桐乡市公安局 2023: “其中网上政府信息公开申请件22件” is no “其中县政府…”."""
    said = "2024年，共办理回复依申请公开事项12件，其中网上政府信息公开申请件11件，书面申请件1件，均已按时答复。"
    [claim] = [c for c in statements(parse_text(text_report(overview=said))) if c.high == 12]
    assert not claim.area


def test_documents_published_and_a_registrys_name_are_no_counts_of_the_table():
    """北杜街道 2023: “无行政规范性文件公开” (none published, not none issued); 江干区市场监督管理局 2020:
    “国家企业信用信息系统公开行政处罚决定930件” — no applicant count of 企业."""
    said = "2024年无行政规范性文件公开,无行政处罚和行政事业性收费等事项公开。"
    assert not [c for c in statements(parse_text(text_report(overview=said))) if c.subject.startswith("doc.")]
    said = "2024年通过国家企业信用信息系统公开行政处罚决定930件。"
    assert not [c for c in statements(parse_text(text_report(overview=said))) if c.high == 930]


def test_requests_carried_from_last_year_named_by_its_year_leave_the_later_counts_this_years():
    """大丰区人民政府 2024: “含2023年转至今年办理的3件” is the carried-in count, and “办结68件”
    and “剩余1件结转下一年度处理” after it are this year's, not 2023's."""
    said = ("全年共办理政府信息公开申请69件,含2023年转至今年办理的3件,办结68件,剩余1件结转下一年度处理,"
            "按期答复率100%。")
    found = {(c.subject, c.high) for c in statements(parse_text(text_report(overview=said)))}
    assert {("carried_in", 3), ("concluded", 68), ("carried_out", 1)} <= found
