"""The ledger the project exports is the ledger it imports: the demo's 2025 back into an empty agency."""

import io

from openpyxl import load_workbook

from gongkai.agencies.models import Agency
from gongkai.core.audit import verify_chain
from gongkai.core.demo import DemoContext
from gongkai.disclosure_requests import demo
from gongkai.disclosure_requests.ledger import export_xlsx
from gongkai.disclosure_requests.ledger_import import CommandLineActor, import_xlsx
from gongkai.disclosure_requests.models import Request, RequestEvent
from gongkai.reports.build import applications_table

COMPARED = ["state", "outcome", "channel", "submitted_on", "received_on", "due_on", "step_due_on", "closed_on",
            "is_open", "sort_due", "due_unknown_year", "applicant_type", "applicant_name", "id_type", "id_number",
            "org_name", "uscc", "phone", "email", "address", "description", "form_wanted", "delivery"]


def _load_demo():
    from gongkai.agencies import demo as agencies_demo
    from gongkai.workdays import demo as workdays_demo

    ctx = DemoContext()
    workdays_demo.load(ctx)
    agencies_demo.load(ctx)
    demo.load(ctx)
    return ctx


def test_the_demo_ledger_of_2025_imports_into_an_empty_agency_as_the_same_records(db):
    ctx = _load_demo()
    source = Request.objects.filter(agency__in=list(ctx.agencies.values()))
    content = export_xlsx(source, year=2025)
    rows = list(load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True))
    exported = {row[0] for row in rows[1:]}
    originals = sorted(Request.objects.filter(number__in=exported), key=lambda r: (r.received_on, r.id))
    outcomes = {r.outcome for r in originals}
    # every kind of row: the lapses (逾期不补正, 逾期不缴费), the online channel, open and closed requests
    assert {"other.no_supplement", "other.fee_unpaid"} <= outcomes and None in outcomes
    assert {"online", "in_person", "post_signed", "post_ordinary", "fax", "email"} <= {r.channel for r in originals}
    assert {"processing", "awaiting_supplement", "closed"} <= {r.state for r in originals}

    target = Agency.objects.create(name="叶城县台账导入测试乡人民政府", short_name="导入乡",
                                   parent=ctx.agencies["zonglang"].parent)
    result = import_xlsx(io.BytesIO(content), actor=CommandLineActor(), agency=target)

    assert result.count == len(originals) == 55
    imported = list(Request.objects.filter(agency=target).order_by("received_on", "id"))
    assert [[getattr(r, f) for f in COMPARED] for r in imported] == \
           [[getattr(r, f) for f in COMPARED] for r in originals]
    assert imported[0].number.startswith("导入乡")
    assert applications_table([target], 2025) == applications_table(list(ctx.agencies.values()), 2025)
    assert RequestEvent.objects.filter(request__agency=target, kind="supplement_lapsed").exists()
    assert RequestEvent.objects.filter(request__agency=target, kind="fee_lapsed").exists()
    assert verify_chain() == []
