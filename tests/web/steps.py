"""Small steps several page tests take: log in through the form, write entries, sudo."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from heartwork.accounts.sudo import SUDO_SECONDS
from heartwork.journal import services as journal
from heartwork.journal.models import Entry
from tests.conftest import Persona, csrf_post

SUDO_KEY = "heartwork_sudo_until"

ClientFor = Callable[[Persona], Client]
"""The type of the ``client_for`` fixture: a logged-in browser for a persona."""


def log_in(client: Client, email: str, password: str, next_url: str = "") -> HttpResponse:
    data = {"username": email, "password": password}
    if next_url:
        data["next"] = next_url
    return csrf_post(client, "/accounts/login/", data)


def is_logged_in_as(client: Client, persona: Persona) -> bool:
    return client.session.get("_auth_user_id") == str(persona.user.pk)


def write_entry(persona: Persona, body: str, title: str = "", minutes_ago: int = 0) -> Entry:
    """An entry written some minutes ago, so the newest-first order is certain."""
    entry = journal.create_entry(user=persona.user, title=title, body=body)
    entry.created_at = timezone.now() - timedelta(minutes=minutes_ago)
    Entry.objects.filter(pk=entry.pk).update(created_at=entry.created_at)
    return entry


def reload(entry: Entry) -> Entry:
    return Entry.objects.select_related("user__data_key").get(pk=entry.pk)


def set_sudo_until(client: Client, until: float) -> None:
    session = client.session
    session[SUDO_KEY] = until
    session.save()


def grant_sudo(client: Client) -> None:
    """As if the password was typed just now."""
    set_sudo_until(client, time.time() + SUDO_SECONDS)
