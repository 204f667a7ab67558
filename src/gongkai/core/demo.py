"""`gongkai demo`: one place that loads every app's demo records, in dependency order."""

from contextlib import nullcontext
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

DEMO_PASSWORD = "gongkai-demo"

# Each module has `load(ctx: DemoContext)`; later issues add theirs to this list, nowhere else.
DEMO_MODULES = (
    "gongkai.workdays.demo",
    "gongkai.agencies.demo",
    "gongkai.catalog.demo",
    "gongkai.disclosure_requests.demo",
    "gongkai.appeals.demo",
    "gongkai.reports.demo",
)


@dataclass
class DemoContext:
    agencies: dict = field(default_factory=dict)  # short key → Agency
    users: dict = field(default_factory=dict)  # username → User
    logins: list = field(default_factory=list)  # (username, role description) for the printout
    lines: list = field(default_factory=list)  # what each module says it loaded


def load_demo() -> DemoContext:
    ctx = DemoContext()
    mail = "gongkai.disclosure_requests.notifications"
    with import_module(mail).no_letter_mail() if find_spec(mail) is not None else nullcontext():
        for name in DEMO_MODULES:
            if find_spec(name) is not None:
                import_module(name).load(ctx)
    return ctx
