"""The public site: /xxgk/ (the disclosure section) lives here; /ysqgk/ is mounted from disclosure_requests."""

from importlib.util import find_spec

from django.urls import include, path

urlpatterns = []
for prefix, module in (("xxgk/", "gongkai.portal.xxgk_urls"), ("ysqgk/", "gongkai.disclosure_requests.public_urls")):
    if find_spec(module) is not None:
        urlpatterns.append(path(prefix, include(module)))
