"""Demo requests: a realistic 2025 for the demo agencies, every move made through the services.

宗朗乡 had no requests at all in 2024 (its published report says so), so the 2024 → 2025 carry-overs
are only in the county government and the finance bureau.
"""

import random
from datetime import date, timedelta

from gongkai.core.errors import DomainError
from gongkai.statute.clock import add_workdays
from gongkai.statute.identifiers import ID_CHECK, ID_WEIGHTS, make_org_code, make_uscc
from gongkai.workdays.calendar import get_calendar

from . import services
from .models import Request

PEOPLE = ["阿卜杜热合曼·买买提", "古丽巴哈尔·艾力", "王秀兰", "李建军", "热依拉·吐尔逊", "张伟", "艾克拜尔·玉素甫",
          "刘芳", "努尔艾力·阿不都", "陈静", "赵磊", "帕提古丽·阿吾提"]
ORGS = {
    "business": ["叶城县昆仑核桃农民专业合作社", "喀什丝路物流有限公司", "叶城县绿洲建材有限责任公司"],
    "research": ["新疆农业大学草业研究所"],
    "nonprofit": ["叶城县乡村振兴公益服务中心"],
    "legal_service": ["新疆天山律师事务所喀什分所", "叶城县法律援助中心"],
    "other_org": ["叶城县宗朗乡某村股份经济合作社"],
}
SUBJECTS = [
    "{y}年草原生态保护补助奖励资金发放名单", "{y}年农村最低生活保障对象名单及标准",
    "{y}年高标准农田建设项目招标及验收资料",
    "本乡{y}年财政预算执行情况", "{y}年村道硬化工程合同及付款凭证", "本人{y}年耕地地力保护补贴发放明细",
    "{y}年农村危房改造补助对象评定材料", "某村集体土地征收补偿安置方案", "{y}年安居富民工程补助资金使用情况",
    "乡政府{y}年公务用车购置及运行费用", "{y}年核桃产业扶持资金分配方案", "{y}年自来水入户工程验收报告",
]
CHANNELS = ["in_person", "in_person", "in_person", "post_signed", "post_ordinary", "fax", "email"]
# (scenario, outcome) pairs; each agency walks a slice of this list.
SCENARIOS = [
    ("reply", "granted"), ("reply", "granted"), ("online", "granted"), ("partial", "partial"),
    ("reply", "denied.third_party"), ("reply", "denied.process_info"), ("reply", "denied.internal_affairs"),
    ("supplement", "unable.unclear"), ("reply", "unable.not_held"), ("reply", "unable.needs_creation"),
    ("reply", "not_processed.petition"), ("reply", "not_processed.duplicate"), ("reply", "not_processed.publication"),
    ("no_supplement", None), ("fee", "granted"), ("fee_unpaid", None), ("withdrawn", None), ("transfer", None),
    ("reply", "denied.enforcement_file"), ("reply", "other.other"), ("open", None), ("awaiting_supplement", None),
    ("reply", "not_processed.confirmation"), ("reply", "denied.security_stability"),
]
COUNTS = {"zonglang": 18, "county": 14, "wuxia": 9, "finance": 11}
REASONS = {
    "denied": "该信息涉及第三方商业秘密，经书面征求意见，第三方不同意公开。",
    "unable": "经检索，本机关未制作或获取该信息。",
    "not_processed": "申请内容不属于政府信息公开申请的处理范围。",
    "other": "该信息属于法律、行政法规对获取有特别规定的登记资料，请按相关规定办理。",
}


def _id_number(rng) -> str:
    born = date(1960, 1, 1) + timedelta(days=rng.randrange(15000))
    body = f"653126{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ID_CHECK[sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def _applicant(rng, n: int) -> dict:
    kinds = ["natural_person"] * 6 + list(ORGS)
    kind = kinds[n % len(kinds)]
    fields = {"applicant_type": kind, "applicant_name": rng.choice(PEOPLE), "phone": f"1399{rng.randrange(10**7):07d}",
              "form_wanted": rng.choice(["paper", "email", "paper", "inspection"]),
              "delivery": rng.choice(["post", "email", "pickup"]), "address": "新疆喀什地区叶城县"}
    if kind == "natural_person":
        fields.update(id_type="resident_id", id_number=_id_number(rng))
    else:
        fields.update(org_name=rng.choice(ORGS[kind]),
                      uscc=make_uscc("91653126" + make_org_code(f"{rng.randrange(10**8):08d}")))
    return fields


