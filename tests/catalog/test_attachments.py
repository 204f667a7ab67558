import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.catalog import services
from gongkai.catalog.attachments import MAX_BYTES, upload_problem
from gongkai.catalog.models import Attachment, Item
from gongkai.catalog.queries import public_attachments
from gongkai.catalog.review import Action
from gongkai.core.audit import AuditEntry
from gongkai.core.errors import DomainError, PermissionDenied
from gongkai.core.storage import private_storage
from tests.factories import AgencyFactory, staff

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"


def _draft_fields(agency, title="2024年衔接项目实施方案"):
    return {"agency": agency.pk, "title": title, "topic": "agriculture", "genre": "plan", "openness": "proactive",
            "validity": "valid", "publisher": agency.name, "body": "<p>正文</p>"}


def _public_url(attachment) -> str:
    return reverse("xxgk:attachment", args=[attachment.item_id, attachment.pk])


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
    assert "附件" in page and "2024年项目清单" in page and _public_url(attachment) in page


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


# --- removal and replacement ------------------------------------------------------------------


def _attach(item, user, name="项目清单.pdf"):
    return services.add_attachment(item=item, version=services.latest_version(item), user=user,
                                   upload=SimpleUploadedFile(name, PDF))


def _new_draft(item, user):
    return services.save_draft(item=item, author=user, data={"title": item.title})


def _public_page(client, item) -> str:
    return client.get(reverse("xxgk:item", args=[item.pk])).content.decode()


@pytest.fixture
def published_with_file(make_item, clerk, walk):
    """A published item whose approved version 1 carries 项目清单.pdf."""
    item = make_item()
    attachment = _attach(item, clerk)
    walk(item)
    return Item.objects.get(pk=item.pk), attachment


def test_a_removed_public_attachment_stays_public_until_the_draft_passes_all_three_levels(
        client, published_with_file, clerk, first, second, final):
    item, attachment = published_with_file
    draft = _new_draft(item, clerk)
    services.remove_attachment(item=item, attachment=attachment, user=clerk)
    attachment.refresh_from_db()
    assert attachment.removed_in == draft
    assert private_storage.exists(attachment.file.name)

    review = services.submit_for_review(item=item, user=clerk)
    for reviewer in (first, second):
        assert _public_url(attachment) in _public_page(client, item)
        review = services.act_on_review(review=review, user=reviewer, action=Action.APPROVE)
    assert _public_url(attachment) in _public_page(client, item)
    services.act_on_review(review=review, user=final, action=Action.APPROVE)

    item.refresh_from_db()
    assert list(public_attachments(item)) == []
    assert "项目清单.pdf" not in _public_page(client, item)
    assert Attachment.objects.filter(pk=attachment.pk).exists()  # kept as a record of what was published
    client.force_login(clerk)
    assert "已随第2版移除" in client.get(reverse("catalog:item", args=[item.pk])).content.decode()


def test_a_rejected_removal_carries_into_the_next_draft(published_with_file, clerk, first, walk):
    item, attachment = published_with_file
    _new_draft(item, clerk)
    services.remove_attachment(item=item, attachment=attachment, user=clerk)
    review = services.submit_for_review(item=item, user=clerk)
    services.act_on_review(review=review, user=first, action=Action.REJECT, comment="附件不应删除前请说明")
    assert list(public_attachments(Item.objects.get(pk=item.pk))) == [attachment]
    _new_draft(item, clerk)
    walk(item)
    assert list(public_attachments(Item.objects.get(pk=item.pk))) == []


def test_removing_a_draft_only_attachment_deletes_it_and_its_file(
        published_with_file, clerk, django_capture_on_commit_callbacks):
    item, _ = published_with_file
    _new_draft(item, clerk)
    extra = _attach(item, clerk, "补充说明.pdf")
    name = extra.file.name
    with django_capture_on_commit_callbacks(execute=True):
        removed = services.remove_attachment(item=item, attachment=extra, user=clerk)
    assert removed.pk is None and removed.removed_in_id is None
    assert not Attachment.objects.filter(name="补充说明.pdf").exists()
    assert not private_storage.exists(name)


