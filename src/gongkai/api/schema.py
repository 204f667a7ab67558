"""OpenAPI additions: the bearer token scheme, and the annual report's JSON Schema as the AnnualReport component
(OpenAPI 3.1 schemas are JSON Schema 2020-12, so the project's schema goes in as it is)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from gongkai.statute.schema import annual_report_schema


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "gongkai.api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer",
                "description": "接口令牌（gk_ 开头），由管理员在管理后台或用 gongkai apitoken create 创建，只显示一次。"
                               "请求头：Authorization: Bearer gk_…"}


def add_annual_report_schema(result, generator, request, public):
    schema = {k: v for k, v in annual_report_schema().items() if k not in ("$schema", "$id")}
    schema["description"] = "政府信息公开工作年度报告数据（同 /schema/annual-report.schema.json）"
    result.setdefault("components", {}).setdefault("schemas", {})["AnnualReport"] = schema
    return result
