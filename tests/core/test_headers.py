"""Security headers and content (issue #11 point 8): CSP with nonces and no inline handlers, Referrer-Policy,
X-Frame-Options DENY, Permissions-Policy; HSTS and the HTTPS redirect from environment variables, and
`gongkai check --deploy` silent with the documented production settings."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.agencies.models import Role
from tests.factories import staff

SRC = Path(__file__).resolve().parents[2] / "src" / "gongkai"
TEMPLATES = sorted(p for p in SRC.rglob("*.html") if "templates" in p.parts)

# The production settings README's configuration table documents.
PRODUCTION_ENV = {
    "DEBUG": "false", "ALLOWED_HOSTS": "gongkai.example.gov.cn", "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000", "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "SECURE_HSTS_PRELOAD": "true",
}


@pytest.mark.django_db
def test_every_page_carries_the_security_headers(client):
    response = client.get("/xxgk/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert re.search(r"script-src 'self'( 'nonce-[A-Za-z0-9+/=]+')?;", csp + ";")
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_no_template_has_inline_event_handlers_style_attributes_or_javascript_urls():
    offenders = []
    for path in TEMPLATES:
        text = path.read_text()
        for pattern in (r"\son[a-z]+\s*=", r"\sstyle\s*=", r"javascript:"):
            if re.search(pattern, text):
                offenders.append(f"{path.relative_to(SRC)}: {pattern}")
    assert offenders == []


def test_every_inline_script_and_style_carries_the_nonce():
    offenders = []
    for path in TEMPLATES:
        if path.name == "document_page.html":  # the downloadable HTML report: a file, not a served page
            continue
        for tag in re.findall(r"<(?:script|style)\b[^>]*>", path.read_text()):
            if "src=" not in tag and 'nonce="{{ request.csp_nonce }}"' not in tag:
                offenders.append(f"{path.relative_to(SRC)}: {tag}")
    assert offenders == []


@pytest.mark.django_db
def test_the_nonce_of_the_header_is_the_nonce_in_the_page(client):
    response = client.get(reverse("ysqgk:form"))
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">' in response.content.decode()


@pytest.mark.django_db
def test_the_policy_built_once_is_django_csps_policy_with_this_responses_nonce(client, settings):
    from csp.utils import build_policy

    first, second = client.get("/ysqgk/"), client.get("/ysqgk/")
    nonces = [re.search(r"'nonce-([^']+)'", r["Content-Security-Policy"]).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1]
    assert first["Content-Security-Policy"] == build_policy(nonce=nonces[0])
    assert client.get("/healthz")["Content-Security-Policy"] == build_policy()  # no nonce asked for, none given
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
                                                       "img-src": ["'self'", "https://tiles.example.gov.cn"]}}
    assert "img-src 'self' https://tiles.example.gov.cn" in client.get("/ysqgk/")["Content-Security-Policy"]


def test_hsts_and_the_https_redirect_follow_the_environment(settings, client):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    plain = client.get("/xxgk/")
    assert plain.status_code == 301 and plain["Location"].startswith("https://")


@pytest.mark.django_db
def test_hsts_header_on_https(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = Client().get("/xxgk/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def _check_deploy(env_extra: dict, tmp_path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in PRODUCTION_ENV and not k.startswith("SECURE_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"SECRET_KEY": secrets.token_urlsafe(50), "GONGKAI_AUDIT_KEY": secrets.token_urlsafe(50),
                "GONGKAI_VAR_DIR": str(tmp_path),
                "PYTHONPATH": str(SRC.parent), **env_extra})
    return subprocess.run([sys.executable, "-m", "gongkai.cli", "check", "--deploy", "--fail-level", "WARNING"],
                          env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_silent_with_the_documented_production_settings(tmp_path):
    result = _check_deploy(PRODUCTION_ENV, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_check_deploy_warns_without_hsts(tmp_path):
    result = _check_deploy({**PRODUCTION_ENV, "SECURE_HSTS_SECONDS": "0"}, tmp_path)
    assert result.returncode != 0 and "security.W004" in result.stdout + result.stderr


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_vendored_scripts_run_under_the_policy(page, live_server):
    """htmx, ECharts and the site's own script work, and the browser reports no CSP violation."""
    from tests.reports.helpers import make_agency, make_requests, request_row

    county = make_agency("测试县人民政府", level="county", kind="government", short_name="测试县")
    town = make_agency("测试县甲乡人民政府", parent=county, short_name="甲乡")
    from datetime import date
    make_requests([request_row(town, received_on=date(2024, 3, 3), closed_on=date(2024, 3, 10), outcome="granted")])
    client = Client()
    client.force_login(staff(county, Role.SUPERVISOR))
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                               "url": live_server.url}])
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/staff/reports/?year=2024")
    page.wait_for_selector("#yoy-chart canvas")
    page.select_option("select[name=year]", "2023")  # data-autosubmit, from site.js
    page.wait_for_url("**year=2023**")
    page.goto(f"{live_server.url}/ysqgk/")
    page.select_option("#id_applicant_type", "natural_person")
    assert page.locator("#org-fields").is_hidden()  # the form's nonce'd inline script ran
    page.fill("#id_description", "惠民补贴")  # htmx asks for matching published items
    page.wait_for_timeout(800)
    assert violations == []