def test_an_attachment_of_a_never_published_item_is_deleted(make_item, clerk, django_capture_on_commit_callbacks):
    item = make_item()
    attachment = _attach(item, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_attachment(item=item, attachment=attachment, user=clerk)
    assert not Attachment.objects.exists()


def test_replacing_an_attachment_in_the_editor_swaps_the_files_on_approval(
        client, agency, published_with_file, clerk, first, second, final):
    item, old = published_with_file
    client.force_login(clerk)
    upload = SimpleUploadedFile("项目清单（修订）.pdf", PDF, content_type="application/pdf")
    client.post(reverse("catalog:item_edit", args=[item.pk]), {**_draft_fields(agency, item.title),
                                                                "attachment": upload})
    response = client.post(reverse("catalog:attachment_remove", args=[item.pk, old.pk]), follow=True)
    assert "附件“项目清单.pdf”将在新版本通过三审后从公开平台移除" in response.content.decode()
    assert "将在审核通过后移除" in response.content.decode()
    new = Attachment.objects.get(name="项目清单（修订）.pdf")
    page = _public_page(client, item)
    assert _public_url(old) in page and _public_url(new) not in page

    review = services.submit_for_review(item=item, user=clerk)
    client.force_login(first)
    diff = client.get(reverse("catalog:review", args=[review.pk])).content.decode()
    assert "新增附件：" in diff and "项目清单（修订）.pdf" in diff and "删除附件：" in diff
    for reviewer in (first, second, final):
        review = services.act_on_review(review=review, user=reviewer, action=Action.APPROVE)
    page = _public_page(client, item)
    assert _public_url(new) in page and _public_url(old) not in page


def test_another_agencys_author_may_not_remove(published_with_file, clerk):
    item, attachment = published_with_file
    _new_draft(item, clerk)
    outsider = staff(AgencyFactory(), Role.CLERK)
    with pytest.raises(PermissionDenied):
        services.remove_attachment(item=item, attachment=attachment, user=outsider)
    attachment.refresh_from_db()
    assert attachment.removed_in is None


def test_removal_needs_an_editable_draft(published_with_file, clerk):
    item, attachment = published_with_file
    with pytest.raises(DomainError) as exc:  # published, no new draft saved yet
        services.remove_attachment(item=item, attachment=attachment, user=clerk)
    assert exc.value.message.startswith("附件：没有可修改的草稿版本")
    _new_draft(item, clerk)
    services.submit_for_review(item=item, user=clerk)
    with pytest.raises(DomainError) as exc:
        services.remove_attachment(item=item, attachment=attachment, user=clerk)
    assert exc.value.message.startswith("附件：该信息正在审核中")
    assert Attachment.objects.get(pk=attachment.pk).removed_in is None


def test_removal_is_refused_twice_and_for_another_items_file(published_with_file, make_item, clerk):
    item, attachment = published_with_file
    _new_draft(item, clerk)
    services.remove_attachment(item=item, attachment=attachment, user=clerk)
    with pytest.raises(DomainError, match="已标记删除"):
        services.remove_attachment(item=item, attachment=attachment, user=clerk)
    other = make_item("另一条信息")
    with pytest.raises(DomainError, match="不属于此信息"):
        services.remove_attachment(item=other, attachment=attachment, user=clerk)


def test_removal_is_audited(published_with_file, clerk):
    item, attachment = published_with_file
    draft = _new_draft(item, clerk)
    services.remove_attachment(item=item, attachment=attachment, user=clerk)
    entry = AuditEntry.objects.get(action="catalog.attachment.removed")
    assert entry.actor == clerk and entry.object_id == str(item.pk)
    assert entry.data == {"name": "项目清单.pdf", "version": draft.number, "deleted": False}


def test_remove_view_answers_bad_input_with_a_chinese_message(client, agency, published_with_file, make_item, clerk):
    item, attachment = published_with_file
    _new_draft(item, clerk)
    other = make_item("另一条信息")
    url = reverse("catalog:attachment_remove", args=[other.pk, attachment.pk])
    client.force_login(clerk)
    assert client.get(reverse("catalog:attachment_remove", args=[item.pk, attachment.pk])).status_code == 405
    response = client.post(url, follow=True)
    assert response.status_code == 200 and "附件：找不到该附件" in response.content.decode()

    supervisor = staff(agency, Role.SUPERVISOR)
    client.force_login(supervisor)
    page = client.get(reverse("catalog:item", args=[item.pk])).content.decode()
    assert "删除</button>" not in page
    response = client.post(reverse("catalog:attachment_remove", args=[item.pk, attachment.pk]), follow=True)
    assert response.status_code == 200 and "不能删除附件" in response.content.decode()
    assert Attachment.objects.get(pk=attachment.pk).removed_in is None


def test_item_page_offers_removal_only_with_a_draft(client, published_with_file, clerk):
    item, attachment = published_with_file
    client.force_login(clerk)
    url = reverse("catalog:item", args=[item.pk])
    assert "删除</button>" not in client.get(url).content.decode()
    _new_draft(item, clerk)
    page = client.get(url).content.decode()
    assert reverse("catalog:attachment_remove", args=[item.pk, attachment.pk]) in page
    assert "data-confirm=" in page and "csrfmiddlewaretoken" in page


# --- undoing a removal ------------------------------------------------------------------------


def test_restoring_a_removal_in_the_draft_keeps_the_file_through_approval(published_with_file, clerk, walk):
    item, attachment = published_with_file
    draft = _new_draft(item, clerk)
    services.remove_attachment(item=item, attachment=attachment, user=clerk)
    restored = services.restore_attachment(item=item, attachment=attachment, user=clerk)
    assert restored.removed_in is None
    entry = AuditEntry.objects.get(action="catalog.attachment.restored")
    assert entry.actor == clerk and entry.data == {"name": "项目清单.pdf", "version": draft.number}
    walk(item)
    assert list(public_attachments(Item.objects.get(pk=item.pk))) == [attachment]


def test_restore_button_sits_beside_the_pending_label_and_undoes_the_removal(client, published_with_file, clerk):
    item, attachment = published_with_file
    _new_draft(item, clerk)
    services.remove_attachment(item=item, attachment=attachment, user=clerk)
    client.force_login(clerk)
    url = reverse("catalog:attachment_restore", args=[item.pk, attachment.pk])
    page = client.get(reverse("catalog:item", args=[item.pk])).content.decode()
    assert "将在审核通过后移除" in page and url in page and "撤销删除</button>" in page
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    html = response.content.decode()
    assert "已撤销删除，附件“项目清单.pdf”保留" in html and "将在审核通过后移除" not in html
    assert Attachment.objects.get(pk=attachment.pk).removed_in is None


def test_restore_is_refused_when_there_is_nothing_to_undo(published_with_file, clerk):
    item, attachment = published_with_file
    _new_draft(item, clerk)
    with pytest.raises(DomainError, match="没有被标记删除"):
        services.restore_attachment(item=item, attachment=attachment, user=clerk)


def test_restore_is_refused_while_the_removal_is_under_review(published_with_file, clerk):
    item, attachment = published_with_file
    draft = _new_draft(item, clerk)
    services.remove_attachment(item=item, attachment=attachment, user=clerk)
    services.submit_for_review(item=item, user=clerk)
    with pytest.raises(DomainError) as exc:
        services.restore_attachment(item=item, attachment=attachment, user=clerk)
    assert exc.value.message == "附件：该信息正在审核中，不能撤销删除附件；请先撤回提交再修改"
    assert Attachment.objects.get(pk=attachment.pk).removed_in == draft
    assert not AuditEntry.objects.filter(action="catalog.attachment.restored").exists()


def test_an_approved_removal_cannot_be_restored(published_with_file, clerk, walk):
    item, attachment = published_with_file
    _new_draft(item, clerk)
    services.remove_attachment(item=item, attachment=attachment, user=clerk)
    walk(item)
    with pytest.raises(DomainError, match="没有可修改的草稿版本"):
        services.restore_attachment(item=item, attachment=attachment, user=clerk)
    _new_draft(item, clerk)
    with pytest.raises(DomainError, match="已随第2版从公开平台移除，不能撤销"):
        services.restore_attachment(item=item, attachment=attachment, user=clerk)


def test_a_removal_submitted_with_a_rejected_version_is_not_undone_from_a_later_draft(
        client, published_with_file, clerk, first):
    item, attachment = published_with_file
    _new_draft(item, clerk)
    services.remove_attachment(item=item, attachment=attachment, user=clerk)
    review = services.submit_for_review(item=item, user=clerk)
    services.act_on_review(review=review, user=first, action=Action.REJECT, comment="请说明")
    _new_draft(item, clerk)
    with pytest.raises(DomainError, match="随第2版提交过审核"):
        services.restore_attachment(item=item, attachment=attachment, user=clerk)
    client.force_login(clerk)
    page = client.get(reverse("catalog:item", args=[item.pk])).content.decode()
    assert "将在审核通过后移除" in page and "撤销删除</button>" not in page


def test_restore_is_refused_to_another_agency_and_for_another_items_file(published_with_file, make_item, clerk):
    item, attachment = published_with_file
    _new_draft(item, clerk)
    services.remove_attachment(item=item, attachment=attachment, user=clerk)
    with pytest.raises(PermissionDenied):
        services.restore_attachment(item=item, attachment=attachment, user=staff(AgencyFactory(), Role.CLERK))
    with pytest.raises(DomainError, match="不属于此信息"):
        services.restore_attachment(item=make_item("另一条信息"), attachment=attachment, user=clerk)
    assert Attachment.objects.get(pk=attachment.pk).removed_in is not None
