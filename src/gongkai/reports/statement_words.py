"""The words a report's sentences name their subjects with, and the words that say a number is not about the tables
(check_statements.py reads the sentences with them)."""

from __future__ import annotations

import re

from .numerals import NUMBER

# --- the subjects a sentence can name ----------------------------------------------------------------

# Words that make “收到…申请” another kind of application: 收费/减免 (fees), 更正 (correcting records, art. 41),
# 延期/补正/撤回 (steps of a request already counted).
NOT_REQUESTS = (r"复议|诉讼|许可|投诉|信访|咨询|举报|热线|来信|来访|留言|审批|办件|政务服务"
                r"|收费|费用|缴费|减免|更正|延期|补正|撤回"
                r"|[一二两三四五六七八九十百]+\s*(?:件|个|份|宗|起)")  # “收到一份…申请”: the count, as 3件 would be
KEYWORDS: tuple[tuple[str, str], ...] = (
    # Barriers: what comes after them is not a figure of these tables.
    ("skip", r"(?:按时|按期|及时|限时|当场|提前)(?:办结|答复|回复|受理)率?|满意[率度]|知晓率|更新率|正确率|准确率"),
    # “在规定期限内答复64件”, “法定时限办结率100%”: how many were answered in time, not how many were answered
    ("skip", r"(?:规定|法定)(?:期限|时限)内?(?:办结|答复|回复)率?"),
    ("skip", r"主动公开|预决算|预算|决算|三公经费|重点领域|政务公开事项|公开栏|网站|新媒体|公众号|浏览|访问|点击"),
    ("skip", r"同比|环比|较上一?年度?|比上一?年度?|较去年|比去年|较20\d{2}年|比20\d{2}年"
             r"|增长|下降|增加|减少|上升|提高|降低|上一?年度?(?!度?(?:结转|转结|尚?未办结))|去年|往年(?!结转)|历年|平均|人次|自查|整改|问题|培训|会议|专题|解读"),
    # Rates.
    ("rate.completion", r"办结率|答复率|办复率"),
    ("rate.grant", r"(?:依申请)?公开率|予以公开率"),
    # Counts of requests.
    ("carried_in", r"上一?年度?(?:结转|转结)|上一?年度?遗留|上一?年度?尚?未办结|往年结转|20\d{2}年度?(?:结转|转结)"
                   r"|(?:结转|转结)上一?年度?|20\d{2}年度?转(?:至|入|到)(?:今年|本年度?)"),
    ("carried_out", r"结转(?:至|到)?(?:下一?年度?|次年)(?:继续办理)?|转入下一?年度?|转接(?:至|到)?下一?年度?"
                    r"|结转(?:至|到)?20\d{2}年"
                    r"|(?<!结)转(?:至|到|入)?(?:20\d{2}年度?|下一?年度?)(?:继续)?办理|下一?年度?继续办理"
                    r"|转结(?:至|到)?(?:下一?年度?|20\d{2}年度?)"
                    r"|尚未办结|未办结|正在办理|仍在办理|(?<!正)在办(?!结|理)|待办结"),
    # “无结转”, “无上年和下年结转” (none carried in either)
    ("carried_out_none", r"(?:无|没有|未有|不存在)(?:上一?年度?(?:和|及|与|、|或)下一?年度?|下一?年度?)?"
                         r"(?:结转|转结|未办结)"),
    # “收到公民、法人或其他组织提交政府信息公开申请0条”: who sent them may stand between
    ("received", rf"(?:新收|收到|受理|接收|接到|共收|收悉)了?(?:(?!{NOT_REQUESTS})[^,;。\d]){{0,20}}?申请(?!人)"),
    # “收到3件政府信息依申请公开件”, “收到2条政府信息公开相关申请”
    ("requests", r"(?:政府)?信息公开(?:相关)?申请(?:办件)?(?!人)|(?:政府信息)?依申请公开(?:事项|申请|信息|件)?"
                 r"|依申请(?:信息|事项)"
                 r"|办理(?:各类)?(?:政府信息公开)?申请"),
    ("concluded", r"办结|办理完毕|处理完毕|作出答复|予以答复|依法答复|答复|回复"),
    ("granted", r"(?<!不)予以公开|同意公开|全部公开|(?<!不)准予公开"),
    ("partial", r"部分(?:予以)?公开"),
    ("denied", r"不予(?:以)?公开"),
    ("unable", r"无法提供"),
    ("not_processed", r"不予处理"),
    ("other_handling", r"其他处理"),
    # One row of an outcome, by its reason: “5件本机关不掌握”, “1件因属于国家秘密不予公开”.
    *((f"row:{key}", pattern) for key, pattern in (
        ("denied.state_secret", r"国家秘密"),
        ("denied.law_prohibited", r"法律行政法规禁止公开"),
        ("denied.security_stability", r"三安全一稳定"),
        ("denied.third_party", r"第三方合法权益"),
        ("denied.internal_affairs", r"内部事务信息"),
        ("denied.process_info", r"过程性?信息"),
        ("denied.enforcement_file", r"行政执法案卷"),
        ("denied.inquiry", r"行政查询事项"),
        ("unable.not_held", r"(?:本机关)?不掌握(?:相关|该)?(?:政府)?信息|本机关不掌握"),
        ("unable.needs_creation", r"(?:需要|需)?另行制作"),
        ("unable.unclear", r"内容仍不明确"),
        ("not_processed.duplicate", r"重复申请"),
        ("not_processed.publication", r"公开出版物"),
        ("not_processed.excessive", r"大量反复申请"),
        ("not_processed.confirmation", r"确认或重新出具"),
        ("other.no_supplement", r"逾期不补正|逾期未补正"),
        ("other.fee_unpaid", r"逾期未(?:按收费通知要求)?缴纳(?:信息处理)?费"),
    )),
    ("natural", r"自然人"),
    ("organisations", r"法人或其他组织|法人和其他组织|法人|企业(?!信用)|社会组织"),  # not 企业信用信息公示系统
    # 行政复议 and 行政诉讼 of which the agency was the respondent.
    # “因政府信息公开引起的复议0件”: 复议 alone, after a word that ends a phrase before it
    ("review", r"行政复议|(?:(?<=[,、和及与的])|(?<=被申请)|(?<=提起)|(?<=涉及)|(?<=发生))复议(?![后机决])"),
    ("litigation_direct", r"未经复议直接起诉|直接(?:提起)?(?:行政)?诉讼|直接起诉"),
    ("litigation_after_review", r"复议后起诉|复议后(?:提起)?(?:行政)?诉讼"),
    ("litigation", r"行政诉讼|被(?:提起)?(?:行政)?诉讼|被起诉|行政应诉|(?<=[,、和及与或])诉讼(?!费)"
                   r"|(?<=[,、和及与或]提起)诉讼(?!费)|(?<=[,、和及与或])起诉(?![书状])"),  # “…行政复议、提起诉讼”
    # 规章 and 规范性文件 (表二), with the verb that says which column.
    ("doc.regulations", r"规章(?!制度)"),
    ("doc.normative_documents", r"(?:行政)?规范性文件"),
    ("verb.issued", r"制发|印发|出台|新制定|制定|制作|发布"),
    ("verb.repealed", r"废止|废除|宣布失效"),
    ("verb.in_force", r"现行有效"),
)
KEYWORD = re.compile("|".join(f"(?P<k{i}>{pattern})" for i, (_, pattern) in enumerate(KEYWORDS)))
KEYS = [key for key, _ in KEYWORDS]
REASON_ROWS = {key for key in KEYS if key.startswith("row:")}
# What a percentage may describe; a count may describe every other subject.
PERCENT_SUBJECTS = {"rate.completion", "rate.grant", "granted", "partial", "denied", "unable", "not_processed",
                    "other_handling"}
