"""Data for the whole-installation tests, run inside an installation's own process (installs.py)."""

import json
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.disclosure_requests import services
from gongkai.disclosure_requests.models import Attachment, Request

APPLICANT = {
    "applicant_type": "natural_person", "applicant_name": "张三", "id_type": "resident_id",
    "id_number": "11010519491231002X", "phone": "13800000000", "description": "2024年惠民补贴资金发放名单",
    "form_wanted": "email", "delivery": "email",
}


def submit_with_file(agency, i: int) -> Request:
    """What the public form does: the request and its uploaded file in one transaction."""
    with transaction.atomic():
        created = services.submit_online(agency=agency, fields=dict(APPLICANT, applicant_name=f"申请人{i}"))
        content = f"身份证明 {i}".encode() * 200
        Attachment.objects.create(request=created, file=ContentFile(content, name=f"证明{i}.txt"),
                                  name=f"证明{i}.txt", size=len(content))
    return created


def submit_until(stop_file: str, started_file: str, *, limit: int = 400) -> None:
    """Keep submitting until the test drops `stop_file`; `started_file` appears after the first one."""
    agency = Agency.objects.order_by("id").first()
    done = 0
    while not Path(stop_file).exists() and done < limit:
        submit_with_file(agency, done)
        done += 1
        Path(started_file).touch()
    print(done)


def next_number_and_search(word: str) -> None:
    """After a move: the next request takes the next serial (no gap, no repeat), new rows get fresh ids, and
    the catalog search finds a published item."""
    from gongkai.catalog.search import search_ids
    from gongkai.core.models import Counter

    agency = Agency.objects.order_by("id").first()
    year = timezone.localdate().year
    counter = Counter.objects.filter(agency=agency, scope="request", year=year).first()
    before = counter.value if counter else 0
    taken = set(Request.objects.values_list("number", flat=True))
    created = submit_with_file(agency, 9999)
    print(json.dumps({
        "expected": agency.request_number_format.format(short_name=agency.short_name, year=year, serial=before + 1),
        "number": created.number, "repeat": created.number in taken, "hits": search_ids(word).total,
    }, ensure_ascii=False))


def consistency() -> None:
    """Prints what the restored installation holds, for the test to compare with the manifest."""
    from django.conf import settings

    from gongkai.catalog.models import Attachment as CatalogAttachment

    named = {("private", a.file.name) for model in (Attachment, CatalogAttachment)
             for a in model.objects.exclude(file="")}
    on_disk = {("private", p.relative_to(settings.PRIVATE_MEDIA_ROOT).as_posix())
               for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()}
    print(json.dumps({
        "requests_without_events": Request.objects.filter(events__isnull=True).count(),
        "files_without_rows": sorted(n for _, n in on_disk - named),
        "rows_without_files": sorted(n for _, n in named - on_disk),
        "numbers": sorted(Request.objects.values_list("number", flat=True)),
    }, ensure_ascii=False))
