"""`gongkai report build|check …` — one command, one module per subcommand."""

from importlib import import_module

from gongkai.core.commands import GongkaiCommand

SUBCOMMANDS = {
    "build": ("gongkai.reports.cli_build", "生成本机关年度报告（json/html/docx/pdf）"),
    "check": ("gongkai.reports.cli_check", "检查已发布的年度报告并列出错误"),
}


class Command(GongkaiCommand):
    help = "政府信息公开工作年度报告：生成（build）与检查（check）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, parser_class=type(parser))
        for name, (module, help_text) in SUBCOMMANDS.items():
            sub_parser = sub.add_parser(name, help=help_text, called_from_command_line=True)
            import_module(module).add_arguments(sub_parser)

    def handle(self, *args, subcommand, **options):
        return import_module(SUBCOMMANDS[subcommand][0]).handle(self, **options)
