"""Reminder emails: one generic message for every kind of reminder.

A mailbox is often shared or glanced at over a shoulder, and a subject line shows on a
locked phone. So neither the subject, the sender name nor the body says what the reminder
is about (not even "check-in" or "end of the cool-down": that alone can tell a story), names
the app in discreet mode, or carries a date, a count or anything the person wrote. The
templates get only ``site_name`` and ``link``; a test renders every template in
templates/reminders/email/ and checks this.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from heartwork import languages
from heartwork.accounts.models import User
from heartwork.web.discreet import neutral_subject, site_name

TEMPLATES = ("reminders/email/reminder.txt", "reminders/email/reminder.html")


def enabled() -> bool:
    """Whether this server sends email at all (HEARTWORK_EMAIL_HOST is set)."""
    return bool(settings.HEARTWORK_EMAIL_ENABLED)


def base_url() -> str:
    base: str = settings.HEARTWORK_BASE_URL
    return base.rstrip("/")


def app_link() -> str:
    return base_url() + reverse("reminders:home")


def context_for(user: User) -> dict[str, str]:
    """Everything a reminder email may contain. Deliberately nothing about the reminder."""
    return {"site_name": site_name(user), "link": app_link()}


def message_for(user: User) -> EmailMultiAlternatives:
    # In the person's own language: a worker sends it, outside any request.
    with translation.override(languages.pick(user.language)):
        context = context_for(user)
        subject = neutral_subject("reminder")
        text = render_to_string(TEMPLATES[0], context)
        html = render_to_string(TEMPLATES[1], context)
    sender = f"{context['site_name']} <{settings.DEFAULT_FROM_EMAIL}>"
    message = EmailMultiAlternatives(subject, text, sender, [user.email])
    message.attach_alternative(html, "text/html")
    return message


def send_reminder(user: User) -> None:
    """Send one reminder email; SMTP errors are the caller's to retry."""
    message_for(user).send(fail_silently=False)
