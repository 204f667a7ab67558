"""Who gets what on every staff URL: one table, every persona, the own agency's records and another's.

The table is the access-control policy in one place. The test walks the URLconf: a new staff view without a
row here fails `test_every_staff_url_is_in_the_table`, so nobody adds a page without deciding who may open it.

Columns, in order: anonymous, then tests.core.site.PERSONAS —
  admin (superuser) · zl_jingban 经办人 · zl_chushen 初审 · zl_fushen 复审 · zl_zhongshen 终审 · zl_fuzeren 负责人 ·
  zl_guanli 机关管理员 (all 宗朗乡) · wx_jingban 乌夏巴什镇经办人+初审 · xian_gkb 县政务公开办（上级监督）·
  nomember (is_staff, no post anywhere).
Each row: (codes on 宗朗乡's records, codes on 乌夏巴什镇's records); URLs that name no record have one string.
A POST-only URL is sent an empty form (or FORM_DATA): a refused move is 403/404, a move the form or the
service layer turns back with a message is 302 (the message is checked in the apps' own tests).
"""

import pytest
from django.db import transaction

from tests.core.site import PERSONAS
from tests.core.urlmap import staff_url_names, takes_ids, url_for

pytestmark = pytest.mark.django_db

WHO = ("anon", *PERSONAS)

