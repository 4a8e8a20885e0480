"""Log-ins and log-outs reach the audit log, and the admin shows it read-only."""

from __future__ import annotations

import pytest
from django.test import Client

from heartwork.accounts.services import create_account
from heartwork.audit.models import AuditEvent
from heartwork.audit.services import record
from tests.conftest import PASSWORD, Persona, csrf_post
from tests.web.steps import ClientFor, log_in

LISTING = "/admin/audit/auditevent/"


@pytest.fixture
def staff(db: None) -> Client:
    admin = create_account(
        email="admin@example.org", password=PASSWORD, is_staff=True, is_superuser=True
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_logging_in_through_the_form_records_a_login_for_that_account(
    visitor: Client, alex: Persona
) -> None:
    log_in(visitor, alex.email, alex.password)

    event = AuditEvent.objects.get(kind="login")
    assert (event.user_id, event.channel) == (alex.user.pk, "web")


def test_a_wrong_password_records_a_failed_login_without_the_email_or_account(
    visitor: Client, alex: Persona
) -> None:
    log_in(visitor, alex.email, "not the password at all")

    event = AuditEvent.objects.get()
    assert (event.kind, event.user_id) == ("login_failed", None)


def test_logging_out_records_a_logout(alex: Persona, client_for: ClientFor) -> None:
    client = client_for(alex)

    csrf_post(client, "/accounts/logout/")

    assert AuditEvent.objects.filter(kind="logout", user_id=alex.user.pk).count() == 1


def test_staff_see_events_by_kind_time_and_account_id(staff: Client, alex: Persona) -> None:
    record(kind="export", user_id=alex.user.pk)

    response = staff.get(LISTING)

    assert response.status_code == 200
    html = response.content.decode()
    assert "export" in html and str(alex.user.pk) in html
    assert "alex@example.org" not in html


def test_staff_cannot_add_change_or_delete_events(staff: Client) -> None:
    record(kind="pair", user_id=None)
    event = AuditEvent.objects.get(kind="pair")

    assert staff.get(f"{LISTING}add/").status_code == 403
    csrf_post(staff, f"{LISTING}{event.pk}/change/", {"kind": "unpair"})
    assert staff.get(f"{LISTING}{event.pk}/delete/").status_code == 403
    csrf_post(staff, f"{LISTING}{event.pk}/delete/", {"post": "yes"})

    assert AuditEvent.objects.filter(kind="pair").count() == 1
    assert not AuditEvent.objects.filter(kind="unpair").exists()


def test_the_change_page_is_a_read_only_view(staff: Client) -> None:
    record(kind="backup", user_id=None)
    event = AuditEvent.objects.get(kind="backup")

    response = staff.get(f"{LISTING}{event.pk}/change/")

    assert response.status_code == 200
    assert "<textarea" not in response.content.decode()
    assert 'name="kind"' not in response.content.decode()