COUNT_SUBJECTS = {"carried_in", "carried_out", "received", "requests", "concluded", "granted", "partial", "denied",
                  "unable", "not_processed", "other_handling", "natural", "organisations", "review",
                  "litigation_direct", "litigation_after_review", "litigation", *REASON_ROWS}
# Subjects a “未/没有/无” before them states as none at all.
ZERO_SUBJECTS = {"received", "requests", "carried_in", "review", "litigation", "litigation_direct",
                 "litigation_after_review", "doc.regulations", "doc.normative_documents"}

CLAIM = re.compile(
    rf"(?P<pre>近|约|共计|共|计|合计|总计)?\s*(?P<n1>{NUMBER})"
    rf"(?:\s*(?:-|~|—|–|至|到)\s*(?P<n2>{NUMBER}))?\s*(?P<approx>余|多)?\s*"
    r"(?P<unit>件|条|宗|起|份|例|项|个(?=$|[,;。、)\]申案]|次)|次|%)(?P<post>左右)?"
)
NEGATION = re.compile(
    r"(?:未|没有|无(?!法|正当)|不存在)(?:发生|产生|出现|涉及|收到|受理|接到|接收|制发|出台|印发|制定|发布|新增)?"
    r"(?:(?!但|仅|只|按|及时|其中)[^\d%])*$"
)
ALL_ZERO = re.compile(r"^[^\d%]{0,6}?(?:(?:均|都|皆)(?:为|是)?|为|是)\s*(?:0|零)(?![\d.%件个条])")
# “均已办结”: none pending — but “目前均已办结” is said when the report is written, not on 31 December
ALL_DONE = re.compile(r"(?<!目前)(?<!目前已)(?<!至今)(?:均已|全部|已全部|均)(?:按期|依法|按时|及时|依规)*"
                      r"(?:办结|办理完毕|答复完毕)")
