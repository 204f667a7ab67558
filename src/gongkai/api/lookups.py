"""Agencies named in URLs and query parameters by their 统一社会信用代码 (or, lacking one, the platform's id)."""

from django.http import Http404

from gongkai.agencies.models import Agency
from gongkai.core.params import id_or_none

USCC_LENGTH = 18


def agency_by_code(code: str) -> Agency | None:
    code = (code or "").strip().upper()
    if len(code) == USCC_LENGTH:
        return Agency.objects.filter(uscc=code).first()
    if id_or_none(code) is not None:
        return Agency.objects.filter(pk=id_or_none(code)).first()
    return None


def agency_or_404(code: str) -> Agency:
    agency = agency_by_code(code)
    if agency is None:
        raise Http404(f"未找到代码为“{code}”的机关")
    return agency


def code_of(agency) -> str:
    return agency.uscc or str(agency.pk)
