import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog import services
from gongkai.catalog.attachments import MAX_BYTES, upload_problem
from gongkai.catalog.models import Attachment, Item
from gongkai.core.audit import AuditEntry
from gongkai.core.errors import DomainError

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


def _draft_fields(agency, title="2024年衔接项目实施方案"):
    return {"agency": agency.pk, "title": title, "topic": "agriculture", "genre": "plan", "openness": "proactive",
            "validity": "valid", "publisher": agency.name, "body": "<p>正文</p>"}


def test_clerk_uploads_an_attachment_with_the_draft_and_it_goes_public_with_the_approval(
        client, agency, clerk, walk):
    client.force_login(clerk)
    upload = SimpleUploadedFile("项目清单.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("catalog:item_new") + f"?agency={agency.pk}",
                           {**_draft_fields(agency), "attachment": upload, "attachment_name": "2024年项目清单"})
    assert response.status_code == 302
    item = Item.objects.get()
    attachment = item.attachments.get()
    assert attachment.name == "2024年项目清单" and attachment.added_in == item.versions.get()
    assert attachment.size == len(PDF) and attachment.file.read() == PDF
    assert AuditEntry.objects.filter(action="catalog.attachment.added").exists()
    assert "2024年项目清单" in client.get(reverse("catalog:item", args=[item.pk])).content.decode()

    walk(item)
    page = client.get(reverse("xxgk:item", args=[item.pk])).content.decode()
    assert "附件" in page and "2024年项目清单" in page and attachment.file.url in page


def test_attachment_added_while_editing_a_published_item_waits_for_the_new_version(
        client, agency, clerk, make_item, walk):
    item = make_item()
    walk(item)
    client.force_login(clerk)
    upload = SimpleUploadedFile("补充说明.docx", b"PK\x03\x04docx", content_type="application/octet-stream")
    client.post(reverse("catalog:item_edit", args=[item.pk]), {**_draft_fields(agency, item.title),
                                                                "attachment": upload})
    assert Attachment.objects.get().name == "补充说明.docx"
    assert "补充说明.docx" not in client.get(reverse("xxgk:item", args=[item.pk])).content.decode()
    walk(Item.objects.get(pk=item.pk))
    assert "补充说明.docx" in client.get(reverse("xxgk:item", args=[item.pk])).content.decode()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("setup.exe", b"MZ\x90\x00", "附件：不允许上传可执行文件或脚本（.exe）"),
    ("通知.pdf.bat", b"@echo off", "附件：不允许上传可执行文件或脚本（.bat）"),
    ("说明.pdf", b"MZ\x90\x00\x03", "附件：文件“说明.pdf”的内容是可执行程序，不允许上传"),
    ("run.sh", b"#!/bin/sh", "附件：不允许上传可执行文件或脚本（.sh）"),
    ("数据.xyz", b"data", "附件：文件类型 .xyz 不在允许范围内"),
    ("空.pdf", b"", "附件：文件“空.pdf”是空文件"),
    ("无扩展名", b"data", "附件：文件“无扩展名”没有扩展名"),
])
def test_refused_uploads_get_a_chinese_message_naming_the_field(name, content, message):
    assert upload_problem(SimpleUploadedFile(name, content)).startswith(message)


def test_attachments_over_the_size_limit_are_refused(client, agency, clerk):
    big = SimpleUploadedFile("大文件.pdf", b"%PDF" + b"0" * MAX_BYTES)
    assert upload_problem(big) == "附件：文件大小 20.0 MB 超过 20.0 MB 的上限"
    client.force_login(clerk)
    big.seek(0)
    response = client.post(reverse("catalog:item_new") + f"?agency={agency.pk}",
                           {**_draft_fields(agency), "attachment": big})
    assert response.status_code == 200 and "超过 20.0 MB 的上限" in response.content.decode()
    assert not Item.objects.exists()


def test_editor_refuses_an_executable_and_keeps_nothing(client, agency, clerk):
    client.force_login(clerk)
    response = client.post(reverse("catalog:item_new") + f"?agency={agency.pk}",
                           {**_draft_fields(agency), "attachment": SimpleUploadedFile("tool.exe", b"MZ")})
    assert "附件：不允许上传可执行文件或脚本（.exe）" in response.content.decode()
    assert not Item.objects.exists() and not Attachment.objects.exists()


def test_service_refuses_an_executable_too(make_item, clerk):
    item = make_item()
    with pytest.raises(DomainError) as exc:
        services.add_attachment(item=item, version=services.latest_version(item), user=clerk,
                                upload=SimpleUploadedFile("a.pdf", b"\x7fELF\x02"))
    assert exc.value.field == "attachment" and "可执行程序" in exc.value.message
