"""A person with something in every part of Heartwork, for the export, import and delete
tests (tests/api/test_export*.py, tests/cli/test_export*.py, tests/unit/test_archive*.py,
tests/api/test_account_delete*.py). Not a fixture: call ``fill(persona)``."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from django.utils import timezone

from heartwork.accounts.models import User
from tests.conftest import pass_safety_check

# Words that must come back from an export, and be gone after a delete.
SECRET = "the walk by the canal in May"
NOW = timezone.now()
TODAY = timezone.localdate(NOW)


def fill(user: User) -> None:
    from heartwork.accounts.services import set_country, set_time_zone
    from heartwork.agreements.models import SoloDraft
    from heartwork.agreements.sections import SECTION_IDS
    from heartwork.checkin.models import CheckIn
    from heartwork.checkin.rules import Answers
    from heartwork.drafts.services import save_draft
    from heartwork.journal.services import create_entry
    from heartwork.program.models import StageMark
    from heartwork.program.services import answer_situation
    from heartwork.reminders.models import Delivery, Preferences
    from heartwork.reminders.services import schedule
    from heartwork.rituals import services as rituals
    from heartwork.space import services as space
    from heartwork.space.models import Plan, Slip, SocialCheck
    from heartwork.trust import services as trust
    from heartwork.wellbeing.models import Take
    from tests.conftest import SITUATION, Persona

    set_country(user=user, country="ie")
    set_time_zone(user=user, name="Europe/Dublin")
    pass_safety_check(Persona(user=user, password="", token=""), partner_name="Jo")
    answer_situation(user=user, answers=SITUATION)
    StageMark.objects.create(user=user, stage="space", done_at=NOW)
    create_entry(user=user, title="May", body=f"I keep thinking of {SECRET}.\nSecond line.")
    save_draft(user=user, kind="apology", text="I am sorry I shouted.")
    SoloDraft.objects.create(user=user, section=SECTION_IDS[0], text="phones away at dinner")
    take = Take(user=user, check_id="relationship")
    take.set_payload(answers={"feel_now": 3, "respect": 4}, score=63)
    take.save()
    checkin = CheckIn(user=user, day=TODAY)
    checkin.set_answers(Answers(mood=4, sleep_hours=7.5, note="calmer today"))
    checkin.save()
    Plan.objects.create(user=user, started_on=TODAY, planned_days=30, last_contact_on=TODAY)
    space.log_urge(user=user, strength=7, trigger="a song", instead="called my sister")
    Slip.objects.create(user=user, at=NOW, how="message", learned="wait an hour first")
    SocialCheck.objects.create(user=user, at=NOW)
    space.write_letter(user=user, body="Dear Jo,\nnot sent.")
    commitment = trust.add_commitment(user=user, text="call when late", due=TODAY)
    trust.resolve_commitment(commitment=commitment, status="kept")
    trust.add_entry(user=user, direction="deposit", kind="own_words", note="listened")
    ritual = rituals.add_ritual(user=user, name="tea after work", cadence="daily")
    rituals.mark_done(ritual=ritual)
    rituals.log_time(user=user, minutes=45, what="a walk")
    rituals.add_reflection(user=user, text="we laugh at the same things")
    reminder = schedule(
        user=user, kind="checkin", ref="daily", due_at=NOW + timedelta(days=1), repeat="daily"
    )
    Preferences.objects.update_or_create(
        user=user, defaults={"quiet_start": time(23, 0), "feed_digest": "ab" * 32}
    )
    Delivery.objects.create(
        reminder=reminder,
        user=user,
        fire_at=datetime(2026, 1, 2, 9, tzinfo=UTC),
        channel="app",
    )
