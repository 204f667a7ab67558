"""`gongkai apitoken create --agency NAME --scope intake [--platform NAME] [--subtree] [--rate N]` prints the
token once; `gongkai apitoken list` and `gongkai apitoken revoke ID` manage them."""

from gongkai.agencies.lookup import find_agency
from gongkai.core.commands import GongkaiCommand
from gongkai.core.errors import DomainError

from ...models import ApiToken, Scope
from ...tokens import create_token, revoke_token

COMMAND_ACTOR = "命令行（gongkai apitoken）"


class Command(GongkaiCommand):
    help = "创建、列出、吊销开放接口令牌"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
        create = sub.add_parser("create", help="为机关创建令牌（令牌只显示这一次）", called_from_command_line=True)
        create.add_argument("--agency", required=True, help="机关全称、简称、统一社会信用代码或组织机构代码")
        create.add_argument("--scope", required=True, choices=Scope.values,
                            help="intake＝转办申请；read＝只读；supervise＝上级监督")
        create.add_argument("--platform", help="持有令牌的平台名称（默认同机关名称）")
        create.add_argument("--subtree", action="store_true", help="含全部下级机关（仅 supervise）")
        create.add_argument("--rate", type=int, default=120, help="每分钟调用上限（默认120）")
        sub.add_parser("list", help="列出令牌", called_from_command_line=True)
        revoke = sub.add_parser("revoke", help="吊销令牌", called_from_command_line=True)
        revoke.add_argument("id", type=int, help="令牌编号（见 list）")

    def handle(self, *args, **options):
        getattr(self, f"_{options['action']}")(**options)

    def _create(self, **options):
        agency = find_agency(options["agency"])
        made = create_token(agency=agency, platform=options.get("platform") or agency.name, scope=options["scope"],
                            include_subtree=options["subtree"], rate_per_minute=options["rate"],
                            actor=COMMAND_ACTOR)
        self.stderr.write(f"已为“{agency.name}”创建令牌 #{made.token.pk}（{made.token.get_scope_display()}）。"
                          "令牌只显示这一次，请妥善保存：")
        self.stdout.write(made.secret)

    def _list(self, **options):
        for t in ApiToken.objects.select_related("agency").order_by("id"):
            state = "已吊销" if t.revoked_at else "有效"
            self.stdout.write(f"#{t.pk}\t{t.prefix}…\t{t.scope}\t{state}\t{t.agency.name}\t{t.platform}")

    def _revoke(self, **options):
        token = ApiToken.objects.filter(pk=options["id"]).first()
        if token is None:
            raise DomainError(f"没有编号为 {options['id']} 的令牌")
        revoke_token(token, actor=COMMAND_ACTOR)
        self.stdout.write(f"已吊销令牌 #{token.pk}（{token.prefix}…）")
