"""公众: browses /xxgk/ — 公开指南, 法定主动公开内容, the catalog with filters, searches 财政 and 衔接资金, opens an
item with its 信息头 and interpretation, reads the annual reports; then the catalog on a 390 px phone."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_browses_the_disclosure_section(demo, walk):
    page = walk.page
    walk.go("/xxgk/")
    walk.check("xxgk-index")
    page.get_by_role("link", name="叶城县宗朗乡人民政府").click()
    walk.check("agency-home")
    reports = page.locator("#annual-reports").inner_text()  # current versions only; the corrected one is gone
    assert "叶城县宗朗乡人民政府2024年政府信息公开工作年度报告" in reports
    assert "叶城县宗朗乡2024年政府信息公开工作年度报告" not in reports
    nav = page.get_by_role("navigation", name="主导航")
    nav.get_by_role("link", name="公开指南").click()
    walk.check("guide")
    assert "申请" in walk.main_text()

    nav.get_by_role("link", name="法定主动公开内容").click()
    walk.check("statutory")
    page.get_by_role("link", name="第（七）项 财政预算、决算信息").click()
    walk.check("statutory-item-7")
    assert "宗朗乡2025年部门预算公开" in walk.main_text()

    nav.get_by_role("link", name="公开目录").click()
    walk.check("catalog")
    page.get_by_label("主题分类").select_option(label="财政、金融、审计")
    page.get_by_role("button", name="筛选").click()
    walk.check("catalog-filtered")
    titles = page.locator("main tbody td.card-title").all_inner_texts()
    assert titles and all("预算" in t or "决算" in t or "采购" in t for t in titles), titles

    for word, expected in (("财政", "宗朗乡2025年部门预算公开"), ("衔接资金", "项目实施方案")):
        box = page.get_by_role("search").get_by_label("搜索关键词")
        box.fill(word)
        page.get_by_role("search").get_by_role("button", name="搜索").click()
        walk.check(f"search-{word}")
        assert expected in walk.main_text()
        assert page.locator("main mark").first.inner_text() in word

    # A policy and its interpretation, each pointing at the other.
    box.fill("耕地地力保护补贴")
    page.get_by_role("search").get_by_role("button", name="搜索").click()
    walk.check()
    page.get_by_role("link", name="2024年耕地地力保护补贴发放工作方案").click()
    walk.check("item-with-interpretation")
    head = page.locator("dl.info-head").inner_text()
    for label in ("索引号", "发布机构", "成文日期", "2024-04-03", "主题分类"):
        assert label in head
    page.get_by_role("link", name="一图读懂2024年耕地地力保护补贴").click()
    walk.check("interpretation")
    assert "解读的政策文件" in walk.main_text()

    nav.get_by_role("link", name="年度报告").click()
    walk.check("annual-reports")
    page.get_by_role("link", name="叶城县宗朗乡人民政府2025年政府信息公开工作年度报告").click()
    walk.check("annual-report-2025")
    text = walk.main_text()
    assert "三、收到和处理政府信息公开申请情况" in text and "六、其他需要报告的事项" in text
    # Section 六's fee paragraph is said once (it was repeated at each review step).
    assert text.count("申请发出收费通知") <= 1
    walk.finish()


def test_the_catalog_reads_on_a_390_px_phone(demo, walk):
    page = walk.page
    page.set_viewport_size({"width": 390, "height": 844})
    walk.go("/xxgk/")
    walk.check("xxgk-index-390")
    page.get_by_role("link", name="叶城县宗朗乡人民政府").click()
    walk.check("agency-home-390")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="公开目录").click()
    walk.check("catalog-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    cell = page.locator("main tbody tr").first.locator("td[data-label=发布机构]")
    line = float(cell.evaluate("e => getComputedStyle(e).lineHeight").removesuffix("px"))
    box = cell.bounding_box()
    assert box["height"] <= 2 * line + 4, (box, line)  # 发布机构 no longer one character a line
    assert box["width"] >= 300, box
    title = page.locator("main tbody tr").first.locator("td.card-title").bounding_box()
    assert title["y"] < box["y"]  # the card starts with the title
    page.get_by_role("link", name="叶城县宗朗乡人民政府2025年政府信息公开工作年度报告").click()
    walk.check("annual-report-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # wide tables scroll inside the body
    walk.finish()
