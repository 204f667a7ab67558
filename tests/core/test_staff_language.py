"""No English on the staff pages (issue #15): every staff page a clerk or the administrator opens, and the
admin pages they use, read in Chinese — Django's untranslated sentences included."""

import re
from html.parser import HTMLParser

import pytest

from tests.core.test_role_matrix import POST_ONLY
from tests.core.urlmap import staff_url_names, url_for

pytestmark = pytest.mark.django_db

# Words that are not English UI text: file types, units and the names of things.
ALLOWED = {"pdf", "ofd", "word", "excel", "wps", "rtf", "odt", "xlsx", "xls", "csv", "zip", "docx", "doc", "json",
           "html", "office", "url", "api", "htmx", "echarts", "gongkai", "txt", "jpg", "png", "https", "http", "www",
           "email", "mb", "ip", "cn", "uscc", "example", "com", "zhangsan", "org", "gov", "sms", "ldap", "sha",
           "get", "post", "accept"}
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")


class _Text(HTMLParser):
    """Visible text plus the attributes a user reads (titles, placeholders, button values, aria labels)."""

    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "placeholder", "aria-label", "alt") and value:
                self.parts.append(value)
            if name == "value" and tag == "input" and dict(attrs).get("type") in ("submit", "button") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def english_words(html: str, names=()) -> set[str]:
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.parts)
    text = re.sub(r"\S+@\S+|https?://\S+|/[\w/.-]+|\{[a-z_:0-9]+\}", " ", text)  # addresses, paths, placeholders
    for name in names:  # the personas' user names, shown where a full name is missing
        text = text.replace(name, " ")
    return {w for w in ENGLISH_WORD.findall(text) if w.lower() not in ALLOWED}


def test_the_checker_finds_english():
    assert english_words("<p>After you’ve created a user</p><script>var x</script>") == {"After", "you", "created",
                                                                                       "user"}
    assert english_words("<p>附件：PDF、OFD，不超过 20 MB</p>") == set()


@pytest.mark.parametrize("who", ["zl_jingban", "zl_fuzeren", "xian_gkb"])
def test_staff_pages_have_no_english(site, client, who):
    client.force_login(site.users[who])
    found = {}
    for name in staff_url_names():
        if name in POST_ONLY or name.endswith(("ledger", "document", "attachment", "export", "download")):
            continue
        response = client.get(url_for(name, site.own))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        if words := english_words(response.content.decode(), site.users):
            found[name] = sorted(words)
    assert found == {}, repr(found)


ADMIN_PAGES = ["/admin/", "/admin/accounts/user/", "/admin/accounts/user/add/", "/admin/agencies/agency/",
               "/admin/agencies/agency/add/", "/admin/password_change/"]


def test_the_admin_pages_the_administrator_uses_have_no_english(site, client):
    client.force_login(site.users["admin"])
    found = {}
    for url in ADMIN_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        if words := english_words(response.content.decode(), site.users):
            found[url] = sorted(words)
    assert found == {}, repr(found)
