"""The sweep the worker runs every minute (heartwork.reminders.sweep), with a frozen clock:
idempotent (running twice sends once), safe across a restart, in each person's own time zone
and never inside their quiet hours."""

from __future__ import annotations

import smtplib
import threading
from datetime import UTC, datetime, time, timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from pytest_django.fixtures import Settings

from heartwork.core.timezones import zone
from heartwork.reminders import services
from heartwork.reminders.models import Delivery, Reminder
from heartwork.reminders.sweep import _fire, sweep
from tests.conftest import Persona

NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)  # a Wednesday


@pytest.fixture
def email_on(settings: Settings) -> None:
    settings.HEARTWORK_EMAIL_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _deliveries(persona: Persona, channel: str = "app") -> list[Delivery]:
    return list(Delivery.objects.filter(user=persona.user, channel=channel).order_by("fire_at"))


def _in_zone(persona: Persona, name: str) -> None:
    persona.user.time_zone = name
    persona.user.save(update_fields=["time_zone"])


def test_a_due_reminder_is_delivered_once_even_when_the_sweep_runs_twice(alex: Persona) -> None:
    with time_machine.travel(NOON, tick=False):
        services.schedule(
            user=alex.user, kind="agreement_review", ref="a1", due_at=NOON + timedelta(hours=1)
        )
    with time_machine.travel(NOON + timedelta(hours=1), tick=False):
        assert sweep().fired == 1
        assert sweep().fired == 0
    assert len(_deliveries(alex)) == 1
    assert Reminder.objects.get(user=alex.user).next_fire_at is None


def test_a_reminder_that_is_not_due_yet_waits(alex: Persona) -> None:
    with time_machine.travel(NOON, tick=False):
        services.schedule(
            user=alex.user, kind="cooldown_end", ref="plan", due_at=NOON + timedelta(hours=2)
        )
        assert sweep().fired == 0
    assert _deliveries(alex) == []


def test_two_workers_claiming_the_same_reminder_deliver_it_once(alex: Persona) -> None:
    with time_machine.travel(NOON, tick=False):
        reminder = services.schedule(user=alex.user, kind="checkin", ref="daily", due_at=NOON)
    due = NOON + timedelta(minutes=1)
    # The second worker read the row as due before the first one moved it on.
    assert _fire(reminder.id, due) == 1
    assert _fire(reminder.id, due) == 0
    Reminder.objects.filter(pk=reminder.id).update(next_fire_at=NOON)  # a stale read
    _fire(reminder.id, due)
    assert len(_deliveries(alex)) == 1  # the unique (reminder, time, channel) held


def test_a_restart_loses_nothing_and_a_missed_daily_reminder_comes_once(alex: Persona) -> None:
    with time_machine.travel(NOON, tick=False):
        services.schedule(
            user=alex.user,
            kind="checkin",
            ref="daily",
            due_at=NOON + timedelta(hours=1),
            repeat="daily",
        )
    # The server was off for three days; a fresh process has no memory but the database.
    zone.cache_clear()
    later = NOON + timedelta(days=3, hours=2)
    with time_machine.travel(later, tick=False):
        assert sweep().fired == 1
        assert sweep().fired == 0
    reminder = Reminder.objects.get(user=alex.user)
    assert len(_deliveries(alex)) == 1
    assert reminder.next_fire_at == NOON + timedelta(days=4, hours=1)
    with time_machine.travel(reminder.next_fire_at, tick=False):
        assert sweep().fired == 1
    assert len(_deliveries(alex)) == 2


def test_a_daily_reminder_fires_at_the_local_time_where_the_person_lives(alex: Persona) -> None:
    _in_zone(alex, "Asia/Tokyo")
    eight_in_tokyo = datetime(2026, 6, 11, 8, 0, tzinfo=zone("Asia/Tokyo"))
    with time_machine.travel(NOON, tick=False):
        services.schedule(
            user=alex.user, kind="ritual", ref="r1", due_at=eight_in_tokyo, repeat="daily"
        )
    with time_machine.travel(eight_in_tokyo - timedelta(minutes=1), tick=False):
        assert sweep().fired == 0
    with time_machine.travel(eight_in_tokyo, tick=False):
        assert sweep().fired == 1
    fired = _deliveries(alex)[0].fire_at
    assert fired == datetime(2026, 6, 10, 23, 0, tzinfo=UTC)
    next_fire = Reminder.objects.get(user=alex.user).next_fire_at
    assert next_fire is not None
    assert next_fire.astimezone(zone("Asia/Tokyo")).time() == time(8, 0)


