"""A small site for the security tests: the demo's agencies and personas (without password hashing, so it
builds in about a second) and one record of every kind in each of two townships, so every staff and public URL
has a real id to point at — the own agency's (宗朗乡) and another's (乌夏巴什镇)."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.agencies.models import Agency, Kind, Level, Membership, Role
from gongkai.appeals.models import AppealKind
from gongkai.appeals.services import add_document as add_appeal_document
from gongkai.appeals.services import record_appeal
from gongkai.catalog import services as catalog
from gongkai.catalog.models import Channel, ChannelKind, Column, ColumnKind
from gongkai.disclosure_requests import services as requests
from gongkai.disclosure_requests.models import Attachment as RequestAttachment
from gongkai.disclosure_requests.models import DisclosedFile, ImportJob
from gongkai.reports.services import start_report
from gongkai.statute.identifiers import make_org_code, make_uscc

# persona → (agency key, roles); "admin" is the superuser, "nomember" a login with no post anywhere
# (is_staff on purpose: the staff pages must not care about it).
PERSONAS = {
    "admin": (None, ()),
    "zl_jingban": ("zonglang", (Role.CLERK,)),
    "zl_chushen": ("zonglang", (Role.REVIEWER_FIRST,)),
    "zl_fushen": ("zonglang", (Role.REVIEWER_SECOND,)),
    "zl_zhongshen": ("zonglang", (Role.REVIEWER_FINAL,)),
    "zl_fuzeren": ("zonglang", (Role.HEAD,)),
    "zl_guanli": ("zonglang", (Role.ADMIN,)),
    "wx_jingban": ("wuxia", (Role.CLERK, Role.REVIEWER_FIRST)),
    "xian_gkb": ("county", (Role.SUPERVISOR,)),
    "nomember": (None, ()),
}

PERSON = {
    "applicant_type": "natural_person", "applicant_name": "张三", "id_type": "resident_id",
    "id_number": "11010519491231002X", "phone": "13800000000", "email": "zhangsan@example.com",
    "description": "2024年惠民补贴资金发放名单", "form_wanted": "email", "delivery": "email",
    "channel": "in_person",
}


@dataclass
class Records:
    """The ids of one township's records."""

    agency: Agency
    column: int = 0
    item: int = 0
    item_attachment: int = 0
    draft: int = 0
    review: int = 0
    feedback: int = 0
    request: int = 0
    document: int = 0
    request_attachment: int = 0
    disclosed_file: int = 0
    appeal: int = 0
    appeal_document: int = 0
    import_job: int = 0
    report_year: int = 2024


@dataclass
class Site:
    agencies: dict
    users: dict
    own: Records  # 宗朗乡
    other: Records  # 乌夏巴什镇
    extra: dict = field(default_factory=dict)


def _agency(name, short, serial, level=Level.TOWNSHIP, kind=Kind.GOVERNMENT, parent=None):
    org = make_org_code(serial)
    return Agency.objects.create(name=name, short_name=short, level=level, kind=kind, parent=parent, org_code=org,
                                 uscc=make_uscc("11653126" + org))


def _users(agencies) -> dict:
    from django.contrib.auth import get_user_model

    users = {}
    for username, (key, roles) in PERSONAS.items():
        user = get_user_model().objects.create(username=username, full_name=username,
                                               is_superuser=username == "admin",
                                               is_staff=username in ("admin", "nomember"))
        for role in roles:
            Membership.objects.create(user=user, agency=agencies[key], role=role)
        users[username] = user
    return users


def _records(agency, clerk) -> Records:
    rec = Records(agency=agency)
    column = Column.objects.create(agency=agency, name="惠民政策", kind=ColumnKind.POLICY, art20_item=11)
    channel = Channel.objects.create(agency=agency, kind=ChannelKind.PORTAL, name="门户网站",
                                     url="https://example.gov.cn/")
    rec.column = column.pk
    item = catalog.create_item(agency=agency, author=clerk, data={
        "title": "2024年惠民补贴发放方案", "publisher": agency.name, "column_ids": [column.pk],
        "channel_ids": [channel.pk], "body": "<p>惠民补贴财政资金发放</p>"})
    attachment = catalog.add_attachment(item=item, version=catalog.latest_version(item), user=clerk,
                                        upload=SimpleUploadedFile("方案.pdf", b"%PDF-1.4 plan"))
    when = timezone.make_aware(datetime(2024, 3, 1, 10))
    rec.item = catalog.publish_directly(item=item, when=when).pk
    rec.item_attachment = attachment.pk
    draft = catalog.create_item(agency=agency, author=clerk, data={"title": "2025年项目计划（草稿）"})
    rec.draft = draft.pk
    rec.review = catalog.submit_for_review(item=draft, user=clerk).pk
    rec.feedback = catalog.receive_feedback(agency=agency, subject="咨询", message="补贴何时发放？").pk
    req = requests.register_request(agency=agency, actor=clerk, received_on=date(2025, 9, 1), fields=dict(PERSON))
    event = requests.request_supplement(req, actor=clerk, day=date(2025, 9, 2), items="身份证明",
                                        supplement_due=date(2025, 9, 20))
    rec.request, rec.document = req.pk, event.document_id
    rec.request_attachment = RequestAttachment.objects.create(
        request=req, file=SimpleUploadedFile("身份证.pdf", b"%PDF-1.4 id"), name="身份证.pdf", size=11).pk
    # a file row for the download URLs' access checks (the service attaches only to a granted reply: its own tests)
    rec.disclosed_file = DisclosedFile.objects.create(
        request=req, document_id=event.document_id, file=SimpleUploadedFile("补贴名单.pdf", b"%PDF-1.4 list"),
        name="补贴名单.pdf", size=13).pk
    appeal = record_appeal(agency=agency, kind=AppealKind.REVIEW, body="叶城县人民政府", filed_on=date(2025, 9, 22),
                           actor=clerk, request=req, copy_received_on=date(2025, 9, 26))
    rec.appeal = appeal.pk
    rec.appeal_document = add_appeal_document(appeal=appeal, actor=clerk,
                                              upload=SimpleUploadedFile("答复书.pdf", b"%PDF-1.4 answer")).pk
    start_report(agency=agency, year=rec.report_year, actor=clerk)
    rec.import_job = ImportJob.objects.create(user=clerk, filename="台账.xlsx", status=ImportJob.Status.DONE,
                                              result={"imported": 0, "agencies": {}}).pk
    return rec


def build_site() -> Site:
    county = _agency("叶城县人民政府", "叶城县", "01001001", level=Level.COUNTY)
    agencies = {
        "county": county,
        "zonglang": _agency("叶城县宗朗乡人民政府", "宗朗乡", "01002101", parent=county),
        "wuxia": _agency("叶城县乌夏巴什镇人民政府", "乌夏巴什镇", "01002102", parent=county),
    }
    users = _users(agencies)
    own = _records(agencies["zonglang"], users["zl_jingban"])
    other = _records(agencies["wuxia"], users["wx_jingban"])
    return Site(agencies=agencies, users=users, own=own, other=other)
