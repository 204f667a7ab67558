"""The 宗朗乡 catalogue as its 2024 annual report describes it, plus 2025 items and live 三审 work."""

from datetime import date, datetime, time
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from gongkai.agencies.models import Agency

from . import services
from .models import Channel, ChannelKind, Column, ColumnKind, Genre, Topic
from .review import Action

COLUMNS = [  # name, kind, Art. 20 item
    ("乡镇动态", ColumnKind.DYNAMIC, None), ("通知公告", ColumnKind.NOTICE, None),
    ("政策文件", ColumnKind.POLICY, 1), ("政策解读", ColumnKind.POLICY, 1),
    ("惠民政策", ColumnKind.POLICY, 11), ("衔接资金项目", ColumnKind.NOTICE, 11),
    ("财政预决算", ColumnKind.FIXED, 7), ("招标采购", ColumnKind.NOTICE, 9),
    ("应急管理", ColumnKind.DYNAMIC, 12), ("人事信息", ColumnKind.FIXED, 14),
    ("政府信息公开制度", ColumnKind.SYSTEM, None), ("政府信息公开工作年度报告", ColumnKind.ANNUAL_REPORT, None),
]

PROJECTS = ["庭院经济发展", "高标准农田建设", "农村饮水安全巩固提升", "村组道路硬化", "特色种植产业配套设施",
            "就业帮扶车间", "脱贫人口小额信贷贴息", "雨露计划职业教育补助", "农村人居环境整治"]


def _at(day: date, hour: int = 11) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


class _Loader:
    def __init__(self, ctx, agency):
        self.ctx, self.agency = ctx, agency
        self.clerk = ctx.users["zl_jingban"]
        self.columns = {
            name: Column.objects.create(agency=agency, name=name, kind=kind, art20_item=art, position=n)
            for n, (name, kind, art) in enumerate(COLUMNS)
        }
        self.channels = {
            "portal": Channel.objects.create(agency=agency, kind=ChannelKind.PORTAL, name="叶城县政府门户网站",
                                             url="https://yecheng.example.gov.cn/"),
            "trading": Channel.objects.create(agency=agency, kind=ChannelKind.TRADING, name="喀什地区公共资源交易中心",
                                              url="https://ggzy.kashi.example.gov.cn/"),
            "procurement": Channel.objects.create(agency=agency, kind=ChannelKind.PROCUREMENT, name="新疆政府采购网",
                                                  url="https://www.ccgp-xinjiang.gov.cn/"),
            "wechat": Channel.objects.create(agency=agency, kind=ChannelKind.NEW_MEDIA, name="宗朗乡微信公众号"),
            "yard": Channel.objects.create(agency=agency, kind=ChannelKind.BOARD, name="三务公开栏",
                                           location="乡政府大院"),
            "village": Channel.objects.create(agency=agency, kind=ChannelKind.BOARD, name="三务公开栏",
                                              location="各村村委会"),
        }
        self.count = 0

    def item(self, title, published: date, *, columns, channels=("portal",), written: date | None = None,
             attachment: list[str] | None = None, **data):
        data.setdefault("publisher", self.agency.name)
        item = services.create_item(agency=self.agency, author=self.clerk, data={
            "title": title, "written_on": written, **data,
            "column_ids": [self.columns[c].pk for c in columns],
            "channel_ids": [self.channels[c].pk for c in channels],
        })
        if attachment:
            services.add_attachment(item=item, version=services.latest_version(item), user=self.clerk,
                                    upload=_docx(f"{title}.docx", title, attachment))
        self.count += 1
        return services.publish_directly(item=item, when=_at(published), actor_label="演示数据（历史记录）")


