"""The axe-core helper finds what it should and says where, readably."""

import pytest

from tests.browser.axe import assert_accessible, axe_violations

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="zh-CN"><head><title>测试</title></head><body><main><h1>测试</h1>
<p style="color:#ccc;background:#fff">对比度不足的文字</p><label>有标签 <input name="a"></label><input name="b">
</main></body></html>"""


def test_violations_are_found_and_named_with_their_element(page):
    page.set_content(PAGE)
    assert {v["id"] for v in axe_violations(page)} == {"color-contrast", "label"}
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    message = str(failure.value)
    assert "color-contrast" in message and "对比度不足的文字" in message and 'name="b"' in message


def test_a_clean_page_passes(page):
    page.set_content(PAGE.replace(' style="color:#ccc;background:#fff"', "").replace('<input name="b">', ""))
    assert_accessible(page)
