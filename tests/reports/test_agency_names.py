"""An agency's own short names are not another agency (`self_reference` false alarms)."""

import pytest

from gongkai.reports.agency_names import is_own_name, split_places
from gongkai.reports.check import check_parsed
from gongkai.reports.parse import parse_text
from tests.reports.fixtures_check.build import text_report

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
