"""Every URL pattern of the site, enumerated from the URLconf, and a real URL for each from tests.core.site."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# The public site and the login pages; everything else that is not /admin/ is a staff page.
PUBLIC_NAMESPACES = {"xxgk", "ysqgk"}
AUTH_NAMES = {"login", "logout"}
# Pages outside any namespace that anyone may read: the load balancer's health check, the report schema, the icon.
OPEN_NAMES = {"healthz", "annual-report-schema", "favicon"}


def url_names() -> list[str]:
    """Qualified names ("catalog:item") of every named pattern outside /admin/."""
    names = []

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                # /admin/ is Django's; /api/ authenticates by token and has its own tests (tests/api/).
                if p.namespace in ("admin", "api"):
                    continue
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern):
                if p.name is None:
                    raise AssertionError(f"URL pattern {p.pattern} has no name: the security tests cannot cover it")
                names.append(namespace + p.name)

    walk(get_resolver().url_patterns, "")
    return names


def staff_url_names() -> list[str]:
    return [n for n in url_names()
            if n.split(":")[0] not in PUBLIC_NAMESPACES and n not in AUTH_NAMES and n not in OPEN_NAMES]


def public_url_names() -> list[str]:
    return [n for n in url_names() if n.split(":")[0] in PUBLIC_NAMESPACES or n in OPEN_NAMES]


def kwargs_for(name: str, rec) -> dict:
    """The URL's arguments pointing at the township's records in `rec` (tests.core.site.Records)."""
    app, _, view = name.partition(":")
    if app == "catalog":
        if view.startswith("attachment"):
            return {"pk": rec.item, "attachment_pk": rec.item_attachment}
        if view == "review":
            return {"pk": rec.review}
        if view == "feedback_reply":
            return {"pk": rec.feedback}
        if view in ("item_submit", "item_edit"):
            return {"pk": rec.draft}
        if view in ("item", "item_withdraw", "item_posting"):
            return {"pk": rec.item}
    if app == "requests":
        if view == "document":
            return {"pk": rec.request, "doc": rec.document}
        if view == "attachment":
            return {"pk": rec.request, "att": rec.request_attachment}
        if view == "disclosed_file":
            return {"pk": rec.request, "f": rec.disclosed_file}
        if view in ("detail", "act", "receipt", "new_query_code", "preview", "attach_disclosed", "supplement_due"):
            return {"pk": rec.request}
        if view == "ledger_import_job":
            return {"pk": rec.import_job}
    if app == "appeals":
        if view == "document":
            return {"pk": rec.appeal, "doc": rec.appeal_document}
        if view in ("detail", "edit", "upload"):
            return {"pk": rec.appeal}
    if app == "reports" and view not in ("index", "overview", "overview_xlsx"):
        extra = {"fmt": "json"} if view == "download" else {}
        return {"agency_id": rec.agency.pk, "year": rec.report_year, **extra}
    if app == "xxgk":
        if view in ("item",):
            return {"pk": rec.item}
        if view == "attachment":
            return {"pk": rec.item, "attachment_pk": rec.item_attachment}
        if view == "column_feed":
            return {"pk": rec.column}
        if view not in ("index", "search"):
            return {"agency_id": rec.agency.pk}
    if app == "ysqgk":
        if view == "document":
            return {"doc": rec.document}
        if view == "attachment":
            return {"att": rec.request_attachment}
        if view == "disclosed_file":
            return {"f": rec.disclosed_file}
    return {}


def url_for(name: str, rec) -> str:
    return reverse(name, kwargs=kwargs_for(name, rec))


def takes_ids(name: str) -> bool:
    """Whether the URL points at one agency's record (own/other matters) or is agency-independent."""
    from types import SimpleNamespace

    probe = SimpleNamespace(agency=SimpleNamespace(pk=1), item=1, item_attachment=1, review=1, feedback=1,
                            draft=1, request=1, document=1, request_attachment=1, disclosed_file=1, report_year=2024,
                            column=1,
                            appeal=1, appeal_document=1, import_job=1)
    return bool(kwargs_for(name, probe))
