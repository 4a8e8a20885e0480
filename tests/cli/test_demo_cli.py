"""`heartwork demo`: a demo account with weeks of history that a newcomer can log in to."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from heartwork.accounts.models import User
from heartwork.checkin.models import CheckIn
from heartwork.cli import main
from heartwork.coach.engine import analyze
from heartwork.drafts.models import Draft
from heartwork.journal.models import Entry as JournalEntry
from heartwork.space.models import Slip, Urge
from heartwork.trust.models import Entry as LedgerEntry
from tests.web.steps import log_in

PASSWORD = "a long demo passphrase 1"


def make_demo(capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    code = main(["demo", "--email", "demo@example.org", "--password", PASSWORD, *extra])
    assert code == 0
    return capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_demo_prints_a_log_in_that_works(capsys: pytest.CaptureFixture[str]) -> None:
    out = make_demo(capsys)

    assert "demo@example.org" in out and PASSWORD in out and "/accounts/login/" in out
    client = Client()
    log_in(client, "demo@example.org", PASSWORD)
    for page in ("/", "/space/", "/checkin/", "/trust/", "/journal/", "/coach/drafts/"):
        assert client.get(page).status_code == 200, page


@pytest.mark.django_db(transaction=True)
def test_demo_history_spans_the_weeks_and_tells_a_story(
    capsys: pytest.CaptureFixture[str],
) -> None:
    make_demo(capsys, "--weeks", "6")
    user = User.objects.get(email="demo@example.org")
    today = timezone.localdate()

    days = sorted(CheckIn.objects.filter(user=user).values_list("day", flat=True))
    assert days[0] <= today - timedelta(days=40) and days[-1] == today
    assert 30 <= len(days) < 43  # most days, not every day: missed days happen

    urges = list(Urge.objects.filter(user=user).order_by("at"))
    first_week = [u for u in urges if u.at.date() < today - timedelta(days=35)]
    last_week = [u for u in urges if u.at.date() >= today - timedelta(days=7)]
    assert len(first_week) > len(last_week)  # the urges ease off
    assert sum(u.strength for u in first_week) / len(first_week) > 6

    assert Slip.objects.filter(user=user).count() == 1
    directions = set(LedgerEntry.objects.filter(user=user).values_list("direction", flat=True))
    assert directions == {"deposit", "withdrawal"}
    entries = JournalEntry.objects.filter(user=user)
    assert entries.count() >= 4 and min(e.created_at for e in entries).date() < today - timedelta(
        days=30
    )
    assert not any(e.was_edited for e in entries)


@pytest.mark.django_db(transaction=True)
def test_demo_has_a_flawed_apology_and_a_coached_one(capsys: pytest.CaptureFixture[str]) -> None:
    make_demo(capsys)
    user = User.objects.get(email="demo@example.org")

    first, second = Draft.objects.filter(user=user, kind="apology").order_by("created_at")
    flawed = analyze(first.text, kind="apology")
    coached = analyze(second.text, kind="apology")
    assert {"but_undo", "conditional"} & set(flawed.labels)
    assert coached.labels == ("genuine",)


@pytest.mark.django_db(transaction=True)
def test_demo_never_touches_an_existing_account(capsys: pytest.CaptureFixture[str]) -> None:
    make_demo(capsys)
    checkins = CheckIn.objects.count()

    code = main(["demo", "--email", "DEMO@example.org", "--password", PASSWORD])

    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "--email" in err
    assert CheckIn.objects.count() == checkins


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--weeks", "1"], "3-52"),
        (["--weeks", "many"], "whole number"),
        (["--password", "short"], "--password"),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_demo_bad_options_exit_2_with_one_line(
    args: list[str], names: str, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code = main(["demo", *args])
    except SystemExit as exit_:  # argparse rejects an option before main's handlers
        code = int(str(exit_.code))

    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and names in err
    assert not User.objects.exists()