def test_a_reminder_set_inside_quiet_hours_waits_for_their_end(alex: Persona) -> None:
    _in_zone(alex, "America/New_York")
    new_york = zone("America/New_York")
    late = datetime(2026, 6, 10, 23, 30, tzinfo=new_york)
    with time_machine.travel(NOON, tick=False):
        services.set_preferences(user=alex.user, quiet_start=time(22, 0), quiet_end=time(7, 30))
        services.schedule(user=alex.user, kind="checkin", ref="daily", due_at=late, repeat="daily")
    with time_machine.travel(late, tick=False):
        assert sweep().fired == 0
    morning = datetime(2026, 6, 11, 7, 30, tzinfo=new_york)
    with time_machine.travel(morning - timedelta(minutes=1), tick=False):
        assert sweep().fired == 0
    with time_machine.travel(morning, tick=False):
        assert sweep().fired == 1
    assert _deliveries(alex)[0].fire_at == morning


def test_changing_quiet_hours_moves_reminders_already_waiting(alex: Persona) -> None:
    evening = NOON + timedelta(hours=8)  # 20:00 UTC, alex's zone is the server's (UTC)
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=alex.user, kind="agreement_review", ref="a2", due_at=evening)
        services.set_preferences(user=alex.user, quiet_start=time(19, 0), quiet_end=time(9, 0))
    reminder = Reminder.objects.get(user=alex.user)
    assert reminder.next_fire_at == datetime(2026, 6, 11, 9, 0, tzinfo=UTC)


def test_scheduling_again_replaces_the_reminder_and_cancel_forgets_it(alex: Persona) -> None:
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=alex.user, kind="ritual", ref="r9", due_at=NOON + timedelta(1))
        services.schedule(user=alex.user, kind="ritual", ref="r9", due_at=NOON + timedelta(2))
    assert Reminder.objects.filter(user=alex.user).count() == 1
    assert Reminder.objects.get(user=alex.user).due_at == NOON + timedelta(2)
    services.cancel(user=alex.user, kind="ritual", ref="r9")
    services.cancel(user=alex.user, kind="ritual", ref="r9")  # twice is fine
    assert not Reminder.objects.filter(user=alex.user).exists()


def test_saving_a_one_off_reminder_again_after_it_fired_does_not_send_it_again(
    alex: Persona,
) -> None:
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=alex.user, kind="cooldown_end", ref="plan", due_at=NOON)
        sweep()
        services.schedule(user=alex.user, kind="cooldown_end", ref="plan", due_at=NOON)
    with time_machine.travel(NOON + timedelta(hours=1), tick=False):
        assert sweep().fired == 0
    assert len(_deliveries(alex)) == 1


def test_bad_kinds_repeats_and_naive_times_are_refused(alex: Persona) -> None:
    cases: list[tuple[dict[str, object], str]] = [
        ({"kind": "birthday"}, "kind"),
        ({"repeat": "monthly"}, "repeat"),
        ({"due_at": datetime(2026, 6, 10, 12, 0)}, "due_at"),
        ({"ref": "x" * 65}, "ref"),
    ]
    for change, field in cases:
        arguments: dict[str, object] = {
            "kind": "checkin",
            "ref": "daily",
            "due_at": NOON,
            "repeat": "once",
        } | change
        with pytest.raises(services.ReminderInputError) as caught:
            services.schedule(user=alex.user, **arguments)  # type: ignore[arg-type]
        assert caught.value.field == field


def test_one_persons_reminders_never_reach_another(alex: Persona, sam: Persona) -> None:
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=alex.user, kind="checkin", ref="daily", due_at=NOON)
        sweep()
    assert len(_deliveries(alex)) == 1
    assert _deliveries(sam) == []


# -- email -----------------------------------------------------------------------------


def test_no_email_is_sent_unless_the_person_turned_it_on(alex: Persona, email_on: None) -> None:
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=alex.user, kind="checkin", ref="daily", due_at=NOON)
        sweep()
    assert mail.outbox == []
    assert _deliveries(alex, "email") == []


def test_no_email_is_sent_when_the_server_has_no_smtp(alex: Persona, settings: Settings) -> None:
    settings.HEARTWORK_EMAIL_ENABLED = False
    services.set_preferences(user=alex.user, email=True)
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=alex.user, kind="checkin", ref="daily", due_at=NOON)
        sweep()
    assert mail.outbox == []


