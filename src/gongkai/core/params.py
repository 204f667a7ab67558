"""Reading numbers out of query strings in one place: a value out of range is a Chinese 400 naming the field,
never a 500 from a date that cannot exist (year 99999) or an id too large for the database."""

from django.http import Http404

from .errors import DomainError

# 《政府信息公开条例》 took effect on 2008-05-01; nothing on the platform is dated earlier or far ahead.
YEAR_MIN, YEAR_MAX = 2008, 2100
# Larger than any id the platform will hand out, and within every backend's integer range.
ID_MAX = 2**53


def id_or_none(raw) -> int | None:
    """A row id from user input, or None: only ASCII digits (“²” passes str.isdigit but not int()) and within
    ID_MAX (a longer number overflows the database's integer)."""
    text = _clean(raw)
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 16 and int(text) <= ID_MAX else None


def _clean(raw) -> str:
    return str(raw if raw is not None else "").strip()


def year_param(query, name: str = "year", *, default: int | None = None, label: str = "年份") -> int | None:
    """`query[name]` as a year between YEAR_MIN and YEAR_MAX; empty gives `default`."""
    raw = _clean(query.get(name))
    if raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()) or not YEAR_MIN <= int(raw) <= YEAR_MAX:
        raise DomainError(f"{label}：“{raw[:20]}”不是有效的年份，应为{YEAR_MIN}至{YEAR_MAX}之间的四位数字", field=name)
    return int(raw)


def int_param(query, name: str, *, label: str, default: int | None = None) -> int | None:
    """`query[name]` as a positive whole number (an id, a page); empty gives `default`."""
    raw = _clean(query.get(name))
    if raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= ID_MAX:
        raise DomainError(f"{label}：“{raw[:20]}”应为正整数", field=name)
    return int(raw)


def check_year(year: int, *, label: str = "年度") -> int:
    """A year taken from the URL path: out of range is a 404, as for any address that names nothing."""
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise Http404(f"{label}“{year}”超出范围（{YEAR_MIN}至{YEAR_MAX}年），没有该年度的记录")
    return year
