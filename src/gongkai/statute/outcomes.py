"""The 21 outcomes of a disclosure request: each IS one row of the annual report's section 三.

Keys, labels and order follow 国办公开办函〔2021〕30号 (annual-report-schema.md). A closed request has
exactly one outcome (domain.md Part A §7).
"""

from dataclasses import dataclass
from enum import StrEnum


class Group(StrEnum):
    GRANTED = "granted"
    PARTIAL = "partial"
    DENIED = "denied"
    UNABLE = "unable"
    NOT_PROCESSED = "not_processed"
    OTHER = "other"


GROUP_LABELS = {
    Group.GRANTED: "（一）予以公开",
    Group.PARTIAL: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    Group.DENIED: "（三）不予公开",
    Group.UNABLE: "（四）无法提供",
    Group.NOT_PROCESSED: "（五）不予处理",
    Group.OTHER: "（六）其他处理",
}


@dataclass(frozen=True)
class Outcome:
    key: str
    group: Group
    number: int  # the sub-item number inside its group (0 for the single-row groups)
    label: str  # the template's words for the row, without the group label
    basis: str  # the legal article behind it, as a reply letter cites it

    @property
    def full_label(self) -> str:
        if self.number == 0:
            return GROUP_LABELS[self.group]
        return f"{GROUP_LABELS[self.group]} {self.number}. {self.label}"

    @property
    def short_label(self) -> str:
        return GROUP_LABELS[self.group][3:].split("（")[0] if self.number == 0 else self.label

    @property
    def is_refusal(self) -> bool:
        """行政复议法 Art. 23(四): a 不予公开 decision must be reviewed before any lawsuit."""
        return self.group is Group.DENIED


_REGS = "《中华人民共和国政府信息公开条例》"

