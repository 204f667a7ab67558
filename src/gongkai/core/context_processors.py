from django.conf import settings
from django.urls import NoReverseMatch, reverse

# Staff navigation: (label, url name); an app's link shows once that app has mounted its pages.
STAFF_LINKS = (
    ("依申请公开", "requests:workbench"),
    ("主动公开", "catalog:items"),
    ("复议诉讼", "appeals:list"),
    ("年度报告", "reports:index"),
    ("报告检查", "checker:index"),
)


def _links():
    links = []
    for label, name in STAFF_LINKS:
        try:
            links.append({"label": label, "url": reverse(name)})
        except NoReverseMatch:
            continue
    return links


def site(request):
    user = getattr(request, "user", None)
    authenticated = getattr(user, "is_authenticated", False)
    return {"SITE_NAME": settings.GONGKAI_SITE_NAME, "staff_links": _links() if authenticated else []}
