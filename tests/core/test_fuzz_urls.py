"""Every GET parameter and form field of every public and staff URL, sent hostile and random values as each
persona: no response is a 500, and every rejection (4xx page) is in Chinese.

URLs come from the URLconf (tests.core.urlmap), ids from tests.core.site; the fields are those of the forms each
page renders for that persona, plus the query parameters the list pages read. Bounded: one pass of fixed hostile
values over every field, then a few hundred hypothesis examples (about a minute in all on a shared machine).
"""

import io
import itertools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.urlmap import public_url_names, staff_url_names, url_for

pytestmark = pytest.mark.django_db

PERSONAS = ("anon", "zl_jingban", "xian_gkb", "admin")
# What list and filter pages read from the query string, whether or not a form on the page shows them.
QUERY_PARAMS = ("year", "page", "agency", "topic", "publisher", "column", "art20", "q", "state", "channel",
                "assignee", "applicant_type", "description", "next")
HOSTILE = (
    "\x00", "99999", "-1", "0", "2147483648", "9" * 40, "1e999", "NaN", "-0", "2024-13-45", "",
    "   ", "x" * 5000, "<script>alert(1)</script>", "' OR 1=1--", "../../../../etc/passwd", "%00", "财政\x00",
    "𠮷😀\u202e", "\x1b[31m", "１２３", "٣", "null", "[]", "{}", "true", "https://evil.example/",
)
SKIP_FIELDS = {"csrfmiddlewaretoken"}
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class Target:
    method: str
    url: str
    fields: dict = field(default_factory=dict)  # name → "file" | "text"
    defaults: dict = field(default_factory=dict)  # hidden inputs' values (e.g. the move `kind`, the form token)


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[Target] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(Target(a.get("method", "get").upper(), a.get("action") or ""))
        elif tag in ("input", "select", "textarea", "button") and self.forms and a.get("name"):
            if a["name"] not in SKIP_FIELDS:
                self.forms[-1].fields[a["name"]] = "file" if a.get("type") == "file" else "text"
                if a.get("type") == "hidden" and a.get("value") is not None:
                    self.forms[-1].defaults[a["name"]] = a["value"]


def _targets(client, url) -> list[Target]:
    """The URL itself (GET with the query parameters) and every form its page renders."""
    with transaction.atomic():
        response = client.get(url)
        transaction.set_rollback(True)
    found = [Target("GET", url, dict.fromkeys(QUERY_PARAMS, "text"))]
    if response.status_code == 405:
        found = [Target("POST", url)]
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        parser = _Forms()
        parser.feed(response.content.decode(errors="replace"))
        for form in parser.forms:
            action = urlsplit(form.url).path or url
            if action.startswith("/") and not action.startswith(("/admin/", "/logout/")):
                found.append(Target(form.method, action, form.fields, form.defaults))
    return found


def _send(client, target: Target, values: dict):
    data = {}
    for name, value in values.items():
        if target.fields.get(name) == "file":
            upload = io.BytesIO(value.encode("utf-8", "surrogatepass"))
            upload.name = f"{value[:20]}.xlsx"
            data[name] = upload
        else:
            data[name] = value
    with transaction.atomic():
        response = client.post(target.url, data) if target.method == "POST" else client.get(target.url, data)
        transaction.set_rollback(True)
    return response


def _check(response, target, values):
    where = f"{target.method} {target.url} {values!r:.300}"
    assert response.status_code != 500, where
    if 400 <= response.status_code < 500 and "html" in response.get("Content-Type", ""):
        assert CJK.search(response.content.decode(errors="replace")), f"rejection not in Chinese: {where}"


@pytest.fixture(scope="module")
def plan(site, django_db_blocker):
    """persona → targets, discovered once per module."""
    from django.test import Client

    found = {}
    with django_db_blocker.unblock():
        for who in PERSONAS:
            client = Client()
            if who != "anon":
                client.force_login(site.users[who])
            targets = []
            for name in public_url_names() + staff_url_names():
                targets.extend(_targets(client, url_for(name, site.own)))
            unique = {(t.method, t.url, tuple(sorted(t.fields))): t for t in targets}
            found[who] = list(unique.values())
    return found


def _login(client, site, who):
    client.logout()
    if who != "anon":
        client.force_login(site.users[who])


@pytest.mark.parametrize("who", PERSONAS)
def test_hostile_values_in_every_field(site, client, plan, who):
    """Each field of each target gets the hostile values in turn (all fields at once, shifted per request);
    on forms, the later passes keep the hidden fields as the page sent them so the visible fields reach the
    form's own validation (a move's `kind`, the public form's token)."""
    _login(client, site, who)
    hostile = itertools.cycle(HOSTILE)
    for target in plan[who]:
        names = sorted(target.fields) or ["year"]
        for n in range(2 if target.method == "GET" else 4):
            values = {name: next(hostile) for name in names}
            if n:
                values.update(target.defaults)
            _check(_send(client, target, values), target, values)


text = st.text(st.characters(codec="utf-8"), max_size=60)
numbers = st.integers(min_value=-(10**20), max_value=10**20).map(str)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_random_values_in_random_fields(site, client, plan, data):
    who = data.draw(st.sampled_from(PERSONAS))
    target = data.draw(st.sampled_from(plan[who]))
    names = sorted(target.fields) or ["year"]
    chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True))
    values = {**target.defaults} if data.draw(st.booleans()) else {}
    values.update({name: data.draw(st.one_of(text, numbers, st.sampled_from(HOSTILE))) for name in chosen})
    _login(client, site, who)
    _check(_send(client, target, values), target, values)