def test_an_email_goes_out_once_however_often_the_sweep_runs(alex: Persona, email_on: None) -> None:
    services.set_preferences(user=alex.user, email=True)
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=alex.user, kind="cooldown_end", ref="plan", due_at=NOON)
        assert sweep().emails_sent == 1
        assert sweep().emails_sent == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [alex.email]
    assert _deliveries(alex, "email")[0].sent_at == NOON


def test_a_failed_email_is_tried_again_on_the_next_sweep(alex: Persona, email_on: None) -> None:
    services.set_preferences(user=alex.user, email=True)
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=alex.user, kind="checkin", ref="daily", due_at=NOON)
        with mock.patch(
            "heartwork.reminders.mail.send_reminder", side_effect=smtplib.SMTPServerDisconnected
        ):
            assert sweep().emails_sent == 0
    with time_machine.travel(NOON + timedelta(minutes=1), tick=False):
        assert sweep().emails_sent == 1
        assert sweep().emails_sent == 0
    assert len(mail.outbox) == 1
    assert _deliveries(alex, "email")[0].attempts == 2


def test_an_email_taken_by_another_worker_is_not_sent_twice(alex: Persona, email_on: None) -> None:
    services.set_preferences(user=alex.user, email=True)
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=alex.user, kind="checkin", ref="daily", due_at=NOON)
        with mock.patch("heartwork.reminders.sweep.send_emails", return_value=0):
            sweep()
        Delivery.objects.filter(channel="email").update(claimed_at=NOON)  # being sent elsewhere
        assert sweep().emails_sent == 0
    with time_machine.travel(NOON + timedelta(minutes=11), tick=False):  # that worker died
        assert sweep().emails_sent == 1
    assert len(mail.outbox) == 1


def test_an_email_waiting_when_the_person_turns_email_off_is_never_sent(
    alex: Persona, email_on: None
) -> None:
    services.set_preferences(user=alex.user, email=True)
    with time_machine.travel(NOON, tick=False):
        services.schedule(user=alex.user, kind="checkin", ref="daily", due_at=NOON)
        with mock.patch("heartwork.reminders.sweep.send_emails", return_value=0):
            sweep()
        services.set_preferences(user=alex.user, email=False)
        sweep()
    assert mail.outbox == []
    assert len(_deliveries(alex)) == 1  # still there in the app


# -- safety and time zones ---------------------------------------------------------------


def test_while_the_safety_lock_holds_couple_reminders_are_skipped_not_postponed(
    alex: Persona,
) -> None:
    from tests.program.steps import lock_with_an_order

    with time_machine.travel(NOON, tick=False):
        services.schedule(user=alex.user, kind="ritual", ref="r1", due_at=NOON, repeat="daily")
        services.schedule(user=alex.user, kind="agreement_review", ref="a1", due_at=NOON)
        services.schedule(user=alex.user, kind="checkin", ref="daily", due_at=NOON)
    lock_with_an_order(alex)
    with time_machine.travel(NOON, tick=False):
        assert sweep().fired == 1
    assert [d.reminder.kind for d in _deliveries(alex)] == ["checkin"]
    review = Reminder.objects.get(user=alex.user, kind="agreement_review")
    assert review.next_fire_at is None  # it does not come later either


def test_a_new_time_zone_keeps_the_wall_time_of_daily_reminders(alex: Persona) -> None:
    from heartwork.accounts.services import set_time_zone

    with time_machine.travel(NOON, tick=False):
        services.set_checkin_time(user=alex.user, at=time(19, 0))
        set_time_zone(user=alex.user, name="Australia/Sydney")
    fire = Reminder.objects.get(user=alex.user).next_fire_at
    assert fire is not None
    assert fire.astimezone(zone("Australia/Sydney")).time() == time(19, 0)
    assert fire == datetime(2026, 6, 11, 9, 0, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_four_workers_sweeping_at_the_same_moment_deliver_each_reminder_once() -> None:
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("on SQLite one writer at a time is the lock itself; PostgreSQL has real rows")
    from tests.conftest import make_persona

    people = [make_persona(f"worker{n}@example.org") for n in range(3)]
    with time_machine.travel(NOON, tick=False):
        for persona in people:
            for ref in ("a", "b", "c"):
                services.schedule(user=persona.user, kind="agreement_review", ref=ref, due_at=NOON)
    barrier = threading.Barrier(4)
    results: list[int] = []

    def work() -> None:
        try:
            barrier.wait()
            results.append(sweep(NOON + timedelta(minutes=1)).fired)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 9
    assert Delivery.objects.count() == 9