#                         anon adm jb  cs  fs  zs  fz  gl  wx  gkb nom
MATRIX = {
    "home":                 ("302 200 200 200 200 200 200 200 200 200 200",),
    "requests:workbench":   ("302 200 200 200 200 200 200 200 200 200 200",),
    "requests:register":    ("302 403 200 200 200 200 200 200 200 403 403",),
    "requests:history":     ("302 200 200 200 200 200 200 200 200 200 200",),
    "requests:ledger":      ("302 200 200 200 200 200 200 200 200 200 200",),
    "requests:ledger_import": ("302 403 200 200 200 200 200 200 200 403 403",),
    # an import job is its uploader's alone (宗朗乡's by zl_jingban, 乌夏巴什镇's by wx_jingban)
    "requests:ledger_import_job": ("302 404 200 404 404 404 404 404 404 404 404",
                                   "302 404 404 404 404 404 404 404 200 404 404"),
    "requests:detail":      ("302 200 200 200 200 200 200 200 404 200 404",
                             "302 200 404 404 404 404 404 404 200 200 404"),
    "requests:act":         ("302 403 403 403 403 403 403 403 404 403 404",
                             "302 403 404 404 404 404 404 404 403 403 404"),
    # The reply's preview sent an empty form: no move named, refused like "act".
    "requests:preview":     ("302 403 403 403 403 403 403 403 404 403 404",
                             "302 403 404 404 404 404 404 404 403 403 404"),
    # Attaching disclosed files: the agency's own staff (an empty form comes back with its error, 400).
    "requests:attach_disclosed": ("302 400 400 400 400 400 400 400 404 403 404",
                                  "302 400 404 404 404 404 404 404 400 403 404"),
    # The information disclosed with a reply: whoever may read the request, like its letters.
    "requests:disclosed_file": ("302 200 200 200 200 200 200 200 404 200 404",
                                "302 200 404 404 404 404 404 404 200 200 404"),
    "requests:receipt":     ("302 200 200 200 200 200 200 200 404 200 404",
                             "302 200 404 404 404 404 404 404 200 200 404"),
    "requests:supplement_due": ("302 200 200 200 200 200 200 200 404 200 404",
                             "302 200 404 404 404 404 404 404 200 200 404"),
    "requests:document":    ("302 200 200 200 200 200 200 200 404 200 404",
                             "302 200 404 404 404 404 404 404 200 200 404"),
    # The applicant's uploads (ID copies): the agency's own staff only, not its supervisor.
    "requests:attachment":  ("302 200 200 200 200 200 200 200 404 403 404",
                             "302 200 404 404 404 404 404 404 200 403 404"),
    "catalog:items":        ("302 200 200 200 200 200 200 200 200 200 200",),
    "catalog:item_new":     ("302 404 200 200 200 200 200 200 200 404 404",),
    "catalog:item":         ("302 200 200 200 200 200 200 200 404 200 404",
                             "302 200 404 404 404 404 404 404 200 200 404"),
    "catalog:item_edit":    ("302 404 200 200 200 200 200 200 404 404 404",
                             "302 404 404 404 404 404 404 404 200 404 404"),
    "catalog:item_submit":  ("302 302 302 302 302 302 302 302 404 302 404",
                             "302 302 404 404 404 404 404 404 302 302 404"),
    "catalog:item_withdraw": ("302 302 302 302 302 302 302 302 404 302 404",
                              "302 302 404 404 404 404 404 404 302 302 404"),
    "catalog:item_posting": ("302 302 302 302 302 302 302 302 404 302 404",
                             "302 302 404 404 404 404 404 404 302 302 404"),
    "catalog:attachment":   ("302 200 200 200 200 200 200 200 404 200 404",
                             "302 200 404 404 404 404 404 404 200 200 404"),
    "catalog:attachment_remove": ("302 302 302 302 302 302 302 302 404 302 404",
                                  "302 302 404 404 404 404 404 404 302 302 404"),
    "catalog:attachment_restore": ("302 302 302 302 302 302 302 302 404 302 404",
                                   "302 302 404 404 404 404 404 404 302 302 404"),
    "catalog:inbox":        ("302 200 200 200 200 200 200 200 200 200 200",),
    "catalog:review":       ("302 200 200 200 200 200 200 200 404 200 404",
                             "302 200 404 404 404 404 404 404 200 200 404"),
    "catalog:feedback":     ("302 200 200 200 200 200 200 200 200 200 200",),
    "catalog:feedback_reply": ("302 302 302 302 302 302 302 302 404 302 404",
                               "302 302 404 404 404 404 404 404 302 302 404"),
    "catalog:selfcheck":    ("302 200 200 200 200 200 200 200 200 200 404",),
    "catalog:export_xlsx":  ("302 200 200 200 200 200 200 200 200 200 404",),
    "catalog:export_json":  ("302 200 200 200 200 200 200 200 200 200 404",),
    "catalog:import":       ("302 404 200 200 200 200 200 200 200 404 404",),
    "reports:index":        ("302 200 200 200 200 200 200 200 200 200 200",),
    "reports:detail":       ("302 200 200 200 200 200 200 200 403 200 403",
                             "302 200 403 403 403 403 403 403 200 200 403"),
    "reports:start":        ("302 302 302 302 302 302 302 302 403 403 403",
                             "302 302 403 403 403 403 403 403 302 403 403"),
    "reports:save":         ("302 302 302 302 302 302 302 302 403 403 403",
                             "302 302 403 403 403 403 403 403 302 403 403"),
    "reports:act":          ("302 400 400 400 400 400 400 400 403 400 403",
                             "302 400 403 403 403 403 403 403 400 400 403"),
    # Sent valid figures: the supervisor reads the report but may not fill in the agency's figures.
    "reports:figures":      ("302 302 302 302 302 302 302 302 403 403 403",
                             "302 302 403 403 403 403 403 403 302 403 403"),
    "reports:preview":      ("302 200 200 200 200 200 200 200 403 200 403",
                             "302 200 403 403 403 403 403 403 200 200 403"),
    "reports:download":     ("302 200 200 200 200 200 200 200 403 200 403",
                             "302 200 403 403 403 403 403 403 200 200 403"),
    # A new query code (shown once): the agency's own staff; the supervisor may not act as the agency.
    "requests:new_query_code": ("302 302 302 302 302 302 302 302 404 403 404",
                                "302 302 404 404 404 404 404 404 302 403 404"),
    # 更正 of a published report, sent without a reason: refused with a message (400) to the agency's staff.
    "reports:correct":      ("302 400 400 400 400 400 400 400 403 403 403",
                             "302 400 403 403 403 403 403 403 400 403 403"),
    "checker:index":        ("302 200 403 403 403 403 403 403 403 200 403",),
    # The supervisor's overview of its subtree (政务公开办), and its spreadsheet.
    "reports:overview":     ("302 200 403 403 403 403 403 403 403 200 403",),
    "reports:overview_xlsx": ("302 200 403 403 403 403 403 403 403 200 403",),
    # Sent an empty form: no signed results to download, back to the checker with a message.
    "checker:xlsx":         ("302 302 403 403 403 403 403 403 403 302 403",),
    # 行政复议/诉讼 cases: the agency's staff write, the supervisor reads (writes 403), anyone else 404.
    "appeals:list":         ("302 200 200 200 200 200 200 200 200 200 403",),
    "appeals:create":       ("302 200 200 200 200 200 200 200 200 403 403",),
    "appeals:detail":       ("302 200 200 200 200 200 200 200 404 200 404",
                             "302 200 404 404 404 404 404 404 200 200 404"),
    "appeals:edit":         ("302 200 200 200 200 200 200 200 404 403 404",
                             "302 200 404 404 404 404 404 404 200 403 404"),
    # Sent an empty form: the agency's staff get the form back with its error (400).
    "appeals:upload":       ("302 400 400 400 400 400 400 400 404 403 404",
                             "302 400 404 404 404 404 404 404 400 403 404"),
    "appeals:document":     ("302 200 200 200 200 200 200 200 404 200 404",
                             "302 200 404 404 404 404 404 404 200 200 404"),
}

