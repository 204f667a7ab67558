"""The site's own 400/403/404/500 pages and the 503 maintenance page: Chinese, in the site's layout.

handler500 and the maintenance page render without the request context: the context processors read the session
and the user, which needs the very database that may be the cause of the error.
"""

import re
import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

_CJK = re.compile(r"[\u4e00-\u9fff]")

TITLES = {
    400: "请求有误",
    403: "没有权限",
    404: "页面不存在",
    500: "系统出错",
    503: "系统维护中",
}
DEFAULT_MESSAGES = {
    400: "提交的内容有误，无法处理，请检查后重新提交。",
    403: "您没有权限访问该页面或进行该项操作。",
    404: "您访问的页面不存在，或已被删除、撤回。",
    500: "系统处理时出错，错误已记录，请稍后再试；如仍有问题请联系系统管理员。",
    503: "系统正在维护或数据库暂时无法连接，请稍后再试。",
}
_BAD_REQUEST_MESSAGES = (
    (RequestDataTooBig, "提交的数据过大，请减小上传文件或分批提交。"),
    (TooManyFieldsSent, "提交的字段过多，无法处理。"),
    (TooManyFilesSent, "一次上传的文件过多，请分批上传。"),
)


def _chinese(message) -> str:
    """An exception's own text only when it is a message written for the user (ours are Chinese)."""
    text = str(message) if isinstance(message, str) else ""
    return text if _CJK.search(text) else ""


def _page(request, status: int, message: str = "") -> HttpResponse:
    context = {"status": status, "title": TITLES[status], "message": message or DEFAULT_MESSAGES[status],
               "SITE_NAME": settings.GONGKAI_SITE_NAME}
    body = render_to_string("core/http_error.html", context, request=request)
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request(request, exception=None):
    message = next((text for kind, text in _BAD_REQUEST_MESSAGES if isinstance(exception, kind)), "")
    return _page(request, 400, message or _chinese(exception.args[0] if exception and exception.args else ""))


def permission_denied(request, exception=None):
    return _page(request, 403, _chinese(exception.args[0] if exception and exception.args else ""))


def page_not_found(request, exception=None):
    return _page(request, 404, _chinese(exception.args[0] if exception and exception.args else ""))


def server_error(request):
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return maintenance_response()
    return _page(None, 500)


def maintenance_response() -> HttpResponse:
    response = _page(None, 503)
    response["Retry-After"] = "120"
    return response


def csrf_failure(request, reason=""):
    return _page(request, 403, "页面已过期或来源校验失败，请刷新页面后重新提交（如长时间未操作，请重新登录）。")
