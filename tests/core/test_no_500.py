"""Bad input is a Chinese 400/404 naming the field, never a 500 (issue #11 point 7): the inputs that did
give a server error, the error pages themselves, and a database outage (503)."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")


def _page(response) -> str:
    return response.content.decode()


def _rejected(response, status, *words):
    """The status, the site's layout, and a Chinese message with the given words (e.g. the field)."""
    body = _page(response)
    assert response.status_code == status, body[:500]
    assert 'class="site-header"' in body and 'lang="zh-CN"' in body
    for word in words:
        assert word in body, word
    return body


@pytest.fixture
def staff_client(site, client):
    client.force_login(site.users["zl_jingban"])
    return client


# --- anonymous -----------------------------------------------------------------------------------

def test_search_with_an_impossible_year(client, site):
    _rejected(client.get("/xxgk/search", {"q": "财政", "year": "99999"}), 400, "年份", "99999")


@pytest.mark.parametrize(("param", "value", "words"), [
    ("year", "99999", ("年份",)), ("year", "-1", ("年份",)),
    ("topic", "\x00", ("topic", "控制字符")), ("publisher", "\x00", ("publisher", "控制字符")),
])
def test_public_catalog_filters(client, site, param, value, words):
    url = reverse("xxgk:catalog", args=[site.own.agency.pk])
    _rejected(client.get(url, {param: value}), 400, *words)


@pytest.mark.parametrize("token", ["t" * 41, "abc\x00def"])
def test_public_request_form_with_a_tampered_token(client, site, token):
    response = client.post("/ysqgk/", {"agency": site.own.agency.pk, "token": token, "applicant_name": "张三"})
    _rejected(response, 400, "token")


# --- staff ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("year", ["99999", "-1", "20x4"])
@pytest.mark.parametrize("name", ["reports:index", "requests:workbench", "requests:ledger"])
def test_staff_pages_with_an_impossible_year(staff_client, name, year):
    _rejected(staff_client.get(reverse(name), {"year": year}), 400, "年份", "2008")


@pytest.mark.parametrize("year", [99999, 0, 1999])
def test_a_report_of_an_impossible_year_is_a_chinese_404(staff_client, site, year):
    _rejected(staff_client.get(f"/staff/reports/{site.own.agency.pk}/{year}/"), 404, "报告年度", str(year))


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "words"), [
    (b"this is not a workbook", ("台账文件", "不是有效的 Excel")),
    (b"PK\x03\x04garbage", ("台账文件", "不是有效的 Excel")),
    (None, ("台账文件", "压缩炸弹")),
])
def test_ledger_import_of_a_garbage_or_zip_bomb_file(staff_client, content, words):
    upload = io.BytesIO(content if content is not None else _zip_bomb())
    upload.name = "台账.xlsx"
    _rejected(staff_client.post(reverse("requests:ledger_import"), {"file": upload}), 400, *words)


def _damaged_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not-xml")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "words"), [
    ("数据.xlsx", b"garbage", ("第二十条数据文件", "不是有效的 Excel")),
    ("数据.xlsx", _damaged_workbook(), ("第二十条数据文件", "无法读取")),
    ("数据.csv", b"\xff\xfe\x00\xd8", ("第二十条数据文件", "编码")),  # UTF-16 with a lone surrogate
    ("数据.csv", b"\x80\x81\xff\xfe" * 3, ("第二十条数据文件", "编码")),
])
def test_article_20_import_of_a_garbage_workbook_or_a_badly_encoded_csv(staff_client, site, name, content, words):
    upload = io.BytesIO(content)
    upload.name = name
    url = reverse("reports:figures", args=[site.own.agency.pk, 2024])
    _rejected(staff_client.post(url, {"file": upload}), 400, *words)


def test_article_20_csv_from_chinese_excel_in_gb18030_is_read(staff_client, site):
    text = "机关,年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n叶城县宗朗乡人民政府,2024,3,1,0,0.5\n"
    upload = io.BytesIO(text.encode("gb18030"))
    upload.name = "数据.csv"
    response = staff_client.post(reverse("reports:figures", args=[site.own.agency.pk, 2024]), {"file": upload})
    assert response.status_code == 302


@pytest.mark.parametrize("year", ["99999", "1e5", "-3"])
def test_article_20_import_with_an_impossible_year_names_row_and_column(staff_client, site, year):
    upload = io.BytesIO(f"机关,年度,行政许可,行政处罚,行政强制,行政事业性收费\n宗朗乡,{year},1,1,1,1\n".encode())
    upload.name = "数据.csv"
    url = reverse("reports:figures", args=[site.own.agency.pk, 2024])
    _rejected(staff_client.post(url, {"file": upload}), 400, "第2行年度")


def test_a_restored_site_missing_the_private_files(staff_client, site, settings):
    """A backup restored without var/private: every download is a Chinese 404, not a 500."""
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    aside = private.with_name("private-aside")
    private.rename(aside)
    try:
        own = site.own
        _rejected(staff_client.get(reverse("requests:attachment", args=[own.request, own.request_attachment])),
                  404, "身份证.pdf", "丢失")
        _rejected(staff_client.get(reverse("catalog:attachment", args=[own.item, own.item_attachment])), 404, "丢失")
        _rejected(Client().get(reverse("xxgk:attachment", args=[own.item, own.item_attachment])), 404, "丢失")
    finally:
        aside.rename(private)


# --- the error pages -----------------------------------------------------------------------------

def test_an_unknown_address_is_a_chinese_404_in_the_sites_layout(client, site):
    _rejected(client.get("/no-such-page/"), 404, "页面不存在")
    body = _rejected(client.get(reverse("xxgk:item", args=[987654])), 404, "页面不存在")
    assert "No Item matches" not in body  # Django's English text is never shown


def test_a_refused_page_is_a_chinese_403(staff_client):
    _rejected(staff_client.get(reverse("checker:index")), 403, "只有上级监督")


def test_a_missing_csrf_token_is_a_chinese_403(site):
    checked = Client(enforce_csrf_checks=True)
    _rejected(checked.post("/login/", {"username": "x", "password": "y"}), 403, "页面已过期")


def test_a_bug_is_a_chinese_500_page(settings, site):
    settings.ROOT_URLCONF = "tests.core.error_urls"
    response = Client(raise_request_exception=False).get("/boom/")
    _rejected(response, 500, "系统出错")
    assert "RuntimeError" not in _page(response)


def test_a_database_outage_is_a_chinese_503_maintenance_page(settings, site):
    settings.ROOT_URLCONF = "tests.core.error_urls"
    response = Client(raise_request_exception=False).get("/database-gone/")
    _rejected(response, 503, "系统维护中", "数据库")
    assert response["Retry-After"]


def test_a_public_page_whose_query_loses_the_database_answers_503(client, site, monkeypatch):
    from gongkai.portal import views

    def gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(views.Agency.objects, "annotate", gone)
    _rejected(client.get("/xxgk/"), 503, "系统维护中")


def test_an_oversized_upload_is_a_chinese_400(settings, staff_client):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    data = {f"f{n}": "x" for n in range(10)}
    _rejected(staff_client.post(reverse("requests:register"), data), 400, "字段过多")
