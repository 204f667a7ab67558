"""Every error of the API is JSON with a Chinese `detail`; bad fields add `errors` (field → messages), with the
same messages the public form shows. A DomainError from a service becomes 400 (403 for PermissionDenied)."""

import math

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from gongkai.core.errors import DomainError, PermissionDenied

INVALID = "提交的内容有误，请按 errors 中各字段的说明修改"

MESSAGES = {
    exceptions.NotAuthenticated: "需要接口令牌：请在请求头中提供 Authorization: Bearer 令牌",
    exceptions.MethodNotAllowed: "不支持该请求方法",
    exceptions.UnsupportedMediaType: "不支持该请求体格式，请使用 application/json 或 multipart/form-data",
    exceptions.ParseError: "请求体不是有效的 JSON",
    exceptions.NotAcceptable: "无法按请求的格式返回结果",
}


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        code = status.HTTP_403_FORBIDDEN if isinstance(exc, PermissionDenied) else status.HTTP_400_BAD_REQUEST
        body = {"detail": exc.message}
        if exc.field:
            body["errors"] = {exc.field: [exc.message]}
        return Response(body, status=code)
    if isinstance(exc, Http404):
        message = str(exc) if exc.args and exc.args[0] else "未找到"
        return Response({"detail": message}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, DjangoPermissionDenied):
        return Response({"detail": str(exc) or "无权访问"}, status=status.HTTP_403_FORBIDDEN)
    if isinstance(exc, exceptions.ValidationError):
        return Response({"detail": INVALID, "errors": _flat(exc.detail)}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.Throttled):
        wait = math.ceil(exc.wait) if exc.wait else 60
        response = Response({"detail": f"调用过于频繁，请{wait}秒后再试"}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        response["Retry-After"] = str(wait)
        return response
    response = drf_exception_handler(exc, context)
    if response is not None:
        message = next((m for kind, m in MESSAGES.items() if isinstance(exc, kind)), None)
        if message is None:
            message = str(exc.detail) if isinstance(exc, exceptions.APIException) else "请求失败"
        response.data = {"detail": message}
    return response


def _flat(detail) -> dict:
    """DRF error detail → {field: [message, …]}; errors not tied to a field go under "non_field_errors"."""
    if isinstance(detail, dict):
        return {key: [str(m) for m in (value if isinstance(value, list) else [value])]
                for key, value in detail.items()}
    return {"non_field_errors": [str(m) for m in (detail if isinstance(detail, list) else [detail])]}
