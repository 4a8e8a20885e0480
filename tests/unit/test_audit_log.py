"""The audit log's model and services: what an event keeps, and that it cannot be edited."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import timezone

from heartwork.audit.models import KINDS, AppendOnlyError, AuditEvent
from heartwork.audit.services import prune, record
from tests.conftest import Persona

pytestmark = pytest.mark.django_db


def test_an_event_keeps_the_kind_the_account_id_the_channel_and_the_time_only() -> None:
    someone = uuid.uuid4()
    request = RequestFactory().post(
        "/accounts/login/", {"username": "alex@example.org"}, REMOTE_ADDR="203.0.113.9"
    )

    record(kind="login", user_id=someone, request=request)

    event = AuditEvent.objects.get()
    assert (event.kind, event.user_id, event.channel) == ("login", someone, "web")
    assert abs(event.at - timezone.now()) < timedelta(seconds=5)
    stored = " ".join(str(getattr(event, f.attname)) for f in AuditEvent._meta.fields)
    assert "203.0.113.9" not in stored and "alex@example.org" not in stored


@pytest.mark.parametrize(
    ("path", "channel"), [("/api/v1/auth/token", "api"), ("/accounts/login/", "web")]
)
def test_the_channel_says_whether_it_came_through_the_api_or_the_web(
    path: str, channel: str
) -> None:
    record(kind="login", user_id=None, request=RequestFactory().get(path))

    assert AuditEvent.objects.get().channel == channel


def test_an_event_from_the_command_line_has_no_channel() -> None:
    record(kind="backup", user_id=None)

    assert AuditEvent.objects.get().channel == ""


def test_every_kind_in_the_contract_can_be_recorded() -> None:
    for kind in KINDS:
        record(kind=kind, user_id=None)

    assert sorted(AuditEvent.objects.values_list("kind", flat=True)) == sorted(KINDS)


def test_an_unknown_kind_is_a_programming_error_not_a_silent_row() -> None:
    with pytest.raises(ValueError, match="unknown audit event kind"):
        record(kind="page_view", user_id=None)

    assert not AuditEvent.objects.exists()


def test_an_event_cannot_be_changed_once_written() -> None:
    record(kind="login", user_id=None)
    event = AuditEvent.objects.get()
    event.kind = "logout"

    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(kind="logout")

    assert AuditEvent.objects.get().kind == "login"


def test_an_event_cannot_be_deleted_one_by_one_or_in_bulk() -> None:
    record(kind="login", user_id=None)

    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.get().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()

    assert AuditEvent.objects.count() == 1


def test_the_record_of_an_account_outlives_the_account(alex: Persona) -> None:
    account_id = alex.user.pk
    record(kind="delete_account", user_id=account_id)

    alex.user.delete()

    assert AuditEvent.objects.get().user_id == account_id


def test_pruning_removes_only_events_older_than_the_retention() -> None:
    with time_machine.travel(timezone.now() - timedelta(days=400), tick=False):
        record(kind="login", user_id=None)
    with time_machine.travel(timezone.now() - timedelta(days=300), tick=False):
        record(kind="logout", user_id=None)

    assert prune(older_than_days=365) == 1

    assert list(AuditEvent.objects.values_list("kind", flat=True)) == ["logout"]


def test_pruning_refuses_a_retention_of_less_than_a_day() -> None:
    with pytest.raises(ValueError, match="1 or more"):
        prune(older_than_days=0)