DISCLOSURE = re.compile(r"信息公开|依申请|公开申请|政务公开|该类|因政府信息|政府信息申请")
REVIEW_BODY = re.compile(r"(?<!被)(?:受理|审理|办理|审结|复议机关|作出)[^,;。]*$")
YEAR = re.compile(r"(20\d{2})\s*年(?!\s*\d{1,2}\s*月)")
# “1件申请答复不够规范”: what is said of some of the requests, not how many were answered.
FAULT = re.compile(r"^[^,;。\d]{0,4}?(?:不够|不规范|不及时|不到位|不准确|不完整"
                   r"|超期|超时|逾期|延迟|存在|有误|错误|瑕疵)")
# Words of a plan or a target: what follows them is not a figure of the year reported on.
PLAN = re.compile(r"力争|争取|确保(?!了)|计划(?!生育)|拟(?!定)|目标|下一步|今后|明年|来年|预计|力求"
                  r"|(?<!经过)(?<!通过)努力|将(?:进一步|继续|持续|不断|着力|力争|确保|做到|实现|保持)|要(?:做到|实现|确保|保持)")
# Between a document verb and its count: “废止1件”, “废止数量0条”, “废止失效文件8件”, “制发的共3件”
VERB_TO_COUNT = re.compile(r"\s*(?:了|的)?(?:失效)?(?:数量|件数|总数|文件)?(?:为|是|有)?\s*(?:共计|合计|共|计)?\s*")
SENTENCE_END = re.compile(r"[。;！？!?\n]")
CLAUSE_END = re.compile(r"[,，:：]")
MAX_GAP = 14
RESULT_WORDS = re.compile(r"^[^,;。\d]{0,6}?(?:纠错|纠正|败诉|撤销|确认违法|责令|被改变)")
PARENTHESES = re.compile(r"\([^()]{0,60}\)")
# Other matters an agency answers and concludes (hotlines, mailboxes, deputies' proposals, licences): a count
# or a rate said of them is not of 表三, wherever in the sentence they come before it.
OTHER_MATTERS = re.compile(r"热线|12345|信箱|来信|来访|提案|建议|留言|诉求|工单|咨询|许可|审批|(?<!申请)(?<!公开)办件"
                           r"|信件|投诉|举报|提问|访谈|网民|法律援助")
# “结果维持5件”: a result of the reviews or suits, not how many there were.
APPEAL_RESULT = re.compile(r"维持|纠正|纠错|驳回|撤销|败诉|胜诉|审结|确认违法|终止|撤诉|调解")
# “未收到因政府信息公开申请引起的行政诉讼”: the requests are the cause of what is denied, not what is denied.
CAUSE_OF = re.compile(r"^[^,;。]{0,12}?(?:引起|引发|产生|导致|而起|投诉|举报|复议|诉讼)")  # “…政府信息方面的行政复议”
# “未对公众依申请公开政府信息收取任何费用”: what is denied is a fee, not the requests
FEES = re.compile(r"^[^,;。]{0,8}?(?:收取|收费|费用|处理费)")
# The ways a request comes in: a count said of one of them is a part of those received.
CHANNEL_WORD = re.compile(r"网上|线上|线下|在线|纸质|当面|现场|信函|来信|来函|邮寄|快递|电子邮件|传真")
PART_OF_REQUESTS = re.compile(CHANNEL_WORD.pattern + r"|网络|邮件|电话|窗口|委托|代为|(?<!结)转办|转交"
                              # not “各类…申请”: all of them
                              r"|(?<![各全])类(?:的)?(?:政府)?信息公开申请|(?<![各全])类申请")
