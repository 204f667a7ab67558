"""Documented examples. tests/api/test_schema.py calls every endpoint and checks that each response example has
the shape (the same keys, nested alike) of what the endpoint really returns, and fits the documented schema."""

from drf_spectacular.utils import OpenApiExample

BASE = "http://127.0.0.1:8123"
NUMBER = "宗朗乡依申〔2026〕第1号"
NUMBER_PATH = "%E5%AE%97%E6%9C%97%E4%B9%A1%E4%BE%9D%E7%94%B3%E3%80%942026%E3%80%95%E7%AC%AC1%E5%8F%B7"

INTAKE_REQUEST = OpenApiExample(
    "转办一件自然人的申请", request_only=True, value={
        "channel": "forwarded_12345", "reference": "12345-20261130-0042", "submitted_on": "2026-11-29",
        "forwarded_at": "2026-11-30T09:30:00+08:00", "applicant_type": "natural_person", "applicant_name": "张三",
        "id_type": "resident_id", "id_number": "11010519491231002X", "phone": "13800000000",
        "email": "zhangsan@example.com", "description": "2026年宗朗乡惠民补贴资金发放名单",
        "form_wanted": "email", "delivery": "email"})

_INTAKE_RESULT = {
    "number": NUMBER, "received_on": "2026-11-30", "due_on": "2026-12-28", "due_warning": "",
    "status_url": f"{BASE}/api/v1/requests/{NUMBER_PATH}/"}
INTAKE_CREATED = OpenApiExample(
    "首次受理", response_only=True, status_codes=["201"],
    value={"created": True, **_INTAKE_RESULT, "query_code": "7KQ2MX9HRT"})
INTAKE_REPEATED = OpenApiExample(
    "同一工单号重复提交", response_only=True, status_codes=["200"],
    value={"created": False, **_INTAKE_RESULT, "query_code": None})
INTAKE_INVALID = OpenApiExample(
    "字段有误", response_only=True, status_codes=["400"], value={
        "detail": "提交的内容有误，请按 errors 中各字段的说明修改",
        "errors": {"id_number": ["居民身份证号码校验位错误：第18位应为X，实际为1"],
                   "phone": ["联系电话、电子邮箱、通信地址至少填写一项"]}})

_STATUS = {
    "number": NUMBER, "agency": "叶城县宗朗乡人民政府", "agency_code": "11653126MB0000000X",
    "channel": "forwarded_12345", "channel_label": "12345转办", "reference": "12345-20261130-0042",
    "state": "processing", "state_label": "办理中", "submitted_on": "2026-11-29", "received_on": "2026-11-30",
    "due_on": "2026-12-28", "due_warning": "", "step_due_on": None, "closed_on": None, "outcome": None,
    "outcome_label": "", "supplement": None, "documents": [],
}
STATUS = OpenApiExample("办理中", response_only=True, status_codes=["200"], value=_STATUS)

SUPPLEMENT_REQUEST = OpenApiExample(
    "补正内容", request_only=True, value={"text": "所需信息为2026年第三季度的发放名单，不含身份证号码。"})
STATUS_AFTER_SUPPLEMENT = OpenApiExample(
    "补正后恢复办理", response_only=True, status_codes=["200"], value={
        **_STATUS, "due_on": "2027-01-05", "supplement": {
            "items": "请说明所需信息的时间范围", "supplement_due": "2026-12-15", "requested_on": "2026-12-01"},
        "documents": [{
            "id": 7, "kind": "supplement_notice", "kind_label": "补正通知书", "number": "宗朗乡依申补〔2026〕1号",
            "title": "补正通知书", "issued_on": "2026-12-01", "replaces": None,
            "url": f"{BASE}/api/v1/requests/{NUMBER_PATH}/documents/7/"}]})
SUPPLEMENT_REFUSED = OpenApiExample(
    "当前不需要补正", response_only=True, status_codes=["400"],
    value={"detail": "申请当前状态为“办理中”，不能“收到补正材料”"})

