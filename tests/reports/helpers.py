"""Test helpers of the reports and appeals tests (tests/factories.AgencyFactory fails on factory_boy 3.3:
its org_code lazy attribute assigns to the resolver)."""

import itertools

from gongkai.agencies.models import Agency, Kind, Level
from gongkai.statute.identifiers import make_org_code, make_uscc

_serials = itertools.count(70000001)


def make_agency(name=None, *, parent=None, level=Level.TOWNSHIP, kind=Kind.GOVERNMENT, short_name=None):
    n = next(_serials)
    org = make_org_code(f"{n:08d}")
    return Agency.objects.create(
        name=name or f"测试县第{n}乡人民政府", short_name=short_name or f"第{n}乡", level=level, kind=kind,
        parent=parent, org_code=org, uscc=make_uscc("11653126" + org),
    )


_numbers = itertools.count(1)


def request_row(agency, *, applicant_type="natural_person", received_on=None, closed_on=None, outcome=None):
    """An unsaved disclosure_requests.Request with the fields the report reads (for bulk_create)."""
    from datetime import date

    from gongkai.disclosure_requests.models import Request, State

    n = next(_numbers)
    closed = closed_on is not None
    return Request(
        agency=agency, number=f"测试依申〔{n}〕", channel="in_person", applicant_type=applicant_type,
        applicant_name=f"申请人{n}", applicant_key=f"key{n}", description="测试", form_wanted="paper",
        delivery="post", submitted_on=received_on or date(2025, 1, 2), received_on=received_on,
        state=State.CLOSED if closed else State.PROCESSING, closed_on=closed_on,
        outcome=(outcome or "other.other") if closed else None,
    )


def make_requests(rows):
    from gongkai.disclosure_requests.models import Request

    return Request.objects.bulk_create(rows)