class _Walk:
    """One request's story, each step a service call on a working day after the last."""

    def __init__(self, ctx, agency_key, rng, cal):
        self.ctx, self.rng, self.cal = ctx, rng, cal
        self.agency = ctx.agencies[agency_key]
        self.clerk = ctx.users["zl_jingban" if agency_key == "zonglang" else
                               "wx_jingban" if agency_key == "wuxia" else "admin"]
        self.head = ctx.users.get("zl_fuzeren") if agency_key == "zonglang" else None

    def later(self, day, n):
        return add_workdays(day, n, self.cal)

    def start(self, received: date, n: int, scenario: str) -> tuple[Request, date]:
        fields = {**_applicant(self.rng, n), "description": self.rng.choice(SUBJECTS).format(y=received.year - 1)}
        if scenario == "online":
            request = services.submit_online(agency=self.agency, fields=fields, day=received - timedelta(days=1))
            services.confirm_online_request(request, actor=self.clerk, day=received)
            return request, received
        fields["channel"] = CHANNELS[n % len(CHANNELS)]
        request = services.register_request(agency=self.agency, actor=self.clerk, received_on=received, fields=fields)
        services.record_event(request, kind="assigned", actor=self.clerk, day=received,
                              data={"assignee": self.clerk.pk})
        return request, received

    def reply(self, request, day, outcome):
        group = outcome.split(".")[0]
        if outcome == "partial":
            services.issue_reply(request, actor=self.clerk, day=day, outcome=outcome, withheld="身份证号码、银行账号",
                                 reason="涉及个人隐私，依照条例第十五条、第三十七条作区分处理", how="随告知书邮寄")
        else:
            services.issue_reply(request, actor=self.clerk, day=day, outcome=outcome, reason=REASONS.get(group, ""),
                                 how="随告知书提供" if group == "granted" else "")
        services.record_delivery(request, actor=self.clerk, day=day, method=request.delivery)

    def run(self, received, n, scenario, outcome):
        request, day = self.start(received, n, scenario)
        if scenario in ("reply", "online"):
            self.reply(request, self.later(day, self.rng.randint(5, 18)), outcome)
        elif scenario == "partial":
            opened = self.later(day, 3)
            services.open_consultation(request, actor=self.clerk, day=opened, party_kind="third_party",
                                       party_name="叶城县昆仑核桃农民专业合作社")
            services.record_consultation_answer(request, actor=self.clerk, day=self.later(opened, 8), consent=False,
                                                reason="不同意公开社员个人信息")
            if self.head:
                services.extend_deadline(request, actor=self.head, day=self.later(opened, 10), days=10,
                                         reason="需逐村核对发放记录")
            self.reply(request, self.later(opened, 20), outcome)
        elif scenario == "supplement":
            services.request_supplement(request, actor=self.clerk, day=self.later(day, 3), items="请写明文件名称或文号",
                                        supplement_due=self.later(day, 13))
            services.receive_supplement(request, actor=self.clerk, day=self.later(day, 8), text="仍未能写明")
            self.reply(request, self.later(day, 20), outcome)
        elif scenario in ("no_supplement", "awaiting_supplement"):
            services.request_supplement(request, actor=self.clerk, day=self.later(day, 2), items="请写明年度和村名",
                                        supplement_due=self.later(day, 12))
            if scenario == "no_supplement":
                services.record_event(request, kind="supplement_lapsed", actor=services.SYSTEM_ACTOR,
                                      day=self.later(day, 13))
        elif scenario in ("fee", "fee_unpaid"):
            services.notify_fee(request, actor=self.clerk, day=self.later(day, 5), method="by_page",
                                quantity=self.rng.choice([45, 120, 260]))
            if scenario == "fee":
                services.record_fee_paid(request, actor=self.clerk, day=self.later(day, 12))
                self.reply(request, self.later(day, 25), outcome)
            else:
                services.record_event(request, kind="fee_lapsed", actor=services.SYSTEM_ACTOR, day=self.later(day, 26))
        elif scenario == "withdrawn":
            services.withdraw_request(request, actor=services.Applicant(request.applicant_name),
                                      day=self.later(day, 4), reason="已通过其他途径获取")
        elif scenario == "transfer":
            services.transfer_request(request, actor=self.clerk, day=self.later(day, 6),
                                      competent_agency="叶城县自然资源局", contact="0998-7280000",
                                      reason="该信息由县自然资源局制作并保存")
        return request


def _received_days(year, count, rng, cal):
    days = []
    for i in range(count):
        day = date(year, 1, 6) + timedelta(days=int(i * 352 / count) + rng.randrange(5))
        while not cal.is_workday(day):
            day += timedelta(days=1)
        days.append(day)
    return days


def load(ctx):
    rng, cal = random.Random(2025), get_calendar()
    total = 0
    for key, count in COUNTS.items():
        walk = _Walk(ctx, key, rng, cal)
        offset = list(COUNTS).index(key) * 5
        for n, received in enumerate(_received_days(2025, count, rng, cal)):
            scenario, outcome = SCENARIOS[(n + offset) % len(SCENARIOS)]
            if received.month == 12 and scenario not in ("open", "awaiting_supplement"):
                scenario, outcome = "open", None  # received in December 2025: still open, carried into 2026
            walk.run(received, n, scenario, outcome)
            total += 1
    carried = _carry_over_from_2024(ctx, rng, cal)
    recent = _recent(ctx, rng, cal)
    ctx.lines.append(f"依申请公开：2025年申请 {total} 件（各种办理结果、渠道、申请人类型），"
                     f"2024年结转至2025年 {carried} 件（县政府、县财政局；宗朗乡2024年无申请），近期待办 {recent} 件")


def _carry_over_from_2024(ctx, rng, cal) -> int:
    n = 0
    for key, received, outcome in (("county", date(2024, 12, 16), "granted"), ("county", date(2024, 12, 23), "partial"),
                                   ("finance", date(2024, 12, 25), "unable.not_held")):
        walk = _Walk(ctx, key, rng, cal)
        request, _ = walk.start(received, n, "reply")
        walk.reply(request, add_workdays(received, 14, cal), outcome)
        n += 1
    return n


def _recent(ctx, rng, cal) -> int:
    """Two open requests of the last working days, so the workbench shows what is due soon."""
    from django.utils import timezone

    walk, made = _Walk(ctx, "zonglang", rng, cal), 0
    day = timezone.localdate()
    for back in (17, 4):
        try:
            received = day
            for _ in range(back):
                received -= timedelta(days=1)
                while not cal.is_workday(received):
                    received -= timedelta(days=1)
            walk.start(received, back, "reply")
            made += 1
        except DomainError:
            continue  # a calendar year not yet entered: the demo leaves the recent ones out
    return made
