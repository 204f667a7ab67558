"""`gongkai fees quote --by-item N | --by-page P` (国办函〔2020〕109号)."""

from django.core.management.base import CommandError

from gongkai.core.commands import GongkaiCommand, parse_count
from gongkai.statute.fees import quote_by_item, quote_by_page


class Command(GongkaiCommand):
    help = "信息处理费：quote --by-item N（同一申请人当月第1至N件）或 --by-page P（一件申请P页）"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["quote"], help="quote：计算收费金额")
        method = parser.add_mutually_exclusive_group()
        method.add_argument("--by-item", metavar="N", help="按件计收：同一申请人一个自然月内的申请件数")
        method.add_argument("--by-page", metavar="P", help="按量计收：一件申请提供信息的页数")

    def handle(self, *args, by_item=None, by_page=None, **options):
        if by_item is None and by_page is None:
            raise CommandError("请选择计费方式：--by-item 件数 或 --by-page 页数（同一申请只能选一种）")
        if by_item is not None:
            quote = quote_by_item(parse_count(by_item, "件数"))
        else:
            quote = quote_by_page(parse_count(by_page, "页数"))
        self.stdout.write(str(quote.total_yuan))
        for line in quote.explain():
            self.stdout.write(f"  {line}")
