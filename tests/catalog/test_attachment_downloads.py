"""Catalog attachments live in private storage and reach people only through the two download views."""

import importlib
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from gongkai.agencies.models import Role
from gongkai.catalog import services
from gongkai.catalog.models import Attachment, Item, Openness
from gongkai.core.storage import private_storage
from tests.factories import AgencyFactory, staff

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
DOCX = b"PK\x03\x04docx-bytes"


def _attach(item, user, name="项目清单.pdf", content=PDF, label=""):
    return services.add_attachment(item=item, version=services.latest_version(item), user=user, name=label,
                                   upload=SimpleUploadedFile(name, content))


def _public_url(attachment) -> str:
    return reverse("xxgk:attachment", args=[attachment.item_id, attachment.pk])


def _staff_url(attachment) -> str:
    return reverse("catalog:attachment", args=[attachment.item_id, attachment.pk])


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _files_under(root) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()]


@pytest.fixture
def published_with_file(make_item, clerk, walk):
    item = make_item()
    attachment = _attach(item, clerk, label="2024年项目清单")
    walk(item)
    return Item.objects.get(pk=item.pk), attachment


# --- the public URL ---------------------------------------------------------------------------


def test_public_url_serves_the_approved_file_inline_with_its_chinese_name(client, published_with_file):
    item, attachment = published_with_file
    response = client.get(_public_url(attachment))
    assert response.status_code == 200 and _body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    # The label lacks an extension: the stored file's one is added so the download opens in the right program.
    assert response["Content-Disposition"] == f"inline; filename*=utf-8''{quote('2024年项目清单.pdf')}"
    assert _public_url(attachment) in client.get(reverse("xxgk:item", args=[item.pk])).content.decode()


def test_an_office_document_is_offered_as_a_download(client, make_item, clerk, walk):
    item = make_item()
    attachment = _attach(item, clerk, "实施细则.docx", DOCX)
    walk(item)
    response = client.get(_public_url(attachment))
    assert response.status_code == 200 and _body(response) == DOCX
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('实施细则.docx')}"


def test_files_are_stored_under_the_private_root_and_have_no_media_url(published_with_file):
    _, attachment = published_with_file
    path = Path(attachment.file.path)
    assert path.is_file() and Path(settings.PRIVATE_MEDIA_ROOT) in path.parents
    assert _files_under(settings.MEDIA_ROOT) == []
    with pytest.raises(ValueError, match="不通过公开网址"):
        attachment.file.url  # noqa: B018


def test_a_draft_only_attachment_is_404_on_the_public_url(client, published_with_file, clerk):
    item, _ = published_with_file
    services.save_draft(item=item, author=clerk, data={"title": item.title})
    draft_file = _attach(item, clerk, "补充说明.pdf")
    assert client.get(_public_url(draft_file)).status_code == 404
    services.submit_for_review(item=item, user=clerk)  # still 404 while 三审 runs
    assert client.get(_public_url(draft_file)).status_code == 404


def test_a_never_published_items_attachment_is_404(client, make_item, clerk):
    item = make_item()
    attachment = _attach(item, clerk)
    assert client.get(_public_url(attachment)).status_code == 404


def test_an_approved_removal_takes_the_file_off_the_public_url(client, published_with_file, clerk, walk):
    item, attachment = published_with_file
    services.save_draft(item=item, author=clerk, data={"title": item.title})
    services.remove_attachment(item=item, attachment=attachment, user=clerk)
    assert client.get(_public_url(attachment)).status_code == 200  # pending: the live version still has it
    walk(item)
    assert client.get(_public_url(attachment)).status_code == 404
    client.force_login(clerk)
    assert _body(client.get(_staff_url(attachment))) == PDF  # the record stays readable for staff


@pytest.mark.parametrize("openness", [Openness.ON_REQUEST, Openness.NOT_PUBLIC])
def test_an_item_that_is_not_proactively_public_serves_no_files(client, make_item, clerk, walk, openness):
    item = make_item(openness=openness)
    attachment = _attach(item, clerk)
    walk(item)
    assert Item.objects.get(pk=item.pk).state == "published"
    assert client.get(_public_url(attachment)).status_code == 404


