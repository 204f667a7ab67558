import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog import services
from gongkai.catalog.body import editable_text, render_body
from gongkai.catalog.models import Item, clean_body

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def test_script_tags_and_javascript_links_are_removed_from_bodies(make_item):
    body = '<p>正文</p><script>alert(1)</script><a href="javascript:alert(2)">点我</a><img src=x onerror="alert(3)">'
    item = make_item(body=body)
    assert "<script" not in item.body and "javascript:" not in item.body and "onerror" not in item.body
    assert "<p>正文</p>" in item.body
    version = item.versions.get()
    assert "<script" not in version.body


def test_ordinary_links_survive():
    assert 'href="https://www.ccgp-xinjiang.gov.cn/"' in clean_body('<a href="https://www.ccgp-xinjiang.gov.cn/">采购</a>')


# --- no external resource on an item page (issue #11 point 8) -----------------------------------------

TRACKER = "http://tracker.example.com/p.gif?u=1"


@pytest.mark.parametrize("html", [
    f'<p>正文<img src="{TRACKER}" alt="统计"></p>',
    '<p>正文<img src="https://cdn.example.org/a.png"></p>',
    '<p>正文<img src="//tracker.example.com/p.gif"></p>',
    '<p>正文<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></p>',
    '<p>正文<img src="/static/x.png"></p>',
    '<p>正文<img src="relative.png"></p>',
    '<p>正文<img alt="a&quot; src=&quot;" src="http://tracker.example.com/p.gif"></p>',
])
def test_external_and_unknown_images_are_dropped(html):
    assert clean_body(html) == "<p>正文</p>"


def test_no_external_resource_survives_in_any_form():
    html = (f'<p style="background:url({TRACKER})">正文</p><style>p{{background:url({TRACKER})}}</style>'
            f'<img src="/xxgk/item/1/attachments/2/" srcset="{TRACKER} 2x"><iframe src="{TRACKER}"></iframe>'
            f'<video src="{TRACKER}" poster="{TRACKER}"></video><object data="{TRACKER}"></object>'
            f'<svg><image href="{TRACKER}"/></svg><link rel="stylesheet" href="{TRACKER}">'
            f'<table background="{TRACKER}"><tr><td background="{TRACKER}">格</td></tr></table>')
    cleaned = clean_body(html)
    assert "tracker" not in cleaned
    assert '<img src="/xxgk/item/1/attachments/2/">' in cleaned and "正文" in cleaned


def test_an_image_uploaded_as_an_attachment_is_kept(make_item, clerk):
    item = make_item()
    attachment = services.add_attachment(item=item, version=services.latest_version(item), user=clerk,
                                         name="示意图", upload=SimpleUploadedFile("map.png", PNG))
    public = reverse("xxgk:attachment", args=[item.pk, attachment.pk])
    assert clean_body(f'<p><img src="{public}" alt="示意图"></p>') == f'<p><img src="{public}" alt="示意图"></p>'
    # Staff copy the link from their own page, which the public cannot open: it becomes the portal's.
    staff_url = reverse("catalog:attachment", args=[item.pk, attachment.pk])
    assert clean_body(f'<img src="{staff_url}">') == f'<img src="{public}">'
    assert clean_body(f'<img src="http://testserver{public}">') == f'<img src="{public}">'


def test_a_saved_item_carries_no_tracker_to_the_portal(client, make_item, walk):
    item = make_item(body=f'<p>衔接项目公示</p><img src="{TRACKER}">')
    walk(item)
    page = client.get(reverse("xxgk:item", args=[item.pk])).content.decode()
    assert "衔接项目公示" in page and "tracker.example.com" not in page


def test_a_tracker_stored_before_the_rule_is_not_served(client, make_item, walk):
    item = make_item(body="<p>衔接项目公示</p>")
    walk(item)
    Item.objects.filter(pk=item.pk).update(body=f'<p>衔接项目公示</p><img src="{TRACKER}">')  # an older row
    page = client.get(reverse("xxgk:item", args=[item.pk])).content.decode()
    assert "衔接项目公示" in page and "tracker.example.com" not in page


# --- typed text keeps its paragraphs (issue #10) --------------------------------------------------

TYPED = "　　一、项目概况\n宗朗乡实施村道硬化项目。\n\n二、资金来源\r\n\r\n　　衔接资金50万元，A&B 分摊。"


def test_typed_text_is_stored_as_typed_and_shown_as_paragraphs():
    stored = clean_body(TYPED)
    assert "\n\n" in stored and "A&amp;B" in stored
    assert str(render_body(stored)) == ("<p>　　一、项目概况<br>宗朗乡实施村道硬化项目。</p><p>二、资金来源</p>"
                                        "<p>　　衔接资金50万元，A&amp;B 分摊。</p>")


def test_html_bodies_are_shown_as_they_are():
    html = "<p>一般公共预算收支情况。</p>\n\n<p>第二段</p>"
    assert str(render_body(clean_body(html))) == html


def test_inline_marks_in_typed_text_keep_the_paragraphs():
    assert str(render_body(clean_body("第一段<strong>重点</strong>\n\n第二段"))) == (
        "<p>第一段<strong>重点</strong></p><p>第二段</p>")


def test_script_in_typed_text_is_still_removed():
    assert "<script" not in str(render_body(clean_body("第一段\n\n<script>alert(1)</script>第二段")))


@pytest.mark.parametrize("typed", [TYPED, "a < b & c > d", "引号\"和'撇号'", "&lt;b&gt; 是字面写法"])
def test_the_editor_shows_typed_text_and_saving_it_again_changes_nothing(typed):
    stored = clean_body(typed)
    shown = editable_text(stored)
    assert clean_body(shown) == stored
    if "&lt;" not in typed:
        assert shown == typed.replace("\r\n", "\n") or shown == typed


def test_the_portal_shows_typed_paragraphs(client, make_item, walk):
    item = make_item(body=TYPED)
    walk(item)
    page = client.get(reverse("xxgk:item", args=[item.pk])).content.decode()
    assert "<p>　　一、项目概况<br>宗朗乡实施村道硬化项目。</p><p>二、资金来源</p>" in page
