"""Reading rendered forms in tests: where an element sits in the page."""

from html.parser import HTMLParser

VOID = {"input", "br", "img", "meta", "link", "hr", "source", "area", "base", "col", "embed", "wbr"}


class _Ancestry(HTMLParser):
    def __init__(self, element_id):
        super().__init__()
        self.element_id, self.stack, self.found = element_id, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") == self.element_id and self.found is None:
            self.found = [*self.stack, (tag, attrs)]
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break


def ancestors(html: str, element_id: str) -> list[tuple[str, dict]]:
    """The element with this id and every element around it, outermost first ([] if absent)."""
    parser = _Ancestry(element_id)
    parser.feed(html)
    return parser.found or []


def field_block_of(html: str, element_id: str) -> str | None:
    """The class of the form's field block (div.field) holding the element, or None outside any."""
    for tag, attrs in reversed(ancestors(html, element_id)):
        classes = (attrs.get("class") or "").split()
        if tag == "div" and "field" in classes:
            return attrs["class"]
        if "form-errors" in classes:
            return "form-errors"
    return None
