"""An agency's own short names, so that the checker does not take them for another agency.

Reports call their agency 市科委 (上海市科学技术委员会), 县政府办 (叶城县人民政府办公室), 区住建局
(…区住房和城乡建设局), 我局, 本机关. `short_names` generates the usual forms from the full name: the place
prefixes dropped or kept as their last character (市/县/区), 人民 dropped, the name's words cut to their first
characters (科学技术 → 科技 → 科), the parts joined by 和 to one character each (发展和改革 → 发改), 管理/工作/
事务 left out, 委员会 → 委, 办公室 → 办.
"""

from __future__ import annotations

import re
from functools import lru_cache

PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|州|地区|盟|县|区|旗"
                   r"|乡|镇|街道)(?![县区省盟旗]|市(?!场))")  # 杭州市, not 杭州 + 市…
NOT_PLACES = re.compile(r"城市|社区|园区|小区|景区|城区管理|市场|城乡|城镇|和|与|及")
SUFFIXES = (
    ("人民政府办公室", ("政府办公室", "政府办", "府办", "办公室", "办")),
    ("人民政府办公厅", ("政府办公厅", "办公厅", "厅")),
    ("街道办事处", ("街道办事处", "街道办", "街道")),
    ("人民政府", ("人民政府", "政府")),
    ("管理委员会", ("管理委员会", "管委会", "委员会", "委")),
    ("委员会", ("委员会", "委")),
    ("办公室", ("办公室", "办")),
    ("管理局", ("管理局", "局")),
    ("服务中心", ("服务中心", "中心")),
    ("事务局", ("事务局", "局")),
    ("办事处", ("办事处", "办")),
    ("局", ("局",)),
    ("厅", ("厅",)),
    ("署", ("署",)),
    ("院", ("院",)),
    ("中心", ("中心",)),
    ("所", ("所",)),
    ("站", ("站",)),
    ("委", ("委",)),
    ("办", ("办",)),
)
FILLER = re.compile(r"管理|工作|事务|行政")


def split_places(full: str) -> tuple[list[str], str]:
    """叶城县宗朗乡人民政府 → (["叶城县", "宗朗乡"], "人民政府"); 上海市科学技术委员会 → (["上海市"], "科学技术委员会").

    (The comment of PLACE: 杭州市 is one place, not 杭州 + 市….)
    """
    places, rest = [], full
    while True:
        match = PLACE.match(rest)
        if not match or len(rest) - match.end() < 1 or NOT_PLACES.search(match.group(0)):
            break
        body = rest[match.end():]
        if not re.search(r"(?:政府|办事处|委员会|委|局|办公室|办公厅|厅|办|中心|院|署|所|站|会|队)$", body):
            break
        places.append(match.group(0))
        rest = body
    return places, rest


def _suffix(body: str) -> tuple[str, tuple[str, ...]]:
    for full, shorts in SUFFIXES:
        if body.endswith(full):
            return full, shorts
    return "", ("",)


def _chunks(word: str) -> list[str]:
    return [word[i : i + 2] for i in range(0, len(word), 2)] if word else []


def _stems(stem: str) -> set[str]:
    """The name's words shortened as people do.

    科学技术 → 科学技术/科技/科, 发展和改革 → 发改, 市场监督管理 → 市场监管/市监.
    """
    if not stem:
        return {""}
    forms = {stem, FILLER.sub("", stem), stem.replace("和", "").replace("与", "")}
    parts = [p for p in re.split(r"和|与|及", FILLER.sub("", stem)) if p]
    firsts = "".join(p[0] for p in parts)
    forms |= {firsts, "".join(_chunks(p)[-1][0] for p in parts), parts[0]}
    if len(parts) > 1:
        forms.add(parts[0][0] + "".join(_chunks(p)[-1][0] for p in parts[1:]))
    for part_stem in (stem, FILLER.sub("", stem)):
        words = _chunks(part_stem.replace("和", "").replace("与", ""))
        if len(words) > 1:
            forms.add("".join(w[0] for w in words))  # 科学技术 → 科技, 卫生健康 → 卫健
            forms.add(words[0] + "".join(w[0] for w in words[1:]))  # 市场监督管理 → 市场监管
            forms.add(words[0])  # 交通运输 → 交通, 农业农村 → 农业
            forms.add(words[0] + words[1][0] if len(words[1]) > 1 else words[0] + words[1])
        forms.add(part_stem[0])  # 科学技术委员会 → 科委
    return {f for f in forms if f}


@lru_cache(maxsize=512)
def short_names(full: str) -> frozenset[str]:
    """Every name the agency may call itself by in its own report (the full name included)."""
    full = re.sub(r"\s+", "", full or "")
    if not full:
        return frozenset()
    places, body = split_places(full)
    suffix, shorts = _suffix(body)
    stem = body[: len(body) - len(suffix)] if suffix else body
    bodies = set()
    if stem in ("", "人民"):  # the government itself: 叶城县人民政府 → 叶城县政府, 县政府, 叶城县
        bodies = {s for s in shorts if s}
    else:
        pairs = [(stem, shorts)]
        if suffix.startswith("管理"):  # 市场监督 + 管理局 is also 市场监督管理 + 局 → 市场监管局; 城市管理局 → 城管局
            pairs.append((stem + "管理", tuple(s for s in shorts if not s.startswith("管理"))))
        for whole, endings in pairs:
            for short_stem in _stems(whole.removeprefix("人民政府").removeprefix("政府")):
                for short in endings:
                    bodies.add(short_stem + short)
        if stem.startswith(("人民政府", "政府")):  # 县人民政府办公室 → 县政府办, 县府办
            bodies |= {s for s in shorts if s}
    names = {full, body}
    prefixes = {""}
    if places:
        last = places[-1]
        core = re.sub(r"(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|州|地区|盟|县|区|旗|乡|镇|街道)$", "", last)
        kind = last[len(core):]
        kind = kind if kind == "街道" else kind[-1:]
        prefixes |= {last, core, kind, "".join(places), "".join(places[:-1]) + core}
        if len(places) > 1:
            prefixes.add(places[-2] + last)
        if stem in ("", "人民"):
            names |= {last, "".join(places), core + kind, f"本{kind}", f"我{kind}"}
    for prefix in prefixes:
        for short in bodies:
            names.add(prefix + short)
            names.add((prefix + short).replace("人民", ""))
    if suffix not in ("人民政府", "街道办事处") and shorts[-1]:
        names |= {f"我{shorts[-1]}", f"本{shorts[-1]}"}  # 我委, 本局, 我办
    names |= {"本机关", "本单位", "我单位", "我机关"}
    return frozenset(n for n in names if len(n) >= 2)


def is_own_name(name: str, full: str | None) -> bool:
    """`name` is the agency `full` by one of its usual short names (市科委 for 上海市科学技术委员会)."""
    if not full or not name:
        return False
    name = re.sub(r"\s+", "", name).removeprefix("中共")
    return name in short_names(full) or name.replace("人民", "") in short_names(full)
