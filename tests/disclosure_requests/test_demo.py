"""The demo year: many outcomes, channels and applicant types; 宗朗乡 has nothing in 2024."""

from gongkai.core.demo import DemoContext
from gongkai.disclosure_requests import demo, queries
from gongkai.disclosure_requests.models import Request


def test_demo_loads_a_realistic_2025(db):
    from gongkai.agencies import demo as agencies_demo
    from gongkai.workdays import demo as workdays_demo

    ctx = DemoContext()
    workdays_demo.load(ctx)
    agencies_demo.load(ctx)
    demo.load(ctx)
    zonglang = ctx.agencies["zonglang"]
    assert not Request.objects.filter(agency=zonglang, received_on__year=2024).exists()
    in_2025 = Request.objects.filter(received_on__year=2025)
    assert in_2025.values("outcome").distinct().count() >= 18
    assert in_2025.values("channel").distinct().count() == 6
    assert in_2025.values("applicant_type").distinct().count() == 6
    assert queries.carried_over(ctx.agencies["county"], 2024).count() == 2
    assert Request.objects.filter(state="awaiting_supplement").exists()
    assert Request.objects.filter(received_on__year=2025, closed_on__isnull=True).count() >= 4
    assert "宗朗乡2024年无申请" in ctx.lines[-1]
