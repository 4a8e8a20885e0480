"""`make bench-web` keeps working: its seeding writes every tracker through the services,
and every page it times still answers. A week of data instead of two years, and no timing
asserted (docs/benchmarks.md: benchmarks are not tests)."""

from __future__ import annotations

from bench import web

from heartwork.checkin.models import CheckIn
from heartwork.journal.models import Entry as JournalEntry
from heartwork.rituals.models import RitualDone
from heartwork.space.models import Plan, Urge
from heartwork.trust.models import Entry as TrustEntry
from heartwork.wellbeing.models import Take


def test_a_week_of_seeding_fills_every_tracker_and_every_timed_page_answers(db: None) -> None:
    user, seeded = web.seed_person("bench@example.org", days=web.ONE_WEEK)

    assert CheckIn.objects.filter(user=user).count() == seeded.rows["check-ins"] > 0
    assert Urge.objects.filter(user=user).count() == seeded.rows["urges"] > 0
    assert TrustEntry.objects.filter(user=user).count() >= seeded.rows["trust entries"] > 0
    assert JournalEntry.objects.filter(user=user).count() == seeded.rows["journal entries"] > 0
    assert RitualDone.objects.filter(user=user).exists()
    assert Take.objects.filter(user=user).exists()
    assert Plan.objects.filter(user=user).exists()
    # One check-in a day, the newest days ending today (in the person's time zone).
    days = sorted(CheckIn.objects.filter(user=user).values_list("day", flat=True))
    assert len(set(days)) == len(days)
    assert (days[-1] - days[0]).days < web.ONE_WEEK
    # The texts are the bench's own everyday words: nothing in them trips the safety net,
    # so the pages show what most people see.
    assert web.safety_level(user).startswith("green")

    results = web.time_pages({"week": user}, rounds=1, warm_up=0)

    assert [result.page for result in results] == list(web.PAGES)
    for result in results:
        assert len(result.samples["week"]) == 1
        assert result.queries["week"] > 0 and result.bytes["week"] > 0
    rows = web.report(results, "week", "week", "week")
    assert [row["page"] for row in rows] == list(web.PAGES)
