"""Public pages from the shared cache, never stale.

What is cached: the body of a public page (/xxgk/…, item pages, catalog pages, column feeds, search results,
the /ysqgk/ form shell) rendered for an anonymous visitor, in the cache alias ``pages`` (Redis with
GONGKAI_CACHE_URL, else a file cache of its own under GONGKAI_CACHE_DIR/pages, so a flood of page keys never
culls the lookup counters of the default cache). Views opt in with ``@cached_page(scope=…, params=…)``.

Who gets a cached page: GET/HEAD requests without a session cookie or a messages cookie. A logged-in user (staff
see extra links), an applicant with a receipt in the session, anyone with a pending message: rendered for them
alone, never stored, never served a stored page. Only 200 answers with no cookie set by the view are stored.

Keys: ``page:<sha256>`` over the code fingerprint (templates and Python of this package, the settings that show
on pages), today's date (pages show year lists), the ``site`` generation, the generations of the page's scope,
scheme, host, path and the normalised query (the view's own parameters, sorted, empty ones dropped; a request
with any other parameter, or one given twice, is rendered uncached, so every stored page is exactly what its
key says).

Generations (invalidation): a generation is an opaque value in the cache, replaced by a new unique value when what
its pages show changes. ``agency:<id>`` covers the pages of one agency (its home, guide, catalog, items, feeds,
reports); ``all`` covers pages across agencies (the agency list, search, the /ysqgk/ form) and moves with every
agency's; ``site`` moves on a restore. Receivers of post_save/post_delete/m2m_changed on everything a public page
shows (Agency, Column, Item and its columns and interpretations, Attachment, AnnualReport) call ``bump``, which
replaces the generations at once and again in ``transaction.on_commit``: a page rendered before the commit is
stored under a generation replaced at the commit and never served again; the generation is read before the page's
data, so a page stored under the current generation was rendered after every change that moved it had committed.
New unique values (not incr) make this hold on a non-atomic file cache too, and a generation lost from the cache
comes back as a new value, never an old one. Publication, withdrawal, an edit approved by 三审, scheduled publishing,
a column or agency change, a published or superseded annual report all save one of those rows.

Each worker also keeps the pages it served lately (_RecentPages, 16 MB): a key names exactly one page, so such a
copy is as fresh as the shared cache's; only the generations are read from the shared cache on a hit.

Per-response parts: the CSRF token, the CSP nonce and the request form's token are rendered as placeholders
(keyed by SECRET_KEY, so no page content can forge one) and replaced in every response, stored or not, with this
request's own values; the nonce then goes into this response's CSP header as usual.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
from collections import OrderedDict
from functools import cache as memoize
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_vary_headers

log = logging.getLogger(__name__)

ALIAS = "pages"
PAGE_SECONDS = 24 * 3600  # a bound on memory only: correctness comes from the generations
ALL = "all"
SITE = "site"
LOCAL_BYTES = 16 * 1024 * 1024  # each worker's copies of recent pages (_RecentPages); RSS stays < 200 MB


def _store():
    return caches[ALIAS]


class _RecentPages:
    """The pages this process served lately, by key, within a byte budget (least recently used out first).

    A key names exactly one page — the generations of what it shows are part of it — so a copy here is as fresh
    as the shared cache's: a change moves the generation, and with it the key. A hit then skips reading the body
    from the shared cache and unpickling it, most of what a cached page cost beyond a bare view. The generations
    themselves are always read from the shared cache."""

    def __init__(self, budget: int):
        self.budget, self.used = budget, 0
        self.pages: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: str, page: tuple) -> None:
        size = len(page[0])
        if size > self.budget // 8:
            return
        with self.lock:
            if key in self.pages:
                return
            self.pages[key] = page
            self.used += size
            while self.used > self.budget:
                _, (content, _headers) = self.pages.popitem(last=False)
                self.used -= len(content)


_recent = _RecentPages(LOCAL_BYTES)


def enabled() -> bool:
    return getattr(settings, "GONGKAI_PAGE_CACHE", True)


# --- generations ------------------------------------------------------------------------------


def _gen_key(name: str) -> str:
    return f"gen:{name}"


def agency_scope(agency_id) -> str:
    return f"agency:{int(agency_id)}"


def generations(names: list[str]) -> list[str]:
    """The current value of each generation; a missing one gets a new unique value."""
    store = _store()
    keys = [_gen_key(n) for n in names]
    found = store.get_many(keys)
    out = []
    for key in keys:
        value = found.get(key)
        if value is None:
            fresh = secrets.token_hex(8)
            value = fresh if store.add(key, fresh, None) else store.get(key, fresh)
        out.append(value)
    return out


_pending = threading.local()


def bump(*scopes: str) -> None:
    """The pages of these scopes and of ``all`` are no longer served: at once (a page rendered from the same
    connection sees the change already) and again after the current transaction commits (other connections
    see it only then; a page they rendered in between went under the generation replaced now)."""
    names = {*scopes, ALL}
    _replace(names)
    pending = getattr(_pending, "names", None)
    if pending is None:
        pending = _pending.names = set()
    pending.update(names)
    transaction.on_commit(_flush, robust=True)


def bump_agencies(*agency_ids) -> None:
    bump(*(agency_scope(pk) for pk in agency_ids if pk is not None))


def invalidate_everything() -> None:
    """Every stored page (a restored or copied database): the ``site`` generation moves at once."""
    bump(SITE)


def _flush() -> None:
    """After a commit: every generation named since the last flush (one write for a whole transaction)."""
    names = getattr(_pending, "names", None)
    if names:
        _pending.names = set()
        _replace(names)


def _replace(names) -> None:
    try:
        _store().set_many({_gen_key(n): secrets.token_hex(8) for n in names}, None)
    except Exception:  # the cache is down: pages are then rendered uncached, and the log says why
        log.exception("page cache: could not move the generations %s", sorted(names))


# --- the owner of an item or a column (the scope of its page) -----------------------------------


def owner_agency(model_label: str, pk: int) -> int | None:
    """The agency id of an item or column, remembered in the cache (it never changes; deleting the row forgets)."""
    from django.apps import apps

    key = f"owner:{model_label}:{pk}"
    store = _store()
    found = store.get(key)
    if found is None:
        found = apps.get_model(model_label).objects.filter(pk=pk).values_list("agency_id", flat=True).first()
        if found is None:
            return None
        store.set(key, found, None)
    return found


def by_agency(request, agency_id, **kwargs) -> list[str]:
    return [agency_scope(agency_id)]


def by_item(request, pk, **kwargs) -> list[str] | None:
    agency_id = owner_agency("catalog.Item", pk)
    return None if agency_id is None else [agency_scope(agency_id)]


def by_column(request, pk, **kwargs) -> list[str] | None:
    agency_id = owner_agency("catalog.Column", pk)
    return None if agency_id is None else [agency_scope(agency_id)]


def across_agencies(request, **kwargs) -> list[str]:
    return [ALL]


# --- placeholders for what each response must have of its own -----------------------------------


def _marker(name: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"pagecache:{name}".encode(), hashlib.sha256).hexdigest()
    return f"gkpc{name}{digest[:24]}"


@memoize
def _markers() -> dict[str, str]:
    return {name: _marker(name) for name in ("csrf", "nonce", "token")}


def _rendering_for_cache(request) -> bool:
    return getattr(request, "_pagecache_rendering", False)


def form_token(request) -> str:
    """A one-time form token (the request form's double-submit guard): fresh in every response."""
    return _markers()["token"] if _rendering_for_cache(request) else secrets.token_urlsafe(24)


def context(request) -> dict:
    """Context processor: while a page is rendered for the cache, ``csrf_token`` is the placeholder."""
    return {"csrf_token": _markers()["csrf"]} if _rendering_for_cache(request) else {}


def _personalise(request, body: bytes) -> bytes:
    markers = _markers()
    values = {
        "csrf": lambda: get_token(request),
        "nonce": lambda: str(request.csp_nonce),
        "token": lambda: secrets.token_urlsafe(24),
    }
    for name, marker in markers.items():
        raw = marker.encode()
        if raw in body:
            body = body.replace(raw, values[name]().encode())
    return body


# --- keys ---------------------------------------------------------------------------------------


@memoize
def fingerprint() -> str:
    """The code and settings that shape a page: a deployment never serves pages its predecessor rendered."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parents[1]
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".html", ".css", ".txt", ".xml") and "migrations" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    for name in ("GONGKAI_SITE_NAME", "LANGUAGE_CODE", "TIME_ZONE", "DEBUG", "STATIC_URL"):
        digest.update(repr(getattr(settings, name, None)).encode())
    return digest.hexdigest()[:16]


def _normalised_query(request, params) -> str | None:
    """The view's parameters, sorted, empty ones dropped; None (do not cache) for any other or a repeated one."""
    if params is None:
        return ""
    pairs = []
    for key, values in request.GET.lists():
        if key not in params or len(values) > 1:
            return None
        value = values[0].strip()
        if value:
            pairs.append((key, value))
    return "&".join(f"{k}={v}" for k, v in sorted(pairs))


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    personal = (settings.SESSION_COOKIE_NAME, "messages")
    return not any(name in request.COOKIES for name in personal)


def page_key(request, scopes: list[str], query: str) -> str:
    gens = generations([SITE, *scopes])
    parts = [fingerprint(), timezone.localdate().isoformat(), *scopes, *gens, request.scheme, request.get_host(),
             request.path, query]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


# --- the decorator ------------------------------------------------------------------------------


def cached_page(*, scope, params: tuple[str, ...] | None = None):
    """Serve the view from the page cache for anonymous visitors. ``scope(request, **kwargs)`` names the
    generations the page depends on (None: not cacheable, e.g. an unknown id); ``params`` the query parameters
    the view reads (None: it reads none, the query is ignored)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not (enabled() and _cacheable_request(request)):
                return view(request, *args, **kwargs)
            query = _normalised_query(request, params)
            try:
                scopes = scope(request, **kwargs) if query is not None else None
                key = page_key(request, scopes, query) if scopes is not None else None
                stored = (_recent.get(key) or _store().get(key)) if key else None
            except Exception:  # cache unreachable: the page is rendered as without a cache
                log.exception("page cache: lookup failed for %s", request.path)
                return view(request, *args, **kwargs)
            if key is None:
                return view(request, *args, **kwargs)
            if stored is None:
                response = _render_for_cache(request, view, args, kwargs)
                if response.status_code == 200 and not response.cookies and not response.streaming:
                    stored = (response.content, list(response.items()))
                    try:
                        _store().set(key, stored, PAGE_SECONDS)
                    except Exception:
                        log.exception("page cache: store failed for %s", request.path)
                else:
                    if not response.streaming:
                        response.content = _personalise(request, response.content)
                    return response
            _recent.put(key, stored)
            content, headers = stored
            response = HttpResponse(_personalise(request, content))
            for name, value in headers:
                response[name] = value
            patch_vary_headers(response, ("Cookie",))
            return response

        return wrapper

    return decorate


def _render_for_cache(request, view, args, kwargs):
    """The view with placeholders where the CSRF token and the CSP nonce go."""
    nonce = getattr(request, "csp_nonce", None)
    request._pagecache_rendering = True
    if nonce is not None:
        request.csp_nonce = _markers()["nonce"]
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        return response
    finally:
        request._pagecache_rendering = False
        if nonce is not None:
            request.csp_nonce = nonce


# --- what moves the generations -----------------------------------------------------------------


def _agency_changed(sender, instance, **kwargs):
    bump_agencies(instance.pk)


def _owned_changed(sender, instance, **kwargs):
    bump_agencies(instance.agency_id)
    if kwargs.get("signal") is post_delete:
        _store().delete(f"owner:{sender._meta.label}:{instance.pk}")


def _attachment_changed(sender, instance, **kwargs):
    from django.apps import apps

    Item = apps.get_model("catalog", "Item")
    bump_agencies(*Item.objects.filter(pk=instance.item_id).values_list("agency_id", flat=True))


def _links_changed(sender, instance, action, model, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    ids = {instance.agency_id}  # an item or a column; a clear() leaves links within the agency only
    if pk_set:
        ids.update(model.objects.filter(pk__in=pk_set).values_list("agency_id", flat=True).distinct())
    bump_agencies(*ids)


def connect() -> None:
    """Connect the receivers by model label (this core module imports no app)."""
    for signal in (post_save, post_delete):
        signal.connect(_agency_changed, sender="agencies.Agency", dispatch_uid=f"pagecache-agency-{signal}")
        for label in ("catalog.Item", "catalog.Column", "reports.AnnualReport"):
            signal.connect(_owned_changed, sender=label, dispatch_uid=f"pagecache-{label}-{signal}")
        signal.connect(_attachment_changed, sender="catalog.Attachment", dispatch_uid=f"pagecache-att-{signal}")
    for through in ("catalog.Item_columns", "catalog.Item_interprets"):
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"pagecache-{through}")
