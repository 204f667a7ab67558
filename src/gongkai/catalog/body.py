"""An item's 正文: what survives sanitising, and how it is shown on the portal.

Bodies come from staff editors, imports and the report publisher. Saving sanitises them (nh3): no script,
no javascript: link, and no resource from another site — an item page that loads an external image
(a tracker) tells a third party who read which government notice. The only images kept are this site's
own attachment downloads; a staff attachment URL (which the public cannot open) is rewritten to the
portal's, and every other image is dropped. nh3 already drops style/srcset/iframe/object/svg since they are
not in the allowed lists below.

Most staff type plain text into the textarea; it is stored as typed and shown as paragraphs (a blank line
starts a paragraph, a single line break is a <br>), so the portal keeps the layout staff entered.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.safestring import SafeString, mark_safe

BODY_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "ul", "ol", "li", "table", "thead", "tbody",
    "tr", "th", "td", "a", "blockquote", "span", "div", "img",
}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt"}, "td": {"colspan", "rowspan"},
              "th": {"colspan", "rowspan"}}

PORTAL_ATTACHMENT = "xxgk:attachment"
STAFF_ATTACHMENT = "catalog:attachment"

# nh3's output quotes every attribute value with " and escapes " inside it, so this reads an img tag exactly.
_IMG = re.compile(r'<img((?:\s+[a-z-]+="[^"]*")*)\s*/?>')
_ATTR_NAME = re.compile(r'\s+([a-z-]+)="')
_BLOCK = re.compile(r"<(p|div|h[1-6]|ul|ol|li|table|blockquote|br)\b", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n(?:[ \t\u3000]*\n)+")


def _own_host(host: str) -> bool:
    """An absolute URL counts as this site only for a host named exactly in ALLOWED_HOSTS (never "*")."""
    return bool(host) and host.lower() in {h.lower() for h in settings.ALLOWED_HOSTS if "*" not in h
                                           and not h.startswith(".")}


def own_image_src(src: str) -> str | None:
    """The portal URL of one of our attachments, or None for anything else (external, unknown, data:)."""
    parts = urlsplit(src.strip())
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https", "") or not _own_host(parts.hostname or ""):
            return None
    if not parts.path.startswith("/"):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name not in (PORTAL_ATTACHMENT, STAFF_ATTACHMENT):
        return None
    try:
        return reverse(PORTAL_ATTACHMENT, kwargs=match.kwargs)
    except NoReverseMatch:  # pragma: no cover - both patterns take the same two ids
        return None


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src":
        return own_image_src(value)
    return value


def _drop_sourceless_images(cleaned: str) -> str:
    def keep(match: re.Match) -> str:
        return match.group(0) if "src" in _ATTR_NAME.findall(match.group(1)) else ""

    return _IMG.sub(keep, cleaned)


def clean_body(text: str) -> str:
    """The stored form of a body: sanitised HTML, or plain text with its line breaks."""
    cleaned = nh3.clean(text or "", tags=BODY_TAGS, url_schemes={"http", "https", "mailto"},
                        attributes=ATTRIBUTES, attribute_filter=_filter_attribute)
    return _drop_sourceless_images(cleaned)


def is_plain(body: str) -> bool:
    """Typed text (inline marks at most): its line breaks are its layout."""
    return not _BLOCK.search(body or "")


def render_body(body: str) -> SafeString:
    """The page form of a stored body.

    Sanitised again here (nh3 takes microseconds): rows saved before a rule was added, or written around
    ``save()``, must not carry a tracker image to the page either.
    """
    body = clean_body(body).replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip() or not is_plain(body):
        return mark_safe(body)  # noqa: S308 - just sanitised
    paragraphs = [p.strip("\n") for p in _PARAGRAPH_BREAK.split(body) if p.strip()]
    return mark_safe("".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs))  # noqa: S308


def editable_text(body: str) -> str:
    """What the editor shows: a plain-text body without the entities sanitising added (A&amp;B → A&B).

    Saving sanitises it again to the same stored text, so opening and saving an item never changes its body.
    """
    if body and "<" not in body:
        typed = html.unescape(body)
        if clean_body(typed) == body:  # an entity typed as such (&lt;b&gt;) stays as stored
            return typed
    return body