def test_a_withdrawn_items_files_are_404(client, published_with_file, final):
    item, attachment = published_with_file
    services.withdraw_item(item=item, user=final, reason="内容有误")
    assert client.get(_public_url(attachment)).status_code == 404


def test_an_attachment_addressed_through_another_item_is_404(client, published_with_file, make_item, walk):
    _, attachment = published_with_file
    other = make_item("另一条信息")
    walk(other)
    url = reverse("xxgk:attachment", args=[other.pk, attachment.pk])
    assert client.get(url).status_code == 404


def test_a_file_missing_from_disk_gives_a_chinese_404_not_a_500(client, published_with_file, clerk):
    _, attachment = published_with_file
    private_storage.delete(attachment.file.name)
    response = client.get(_public_url(attachment))
    assert response.status_code == 404
    assert "附件“2024年项目清单”的文件已丢失" in response.content.decode()
    client.force_login(clerk)
    assert client.get(_staff_url(attachment)).status_code == 404


# --- the staff URL ----------------------------------------------------------------------------


def test_a_reviewer_opens_a_draft_attachment_from_the_review_page(client, make_item, clerk, first):
    item = make_item()
    attachment = _attach(item, clerk, "实施细则.docx", DOCX)
    review = services.submit_for_review(item=item, user=clerk)
    client.force_login(first)
    page = client.get(reverse("catalog:review", args=[review.pk])).content.decode()
    assert _staff_url(attachment) in page
    response = client.get(_staff_url(attachment))
    assert response.status_code == 200 and _body(response) == DOCX
    assert response["Cache-Control"] == "private, no-store"


def test_the_staff_item_page_links_the_staff_url(client, make_item, clerk):
    item = make_item()
    attachment = _attach(item, clerk)
    client.force_login(clerk)
    page = client.get(reverse("catalog:item", args=[item.pk])).content.decode()
    assert _staff_url(attachment) in page and "/media/" not in page


def test_another_agencys_staff_and_anonymous_visitors_are_refused(client, make_item, clerk):
    item = make_item()
    attachment = _attach(item, clerk)
    assert client.get(_staff_url(attachment))["Location"].startswith(reverse("login"))
    client.force_login(staff(AgencyFactory(), Role.CLERK))
    # Like the staff item page: another agency's item is a 404, so its existence is not confirmed.
    assert client.get(_staff_url(attachment)).status_code == 404


def test_a_supervisor_of_the_agency_may_read(client, agency, make_item, clerk):
    item = make_item()
    attachment = _attach(item, clerk)
    client.force_login(staff(agency, Role.SUPERVISOR))
    assert _body(client.get(_staff_url(attachment))) == PDF


# --- moving files of an existing installation -------------------------------------------------


class _Editor:
    connection = connection


def _run_move(direction: str) -> None:
    module = importlib.import_module("gongkai.catalog.migrations.0004_attachment_private_storage")
    getattr(module, direction)(apps, _Editor())


def test_migration_moves_existing_files_out_of_media_root_and_can_run_twice(make_item, clerk):
    item = make_item()
    media = Path(settings.MEDIA_ROOT)
    (media / "catalog/2024/05").mkdir(parents=True)
    (media / "catalog/2024/05/old.pdf").write_bytes(PDF)
    (media / "catalog/2024/05/dup.pdf").write_bytes(PDF)
    private_storage.save("catalog/2024/05/dup.pdf", SimpleUploadedFile("dup.pdf", PDF))  # an interrupted run
    for name in ("old.pdf", "dup.pdf", "gone.pdf"):
        Attachment.objects.create(item=item, name=name, file=f"catalog/2024/05/{name}", size=len(PDF))

    _run_move("to_private")
    _run_move("to_private")

    assert _files_under(media) == []
    assert sorted(p.name for p in _files_under(settings.PRIVATE_MEDIA_ROOT)) == ["dup.pdf", "old.pdf"]
    assert Attachment.objects.get(name="old.pdf").file.read() == PDF

    _run_move("to_media")  # the reverse migration puts them back
    assert sorted(p.name for p in _files_under(media)) == ["dup.pdf", "old.pdf"]