def _docx(filename: str, title: str, paragraphs: list[str]) -> SimpleUploadedFile:
    """A real Word file, so the demo's attachment links open something."""
    document = Document()
    document.add_heading(title, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(filename, buffer.getvalue())


def _items_2024(load: _Loader):
    for n, project in enumerate(PROJECTS):
        day = date(2024, 3 + n // 2, 5 + (n % 2) * 12)
        load.item(f"宗朗乡2024年{project}项目实施方案", day, written=date(day.year, day.month, day.day - 3),
                  columns=["衔接资金项目"], topic=Topic.AGRICULTURE, genre=Genre.PLAN, art20_item=11,
                  summary=f"2024年财政衔接推进乡村振兴补助资金{project}项目的建设内容、资金规模、实施期限和绩效目标。",
                  body=f"<p>为巩固拓展脱贫攻坚成果同乡村振兴有效衔接，宗朗乡实施{project}项目。</p>"
                       "<p>一、项目建设内容及规模</p><p>二、资金来源：财政衔接推进乡村振兴补助资金。</p>"
                       "<p>三、实施期限和绩效目标</p><p>四、监督管理：项目公示于乡政府大院及各村三务公开栏。</p>",
                  attachment=[f"项目名称：{project}", "资金来源：财政衔接推进乡村振兴补助资金", "实施地点：宗朗乡各村",
                              "监督电话：0998-7281234"])
    load.item("宗朗乡2024年高标准农田建设项目招标公告", date(2024, 5, 20), written=date(2024, 5, 16),
              columns=["招标采购"], channels=("trading",), topic=Topic.AGRICULTURE, genre=Genre.ANNOUNCEMENT,
              art20_item=10, summary="项目招标范围、投标人资格要求、招标文件获取方式和投标截止时间。")
    load.item("宗朗乡人民政府2024年6月政府采购意向", date(2024, 6, 3), written=date(2024, 5, 30),
              columns=["招标采购"], channels=("procurement",), topic=Topic.FINANCE, genre=Genre.ANNOUNCEMENT,
              art20_item=9, summary="采购项目名称、采购需求概况、预算金额和预计采购时间。")
    policy = load.item("2024年耕地地力保护补贴发放工作方案", date(2024, 4, 10), written=date(2024, 4, 3),
                       columns=["惠民政策"], channels=("portal", "yard", "village"), topic=Topic.AGRICULTURE,
                       genre=Genre.PLAN, art20_item=11, summary="补贴对象、补贴标准、发放程序和监督电话。")
    load.item("一图读懂2024年耕地地力保护补贴", date(2024, 4, 12), written=date(2024, 4, 11),
              columns=["政策解读", "惠民政策"], channels=("portal", "wechat"), genre=Genre.INTERPRETATION,
              topic=Topic.AGRICULTURE, interprets_ids=[policy.pk], summary="用图解说明补贴标准和申领流程。")
    for title, day in (("农村最低生活保障和特困人员救助供养政策问答", date(2024, 7, 8)),
                       ("2024年城乡居民基本医疗保险参保缴费政策", date(2024, 9, 23)),
                       ("雨露计划职业教育补助申请指南", date(2024, 10, 15))):
        load.item(title, day, written=day.replace(day=day.day - 2), columns=["惠民政策"],
                  channels=("portal", "yard", "village"), topic=Topic.CIVIL, genre=Genre.NOTICE, art20_item=11)
    load.item("叶城县宗朗乡2023年政府信息公开工作年度报告", date(2024, 1, 22), written=date(2024, 1, 18),
              columns=["政府信息公开工作年度报告"], genre=Genre.REPORT, art20_item=15)
    load.item("宗朗乡政府信息发布“三审”制度", date(2024, 2, 26), written=date(2024, 2, 20),
              columns=["政府信息公开制度"], genre=Genre.NOTICE,
              body="<p>信息发布实行初审、复审、终审三级审核，未经三审的信息不得发布。</p>")
    # A 村规民约 is the villagers' own rule, not a 行政规范性文件: the seed report counts 0 in force.
    load.item("宗朗乡村规民约管理办法", date(2020, 6, 12), written=date(2020, 6, 5), columns=["政策文件"],
              doc_number="宗政发〔2020〕8号", genre=Genre.OPINION, art20_item=1, topic=Topic.CIVIL)


def _items_2025(load: _Loader):
    load.item("叶城县宗朗乡2024年政府信息公开工作年度报告", date(2025, 1, 20), written=date(2025, 1, 15),
              columns=["政府信息公开工作年度报告"], genre=Genre.REPORT, art20_item=15,
              body="<p>在叶城县政府门户网站公开2024衔接项目实施方案9条，在喀什地区公共资源交易中心公开项目招标投标信息"
                   "1条，在新疆政府采购网公布采购意向信息1条。</p>")
    load.item("宗朗乡2025年部门预算公开", date(2025, 3, 14), written=date(2025, 3, 10), columns=["财政预决算"],
              topic=Topic.FINANCE, genre=Genre.REPORT, art20_item=7,
              summary="2025年一般公共预算财政拨款收支、“三公”经费预算情况说明。")
    load.item("宗朗乡2024年部门决算公开", date(2025, 9, 12), written=date(2025, 9, 5), columns=["财政预决算"],
              topic=Topic.FINANCE, genre=Genre.REPORT, art20_item=7, summary="2024年度财政拨款收入支出决算说明。")
    load.item("宗朗乡开展春季防汛应急演练", date(2025, 4, 18), written=date(2025, 4, 17), columns=["应急管理"],
              topic=Topic.GENERAL, genre=Genre.OTHER, art20_item=12)
    load.item("关于做好2025年春耕备耕工作的通知", date(2025, 4, 21), written=date(2025, 3, 3),
              columns=["通知公告"], topic=Topic.AGRICULTURE, genre=Genre.NOTICE,
              summary="成文于3月3日，4月21日才发布：自查会列出超过20个工作日发布的情况。")
    for n, (title, day) in enumerate((("宗朗乡召开2025年乡村振兴工作推进会", date(2025, 5, 9)),
                                      ("宗朗乡开展民族团结一家亲入户走访活动", date(2025, 8, 14)),
                                      ("宗朗乡组织开展惠民政策宣讲", date(2025, 10, 28)))):
        load.item(title, day, written=day, columns=["乡镇动态"], channels=("portal", "wechat"),
                  topic=Topic.GENERAL, genre=Genre.OTHER, summary=f"宗朗乡工作动态第{n + 1}则。")


def _live_reviews(ctx, agency, load: _Loader):
    """Work in progress for the personas: one draft waiting at 复审, one sent back by 初审."""
    clerk, first = ctx.users["zl_jingban"], ctx.users["zl_chushen"]
    waiting = services.create_item(agency=agency, author=clerk, data={
        "title": "宗朗乡2026年衔接资金项目库公示", "publisher": agency.name, "topic": Topic.AGRICULTURE,
        "art20_item": 11, "column_ids": [load.columns["衔接资金项目"].pk], "channel_ids": [load.channels["portal"].pk],
        "summary": "2026年拟入库衔接资金项目名称、建设内容和资金规模。"})
    review = services.submit_for_review(item=waiting, user=clerk)
    services.act_on_review(review=review, user=first, action=Action.APPROVE, comment="内容准确，同意")
    back = services.create_item(agency=agency, author=clerk, data={
        "title": "宗朗乡2026年财政预算公开", "publisher": agency.name, "topic": Topic.FINANCE, "art20_item": 7,
        "column_ids": [load.columns["财政预决算"].pk]})
    review = services.submit_for_review(item=back, user=clerk)
    services.act_on_review(review=review, user=first, action=Action.REJECT, comment="请补充“三公”经费说明")


def load(ctx):
    agency = ctx.agencies.get("zonglang") or Agency.objects.get(short_name="宗朗乡")
    loader = _Loader(ctx, agency)
    _items_2024(loader)
    _items_2025(loader)
    _live_reviews(ctx, agency, loader)
    ctx.lines.append(f"主动公开：宗朗乡 {len(COLUMNS)} 个栏目、{len(loader.channels)} 个发布渠道、"
                     f"{loader.count} 条已发布信息"
                     "（2024年衔接项目实施方案9条、交易中心招标1条、政府采购意向1条），另有待复审1条、被退回1条")
