"""Demo agencies (叶城县 and two townships) and a persona for every role."""

from django.contrib.auth import get_user_model

from gongkai.core.audit import log_action
from gongkai.core.demo import DEMO_PASSWORD
from gongkai.statute.identifiers import make_org_code, make_uscc

from .models import Agency, Kind, Level, Membership, Role


def _codes(serial8: str) -> tuple[str, str]:
    org = make_org_code(serial8)
    return make_uscc("11653126" + org), org  # 11 = 机关, 653126 = 叶城县


def _agency(key, ctx, **fields):
    uscc, org = _codes(fields.pop("serial8"))
    agency = Agency.objects.create(uscc=uscc, org_code=org, **fields)
    log_action("agencies.agency.created", obj=agency, actor="演示数据", data={"name": agency.name})
    ctx.agencies[key] = agency
    return agency


def _person(ctx, username, full_name, memberships, *, superuser=False):
    user = get_user_model().objects.create_user(
        # Only the system administrator reaches /admin/ (is_staff); the staff pages rest on memberships alone.
        username=username, password=DEMO_PASSWORD, full_name=full_name, is_staff=superuser, is_superuser=superuser,
    )
    for agency_key, role in memberships:
        Membership.objects.create(user=user, agency=ctx.agencies[agency_key], role=role)
        log_action("agencies.membership.added", obj=user, agency=ctx.agencies[agency_key], actor="演示数据",
                   data={"role": role})
    ctx.users[username] = user
    roles = "、".join(f"{ctx.agencies[a].short_name}{Role(r).label}" for a, r in memberships) or "系统管理员"
    ctx.logins.append((username, f"{full_name}（{roles}）"))
    return user


def load(ctx):
    county = _agency("county", ctx, name="叶城县人民政府", short_name="叶城县", level=Level.COUNTY,
                     kind=Kind.GOVERNMENT, serial8="01001001", office_name="叶城县人民政府办公室（县政务公开办）",
                     office_address="新疆喀什地区叶城县人民政府大院", office_phone="0998-7281234",
                     office_hours="工作日 10:00-14:00，16:00-20:00（北京时间）", postcode="844900")
    _agency("zonglang", ctx, name="叶城县宗朗乡人民政府", short_name="宗朗乡", level=Level.TOWNSHIP,
            kind=Kind.GOVERNMENT, parent=county, serial8="01002101", office_name="宗朗乡党政办公室",
            office_address="叶城县宗朗乡人民政府院内", office_phone="0998-7561001",
            office_email="zonglang@example.gov.cn",
            office_hours="工作日 10:00-14:00，16:00-20:00（北京时间）", postcode="844900")
    _agency("wuxia", ctx, name="叶城县乌夏巴什镇人民政府", short_name="乌夏巴什镇", level=Level.TOWNSHIP,
            kind=Kind.GOVERNMENT, parent=county, serial8="01002102", office_name="乌夏巴什镇党政办公室",
            office_address="叶城县乌夏巴什镇人民政府院内", office_phone="0998-7562002", postcode="844900")
    _agency("finance", ctx, name="叶城县财政局", short_name="县财政局", level=Level.COUNTY, kind=Kind.DEPARTMENT,
            parent=county, serial8="01003001", office_name="叶城县财政局办公室", office_phone="0998-7283456")
    _person(ctx, "admin", "系统管理员", [], superuser=True)
    _person(ctx, "zl_jingban", "阿依古丽", [("zonglang", Role.CLERK)])
    _person(ctx, "zl_chushen", "王建华", [("zonglang", Role.REVIEWER_FIRST)])
    _person(ctx, "zl_fushen", "买买提", [("zonglang", Role.REVIEWER_SECOND)])
    _person(ctx, "zl_zhongshen", "李国强", [("zonglang", Role.REVIEWER_FINAL)])
    _person(ctx, "zl_fuzeren", "吐尔逊", [("zonglang", Role.HEAD)])
    _person(ctx, "zl_guanli", "张敏", [("zonglang", Role.ADMIN)])
    _person(ctx, "wx_jingban", "古丽娜", [("wuxia", Role.CLERK), ("wuxia", Role.REVIEWER_FIRST)])
    _person(ctx, "xian_gkb", "陈志远", [("county", Role.SUPERVISOR)])
    ctx.lines.append(f"机关 {Agency.objects.count()} 个：叶城县人民政府及宗朗乡、乌夏巴什镇、县财政局")
