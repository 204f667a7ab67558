"""An agency's own short names are not another agency (`self_reference` false alarms)."""

import pytest

from gongkai.reports.agency_names import is_own_name, split_places
from gongkai.reports.check import check_parsed
from gongkai.reports.parse import parse_text
from tests.reports.fixtures_check.build import text_report
from tests.reports.test_real_openings import unsigned

OWN = [
    ("上海市科学技术委员会", ["市科委", "上海市科委", "市科技委", "上海科委", "我委", "本委", "本机关"]),
    ("叶城县人民政府办公室", ["县政府办", "县府办", "叶城县政府办公室", "叶城县政府办", "我办", "本机关"]),
    ("叶城县宗朗乡人民政府", ["宗朗乡政府", "宗朗乡", "乡政府", "我乡", "本乡"]),
    ("北京市朝阳区人民政府", ["朝阳区政府", "区政府", "朝阳区"]),
    ("上海市浦东新区人民政府", ["浦东新区政府", "区政府"]),
    ("广州市天河区住房和城乡建设局", ["区住建局", "天河区住建局", "住建局", "我局", "本局"]),
    ("杭州市发展和改革委员会", ["市发改委", "杭州市发改委", "发改委"]),
    ("叶城县人力资源和社会保障局", ["县人社局", "人社局"]),
    ("成都市卫生健康委员会", ["市卫健委", "卫健委"]),
    ("叶城县市场监督管理局", ["县市场监管局", "县市监局", "市场监管局"]),
    ("武汉市文化和旅游局", ["市文旅局", "文旅局"]),
    ("叶城县交通运输局", ["县交通局", "县交通运输局"]),
    ("叶城县农业农村局", ["县农业农村局", "县农业局"]),
    ("叶城县应急管理局", ["县应急局", "应急管理局"]),
    ("深圳市医疗保障局", ["市医保局", "医保局"]),
    ("长春市二道区房屋征收工作管理办公室", ["区房屋征收办", "房屋征收办", "二道区房屋征收办公室"]),
    ("叶城县城市管理局", ["县城管局", "城管局"]),
    ("天津市机关事务管理局", ["市机关事务局"]),
    ("叶城县退役军人事务局", ["县退役军人局"]),
    ("南京市自然资源和规划局", ["市自然资源局", "自然资源局"]),
    ("新疆维吾尔自治区喀什地区叶城县财政局", ["叶城县财政局", "县财政局", "财政局"]),
    ("文登区住建局", ["区住建局", "住建局", "我局"]),
    ("连生乡人民政府", ["连生乡政府", "乡政府", "我乡"]),
    ("某某街道办事处", ["街道办", "某某街道"]),
]


@pytest.mark.parametrize("full, shorts", OWN, ids=[full for full, _ in OWN])
def test_an_agencys_usual_short_names_are_its_own(full, shorts):
    assert [s for s in shorts if not is_own_name(s, full)] == []


@pytest.mark.parametrize("full, other", [
    ("叶城县宗朗乡人民政府", "乌夏巴什镇政府"),
    ("叶城县宗朗乡人民政府", "叶城县宗朗镇人民政府"),
    ("叶城县财政局", "叶城县税务局"),
    ("叶城县财政局", "叶城县人民政府"),
    ("上海市科学技术委员会", "市经信委"),
    ("叶城县人民政府办公室", "县财政局"),
    ("广州市天河区住房和城乡建设局", "区住建委"),
    ("杭州市发展和改革委员会", "市教育局"),
])
def test_another_agency_is_not_a_short_name(full, other):
    assert not is_own_name(other, full)


def test_places_are_split_from_the_body_of_the_name():
    assert split_places("叶城县宗朗乡人民政府") == (["叶城县", "宗朗乡"], "人民政府")
    assert split_places("上海市科学技术委员会") == (["上海市"], "科学技术委员会")
    assert split_places("叶城县市场监督管理局") == (["叶城县"], "市场监督管理局")
    assert split_places("叶城县城乡建设局") == (["叶城县"], "城乡建设局")