ITEM = {
    "id": 12, "index_number": "MB0000000/2026-00012", "title": "宗朗乡2026年惠民补贴资金发放情况公示",
    "agency": "叶城县宗朗乡人民政府", "agency_code": "11653126MB0000000X", "publisher": "宗朗乡人民政府",
    "doc_number": "", "written_on": "2026-03-02", "published_at": "2026-03-03T10:00:00+08:00",
    "updated_at": "2026-03-03T10:00:00+08:00", "topic": "civil", "topic_label": "民政、扶贫、救灾",
    "genre": "public_notice", "genre_label": "通告", "art20_item": 11,
    "columns": [{"id": 5, "name": "惠民政策"}],
    "url": f"{BASE}/api/v1/items/12/", "html_url": f"{BASE}/xxgk/item/12/",
}
ITEM_PAGE = OpenApiExample("第一页", response_only=True, status_codes=["200"], value={
    "next": f"{BASE}/api/v1/items/?cursor=cD0yMDI2LTAzLTAzKzAyJTNBMDAlM0EwMCUyQjAwJTNBMDA%3D", "previous": None,
    "results": [ITEM]})
ITEMS_BAD_FILTER = OpenApiExample("筛选条件有误", response_only=True, status_codes=["400"], value={
    "detail": "提交的内容有误，请按 errors 中各字段的说明修改", "errors": {"art20": ["art20 应为1至15的整数"]}})
ITEM_DETAIL = OpenApiExample("信息详情", response_only=True, status_codes=["200"], value={
    **ITEM, "summary": "公示2026年惠民补贴资金发放对象和金额", "body": "<p>根据……现将发放情况公示如下。</p>",
    "doc_kind": "", "validity": "valid", "invalid_on": None,
    "attachments": [{"id": 3, "name": "发放名单.pdf", "size": 48213, "url": f"{BASE}/xxgk/item/12/attachments/3/"}],
    "interprets": [], "interpretations": []})

_TABLE3_ROW = {"natural_person": 0, "business": 0, "research": 0, "nonprofit": 0, "legal_service": 0,
               "other_org": 0, "total": 0}
REPORT_VALUE = None  # filled below from a real report object, so that the example always fits the schema


def _report_value() -> dict:
    from gongkai.statute.report import Report

    data = Report(agency="叶城县宗朗乡人民政府", year=2025).to_json()
    data["published_on"] = "2026-01-22"
    data["sections"] = {"overview": "2025年，宗朗乡人民政府……", "problems": "……", "other": "2025年度未收取信息处理费。"}
    return data


REPORT_VALUE = _report_value()
REPORT = OpenApiExample("年度报告", response_only=True, status_codes=["200"], value=REPORT_VALUE)
ROLLUP = OpenApiExample("县政务公开办查看全县", response_only=True, status_codes=["200"], value={
    "agency": "叶城县人民政府", "agency_code": "11653126MB0000000X", "year": 2025, "agencies": 2,
    "rollup": {**REPORT_VALUE, "agency": None, "published_on": None,
               "sections": {"overview": "", "problems": "", "other": ""}},
    "statuses": [
        {"agency": "叶城县人民政府", "agency_code": "11653126MB0000000X", "status": "late", "status_label": "已逾期",
         "deadline": "2026-03-31", "days_left": -244, "published_on": None, "findings": []},
        {"agency": "叶城县宗朗乡人民政府", "agency_code": "11653126MB0000001X", "status": "published",
         "status_label": "已发布", "deadline": "2026-01-31", "days_left": -303, "published_on": "2026-01-22",
         "findings": []}]})
CHECK_RESULT = OpenApiExample("检查结果", response_only=True, status_codes=["200"], value={
    **REPORT_VALUE, "findings": [{"code": "balance", "severity": "error",
                                  "message": "表三：年初结转＋本年新收≠办理结果总计＋结转下年度继续办理（自然人）",
                                  "where": "表三 自然人"}]})
CHECK_TOO_LARGE = OpenApiExample("文件过大", response_only=True, status_codes=["413"], value={
    "detail": "文件超过20MB，未检查", "errors": {"file": ["文件超过20MB，未检查"]}})