OUTCOMES: tuple[Outcome, ...] = (
    Outcome("granted", Group.GRANTED, 0, "予以公开", f"{_REGS}第三十六条第（一）项、第（二）项"),
    Outcome("partial", Group.PARTIAL, 0, "部分公开", f"{_REGS}第三十七条"),
    Outcome("denied.state_secret", Group.DENIED, 1, "属于国家秘密", f"{_REGS}第十四条、第三十六条第（三）项"),
    Outcome(
        "denied.law_prohibited", Group.DENIED, 2, "其他法律行政法规禁止公开",
        f"{_REGS}第十四条、第三十六条第（三）项",
    ),
    Outcome(
        "denied.security_stability", Group.DENIED, 3, "危及“三安全一稳定”",
        f"{_REGS}第十四条、第三十六条第（三）项",
    ),
    Outcome(
        "denied.third_party", Group.DENIED, 4, "保护第三方合法权益",
        f"{_REGS}第十五条、第三十二条、第三十六条第（三）项",
    ),
    Outcome(
        "denied.internal_affairs", Group.DENIED, 5, "属于三类内部事务信息",
        f"{_REGS}第十六条第一款、第三十六条第（三）项",
    ),
    Outcome(
        "denied.process_info", Group.DENIED, 6, "属于四类过程性信息",
        f"{_REGS}第十六条第二款、第三十六条第（三）项",
    ),
    Outcome(
        "denied.enforcement_file", Group.DENIED, 7, "属于行政执法案卷",
        f"{_REGS}第十六条第二款、第三十六条第（三）项",
    ),
    Outcome("denied.inquiry", Group.DENIED, 8, "属于行政查询事项", f"{_REGS}第三十六条第（三）项"),
    Outcome(
        "unable.not_held", Group.UNABLE, 1, "本机关不掌握相关政府信息",
        f"{_REGS}第三十六条第（四）项、第（五）项",
    ),
    Outcome("unable.needs_creation", Group.UNABLE, 2, "没有现成信息需要另行制作", f"{_REGS}第三十八条"),
    Outcome("unable.unclear", Group.UNABLE, 3, "补正后申请内容仍不明确", f"{_REGS}第三十条"),
    Outcome("not_processed.petition", Group.NOT_PROCESSED, 1, "信访举报投诉类申请", f"{_REGS}第三十九条第一款"),
    Outcome("not_processed.duplicate", Group.NOT_PROCESSED, 2, "重复申请", f"{_REGS}第三十六条第（六）项"),
    Outcome(
        "not_processed.publication", Group.NOT_PROCESSED, 3, "要求提供公开出版物", f"{_REGS}第三十九条第二款",
    ),
    Outcome(
        "not_processed.excessive", Group.NOT_PROCESSED, 4, "无正当理由大量反复申请", f"{_REGS}第三十五条",
    ),
    Outcome(
        "not_processed.confirmation", Group.NOT_PROCESSED, 5, "要求行政机关确认或重新出具已获取信息",
        f"{_REGS}第三十八条",
    ),
    Outcome(
        "other.no_supplement", Group.OTHER, 1,
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", f"{_REGS}第三十条",
    ),
    Outcome(
        "other.fee_unpaid", Group.OTHER, 2,
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        f"{_REGS}第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    ),
    Outcome("other.other", Group.OTHER, 3, "其他", f"{_REGS}第三十六条第（七）项"),
)

OUTCOME_KEYS: tuple[str, ...] = tuple(o.key for o in OUTCOMES)
BY_KEY: dict[str, Outcome] = {o.key: o for o in OUTCOMES}


def outcome(key: str) -> Outcome:
    try:
        return BY_KEY[key]
    except KeyError:
        raise ValueError(f"未知的办理结果：{key}") from None


class ReplySituation(StrEnum):
    """The reply situations of 条例 Art. 36, item by item."""

    ALREADY_PUBLISHED = "already_published"  # (一)
    CAN_DISCLOSE = "can_disclose"  # (二)
    NOT_DISCLOSED = "not_disclosed"  # (三) — the ground picks the denied.* row
    NOT_EXISTING = "not_existing"  # (四)
    NOT_THIS_AGENCY = "not_this_agency"  # (五)
    REPEATED = "repeated"  # (六)
    SPECIAL_LAW = "special_law"  # (七) 工商、不动产登记资料 …


SITUATION_LABELS = {
    ReplySituation.ALREADY_PUBLISHED: "已经主动公开",
    ReplySituation.CAN_DISCLOSE: "可以公开",
    ReplySituation.NOT_DISCLOSED: "依法不予公开",
    ReplySituation.NOT_EXISTING: "经检索没有所申请公开信息",
    ReplySituation.NOT_THIS_AGENCY: "不属于本机关负责公开",
    ReplySituation.REPEATED: "重复申请",
    ReplySituation.SPECIAL_LAW: "法律、行政法规对信息获取有特别规定",
}

# Art. 36 situation → report row (domain.md Part A §7). Data, not code: a province that counts a
# situation elsewhere edits this table.
SITUATION_OUTCOMES: dict[ReplySituation, str | None] = {
    ReplySituation.ALREADY_PUBLISHED: "granted",
    ReplySituation.CAN_DISCLOSE: "granted",
    ReplySituation.NOT_DISCLOSED: None,  # one of the denied.* rows, by ground
    ReplySituation.NOT_EXISTING: "unable.not_held",
    ReplySituation.NOT_THIS_AGENCY: "unable.not_held",
    ReplySituation.REPEATED: "not_processed.duplicate",
    ReplySituation.SPECIAL_LAW: "other.other",
}


def outcome_for_situation(situation: ReplySituation, denial_key: str | None = None) -> Outcome:
    """条例 Art. 36: the report row a reply situation is counted in."""
    key = SITUATION_OUTCOMES[situation]
    if key is None:
        if denial_key is None or not denial_key.startswith("denied."):
            raise ValueError("不予公开须选择具体理由（国家秘密、第三方合法权益等）")
        key = denial_key
    return outcome(key)


class ApplicantType(StrEnum):
    """The report's applicant columns (申请人情况)."""

    NATURAL_PERSON = "natural_person"
    BUSINESS = "business"
    RESEARCH = "research"
    NONPROFIT = "nonprofit"
    LEGAL_SERVICE = "legal_service"
    OTHER_ORG = "other_org"


APPLICANT_LABELS = {
    ApplicantType.NATURAL_PERSON: "自然人",
    ApplicantType.BUSINESS: "商业企业",
    ApplicantType.RESEARCH: "科研机构",
    ApplicantType.NONPROFIT: "社会公益组织",
    ApplicantType.LEGAL_SERVICE: "法律服务机构",
    ApplicantType.OTHER_ORG: "其他",
}
APPLICANT_KEYS: tuple[str, ...] = tuple(t.value for t in ApplicantType)