POST_ONLY = {"catalog:item_submit", "catalog:item_withdraw", "catalog:item_posting", "catalog:attachment_remove",
             "catalog:attachment_restore", "catalog:feedback_reply", "requests:act", "reports:start",
             "reports:save", "reports:act", "reports:figures", "appeals:upload",
             "requests:new_query_code", "reports:correct", "requests:preview", "requests:attach_disclosed",
             "checker:xlsx"}
FORM_DATA = {"reports:figures": {"licensing": 5, "penalty": 2, "coercion": 0, "fees_10k_yuan": "0.5"}}


def test_every_staff_url_is_in_the_table():
    names = set(staff_url_names())
    assert names - set(MATRIX) == set(), "staff URLs without a row in MATRIX: decide who may open them"
    assert set(MATRIX) - names == set(), "rows in MATRIX for URLs that no longer exist"
    for name, rows in MATRIX.items():
        assert len(rows) == (2 if takes_ids(name) else 1), name
        assert all(len(row.split()) == len(WHO) for row in rows), name


def _status(client, name, url) -> int:
    """One request whose writes are rolled back, so every cell of the table sees the same records."""
    with transaction.atomic():
        if name in POST_ONLY:
            response = client.post(url, FORM_DATA.get(name, {}))
        else:
            response = client.get(url)
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize("who", WHO)
def test_each_persona_gets_exactly_what_the_table_says(site, client, who):
    if who != "anon":
        client.force_login(site.users[who])
    column = WHO.index(who)
    wrong = []
    for name, rows in MATRIX.items():
        for rec, row in zip((site.own, site.other), rows, strict=False):
            expected, got = int(row.split()[column]), _status(client, name, url_for(name, rec))
            if got != expected:
                wrong.append(f"{name} on {rec.agency.short_name}: expected {expected}, got {got}")
    assert wrong == []


@pytest.mark.parametrize(("who", "status"), [("anon", 302), ("admin", 200), ("zl_guanli", 302), ("xian_gkb", 302),
                                             ("zl_jingban", 302)])
def test_only_the_system_administrator_reaches_the_admin_site(site, client, who, status):
    if who != "anon":
        client.force_login(site.users[who])
    assert client.get("/admin/").status_code == status
