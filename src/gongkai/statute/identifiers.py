"""Check characters of Chinese identifiers: 统一社会信用代码, 组织机构代码, 居民身份证号码."""

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, S, V, Z
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def uscc_problem(code: str) -> str | None:
    """GB 32100-2015: why an 18-character 统一社会信用代码 is invalid, or None when it is valid."""
    code = code.strip().upper()
    if len(code) != 18:
        return f"统一社会信用代码应为18位，实际为{len(code)}位"
    bad = sorted({ch for ch in code if ch not in USCC_CHARSET})
    if bad:
        return f"统一社会信用代码含有不允许的字符：{''.join(bad)}（不使用I、O、S、V、Z）"
    total = sum(USCC_CHARSET.index(ch) * w for ch, w in zip(code[:17], USCC_WEIGHTS, strict=True))
    expected = USCC_CHARSET[(31 - total % 31) % 31]
    if code[17] != expected:
        return f"统一社会信用代码校验位错误：第18位应为{expected}，实际为{code[17]}"
    return None


def org_code_from_uscc(code: str) -> str:
    """GB 32100-2015: characters 9–17 of the 统一社会信用代码 are the 9-character 组织机构代码."""
    return code.strip().upper()[8:17]


def org_code_problem(code: str) -> str | None:
    """GB 11714-1997: why a 9-character 组织机构代码 is invalid, or None."""
    code = code.strip().upper().replace("-", "")
    if len(code) != 9 or not code[:8].isalnum() or not code.isascii():
        return "组织机构代码应为8位数字或大写字母加1位校验码"
    values = [int(ch, 36) for ch in code[:8]]
    remainder = 11 - sum(v * w for v, w in zip(values, ORG_WEIGHTS, strict=True)) % 11
    expected = {10: "X", 11: "0"}.get(remainder, str(remainder))
    if code[8] != expected:
        return f"组织机构代码校验位错误：第9位应为{expected}，实际为{code[8]}"
    return None


def id_card_problem(number: str) -> str | None:
    """GB 11643-1999: why an 18-digit 居民身份证号码 is invalid, or None."""
    number = number.strip().upper()
    well_formed = number.isascii() and number[:17].isdigit() and (number[17:].isdigit() or number[17:] == "X")
    if len(number) != 18 or not well_formed:
        return "居民身份证号码应为17位数字加1位数字或X"
    from datetime import date

    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "居民身份证号码中的出生日期不存在"
    expected = ID_CHECK[sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True)) % 11]
    if number[17] != expected:
        return f"居民身份证号码校验位错误：第18位应为{expected}，实际为{number[17]}"
    return None


def make_uscc(first17: str) -> str:
    """Append the check character to 17 characters (for demo data and tests)."""
    total = sum(USCC_CHARSET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return first17 + USCC_CHARSET[(31 - total % 31) % 31]


def make_org_code(first8: str) -> str:
    remainder = 11 - sum(int(ch, 36) * w for ch, w in zip(first8, ORG_WEIGHTS, strict=True)) % 11
    return first8 + {10: "X", 11: "0"}.get(remainder, str(remainder))
