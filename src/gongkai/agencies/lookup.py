"""Finding an agency by what a person types: full name, short name, 统一社会信用代码 or 组织机构代码."""

from django.db.models import Q

from gongkai.core.errors import DomainError

from .models import Agency


def find_agency(text: str) -> Agency:
    text = text.strip()
    matches = list(Agency.objects.filter(
        Q(name=text) | Q(short_name=text) | Q(uscc=text.upper()) | Q(org_code=text.upper())
    )[:2])
    if not matches:
        raise DomainError(f"找不到机关“{text}”：请使用机关全称、简称、统一社会信用代码或组织机构代码", field="agency")
    if len(matches) > 1:
        raise DomainError(f"“{text}”对应多个机关，请使用全称或统一社会信用代码", field="agency")
    return matches[0]