def self_references(**kwargs):
    return [f.message for f in check_parsed(parse_text(text_report(**kwargs))).findings if f.code == "self_reference"]


def test_a_title_with_the_short_name_is_the_same_agency():
    assert self_references(agency="上海市科学技术委员会", title="市科委2024年政府信息公开工作年度报告",
                           overview="2024年，我委收到政府信息公开申请10件。") == []
    assert self_references(agency="叶城县人民政府办公室", title="县政府办2024年政府信息公开工作年度报告",
                           overview="2024年，我办收到政府信息公开申请10件。") == []


def test_the_short_name_as_the_reports_author_is_the_same_agency_but_another_agency_is_not():
    own = "现将县政府办2024年政府信息公开工作年度报告公布如下。2024年，我办收到政府信息公开申请10件。"
    assert self_references(agency="叶城县人民政府办公室", overview=own) == []
    other = "根据《条例》，现公布市经信委2024年政府信息公开工作年度报告。2024年，我委收到政府信息公开申请10件。"
    found = self_references(agency="上海市科学技术委员会", overview=other)
    assert len(found) == 1 and "市经信委" in found[0]


def test_a_town_government_without_renmin_may_call_itself_our_town():
    """下湿壕镇 2022: “下湿壕镇政府” is a 镇's government."""
    text = unsigned("下湿壕镇政府2024年信息公开工作年度报告", overview="2024年,我镇收到政府信息公开申请10件。")
    report = check_parsed(parse_text(text))
    assert report.agency == "下湿壕镇政府" and not [f for f in report.findings if f.code == "self_reference"]


def test_a_verb_before_an_office_is_not_another_agencys_name():
    """易家街道 2025: “依规公开、及时更新街道办事处机关职能…” names no other 街道."""
    overview = "2024年,易家街道坚持依规公开、及时更新街道办事处机关职能、领导成员及分工等信息。"
    text = text_report(agency="易家街道办事处", overview=overview)
    assert not [f for f in check_parsed(parse_text(text)).findings if f.code == "self_reference"]


@pytest.mark.parametrize("agency, said", [
    # 和顺街道 2022: “二是在街道办事处政务公开宣传栏进行纸质化公开” — its own board
    ("云冈区和顺街道办事处", "一是在政府门户网站进行电子化公开;二是在街道办事处政务公开宣传栏进行纸质化公开。"),
    # 中仓街道 2025: “主管领导为街道办事处工委委员” — its own office
    ("中仓街道办事处", "2024年,中仓街道政务公开工作的主管领导为街道办事处工委委员、办事处副主任。"),
    # 盘龙彝族乡 2021: “砚山县盘龙乡人民政府” is its name without its nationality
    ("盘龙彝族乡人民政府", "2024年,公开砚山县盘龙彝族乡部门预算和砚山县盘龙乡人民政府2023年度部门决算。"),
    # 两英镇 2021: “两英镇政府” is “两英镇人民政府”
    ("两英镇政府", "2024年,两英镇政府认真贯彻上级部署,公布两英镇人民政府2024年政府信息公开工作年度报告。"),
    # 华富街道 2022, 城厢街道 2022: its own page on the district's site, “请与街道办事处联系”
    ("深圳市福田区华富街道办事处", "2024年,在福田政府在线街道办事处主页发布信息120条。"),
    ("萧山区城厢街道办事处", "如对本报告有任何疑问,请与街道办事处联系。"),
    ("洪山区人民政府珞南街道办事处", "2024年,成立了由街道办事处主任任组长的工作领导小组。"),  # 珞南街道 2020
    # 普陀区 2024: what its office published after a year is its budget, not a report
    ("上海市普陀区人民政府", "2024年,准确发布区政府办公室2024年度部门预算、2023年度部门决算信息。"),
])
def test_its_own_office_and_its_government_written_in_full_are_no_other_agency(agency, said):
    text = text_report(agency=agency, overview=said)
    assert not [f for f in check_parsed(parse_text(text)).findings if f.code == "self_reference"]
