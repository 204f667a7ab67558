"""The holiday notices the demo's dates need, entered in the table as an administrator would."""

from .notices import seed_from_chinesecalendar

NOTICES = {
    2024: "国务院办公厅关于2024年部分节假日安排的通知（2023年10月25日）",
    2025: "国务院办公厅关于2025年部分节假日安排的通知（2024年11月12日）",
    2026: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
}


def load(ctx):
    for year, source in NOTICES.items():
        seed_from_chinesecalendar(year, source, actor="演示数据")
    ctx.lines.append("节假日安排：2024、2025、2026年（来自国务院办公厅通知）")
