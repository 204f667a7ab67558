from datetime import date
from io import BytesIO

from django.core.management import call_command
from docx import Document

from gongkai.catalog.models import ChannelKind, Item, Publication
from gongkai.catalog.selfcheck import run_selfcheck
from gongkai.core.demo import load_demo


def test_demo_catalog_matches_the_2024_report_and_selfcheck_names_stale_columns(db, capsys):
    ctx = load_demo()
    zonglang = ctx.agencies["zonglang"]
    in_2024 = Publication.objects.filter(item__agency=zonglang, posted_on__year=2024)
    assert in_2024.filter(channel__kind=ChannelKind.PORTAL, item__title__contains="实施方案",
                          item__columns__name="衔接资金项目").count() == 9
    assert in_2024.filter(channel__kind=ChannelKind.TRADING).count() == 1
    assert in_2024.filter(channel__kind=ChannelKind.PROCUREMENT).count() == 1
    assert in_2024.filter(channel__kind=ChannelKind.BOARD).exists()
    assert Item.objects.public().filter(agency=zonglang, columns__name="惠民政策").exists()
    findings = run_selfcheck(zonglang, date(2025, 12, 31))
    stale = {f.where for f in findings if f.code == "column.stale"}
    assert {"乡镇动态", "应急管理", "招标采购"} <= stale
    assert "columns.stale_veto" in {f.code for f in findings}
    assert {f.where for f in findings if f.code == "column.blank"} == {"人事信息"}
    call_command("selfcheck", agency="宗朗乡", today="2025-12-31")
    assert "栏目“乡镇动态”" in capsys.readouterr().out


def test_demo_project_plans_carry_a_word_attachment_the_portal_serves(db, client):
    load_demo()
    plan = Item.objects.public().filter(title__contains="就业帮扶车间项目实施方案").get()
    attachment = plan.attachments.get()
    response = client.get(f"/xxgk/item/{plan.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    document = Document(BytesIO(b"".join(response.streaming_content)))
    assert document.paragraphs[0].text == plan.title
    assert any("衔接推进乡村振兴补助资金" in p.text for p in document.paragraphs)