TITLE_MARKS = re.compile(r"《[^《》]{0,80}》")
ISSUER = re.compile(r"政府|办公厅|办公室|部门|本级|市级|县级|区级|名义")
WHOLE_AREA = re.compile(r"全(?:县|市|区|省|旗|州|盟)")
# A paragraph that speaks of more than the agency: its area (全县), every level of it, or the government's own
# part beside a total — any count in it may be the area's, so a difference from the tables is a warning
AREA_PARAGRAPH = re.compile(r"(?<!指导)(?<!督促)全(?:县|市|区|省|旗|州|盟)(?![^,;。]{0,12}?(?:位列|排名|名列))"
                            # the area as the subject (“全市各级行政机关…”) or counted (“全县共受理…62件”) — not a
                            # rank among them, not its guide (“更新发布全县政府信息公开指南”, “指导全市各级行政机关…”)
                            r"(?=各级|各部门|各单位|共|累计|范围内|[^。;]{0,30}?\d)"
                            r"|(?<!指导全[县市区省旗州盟])(?<!督促全[县市区省旗州盟])各级(?:行政机关|政府|机关)|本级"
                            r"|其中[^,;。\d]{0,4}(?:政府(?!信息)|本机关)|(?:县|市|区)级政府")
# “其中区政府受理36件”, “区政府本级共受理206件”: the sentence gives the government's own figure beside its area's
OWN_PART = re.compile(r"本级|其中[^,;。\d]{0,4}(?:政府(?!信息)|本机关|本单位)")  # not “其中网上政府信息公开申请”
# A clause whose subject is other bodies — “部门新收…4件”, “各部门…答复64件”, “各乡镇共受理…” — or that
# speaks of helping one (“配合市审批局回复…1份”): what the clause and those after it count is not this agency's.
OTHER_BODIES = re.compile(r"(?:^|[,;:])\s*(?:20\d{2}年度?,?)?(?:全(?:县|市|区|旗|州))?(?:共有|共)?"
                          r"(?:(?:各|市直|县直|区直|州直|旗直|市级|县级|区级|所属|下属|其他|其余)?部门"
                          r"|各(?:乡镇|乡|镇|街道|镇街|单位|区县|县区|区|县)|乡镇街道|镇街)"
                          r"|配合|协助|指导|督促")
OWN_BODY = re.compile(r"(?:^|[,;:])\s*(?:20\d{2}年度?,?)?(?:本级|本机关|本单位|本部门"
                      r"|我(?:局|委|办|厅|镇|乡|街道|中心|单位)|(?:市|县|区|旗|州)?政府(?!信息))")
JOINED = re.compile(r"^(?:、|和|及|以及|与|或|,)?(?:被申请|提起|被提起|被)?$")

CJK = re.compile(r"[\u4e00-\u9fff]")
OUTCOME_SUBJECTS = {"granted", "partial", "denied", "unable", "not_processed", "other_handling"}
# Words that say which requests “政府信息公开申请” right after them are.
QUALIFIES_REQUESTS = {"carried_in", "carried_out", "received", "concluded"}
# “共受理36件政府信息公开申请”: a verb of receiving right before the count, which the requests follow.
COUNT_FIRST = re.compile(r"(?:受理|收到|接收|接到|新收|共收)了?(?:共|共计|合计)?\s*"
                         r"[\d一二三四五六七八九十百两零〇]+\s*(?:件|个|份|宗|条|项|起)$")
# “发生2起政府信息公开行政诉讼”: a verb of an appeal happening right before the count, which the appeal follows
APPEAL_FIRST = re.compile(r"(?:发生|出现|产生|涉及|引发|被提起|被申请|提起)了?(?:共|共计|合计)?\s*"
                          r"[\d一二三四五六七八九十百两]+\s*(?:件|个|宗|起|例|次)$")
APPEAL_GAP = re.compile(r"(?:因|涉及|关于)?(?:政府)?信息公开(?:方面|类|工作)?的?")
FORWARD = {"granted", "partial", "denied", "unable", "not_processed", "other_handling", "carried_out", "concluded",
           *REASON_ROWS}

# “2021年结转2件”, “结转2023年度继续办理”: the years a carry-over comes from or goes to, said of this year's figures
CARRY_YEAR = re.compile(r"20\d{2}\s*年度?\s*(?:结转|遗留|转至|转入|转到)|(?:结转|转入|转)(?:至|到)?\s*20\d{2}\s*年度?")
