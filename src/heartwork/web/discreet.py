"""Quick exit and discreet use: the neutral words and places, kept in one module.

Someone else may read the phone (docs/safety.md). Two things live here:

* ``QUICK_EXIT_URL``: where the Exit button on every page, and Shift pressed three
  times, send a person. A public weather page: ordinary to have open, and nothing on
  it hints at where the person came from. Change it here and nowhere else: the base
  template reads it with ``{% quick_exit_url %}`` (templatetags/discreet.py) and
  quick-exit.js reads it from the link's href.
* Discreet mode (``User.discreet_mode``): page titles and the name in the header
  become ``NEUTRAL_TITLE``. Templates get this from ``discreet_context`` (registered
  in settings.TEMPLATES) as ``discreet_title``: empty when the normal title applies.

For notifications and emails (none are sent yet), use ``neutral_subject()`` for every
subject line, title or preview, whatever the person's setting: it never names the
app, its purpose, a partner or anything the person wrote (SAFETY.md, Never 8).
Put nothing else in a subject, not even a count or a date.
"""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

QUICK_EXIT_URL = "https://www.bbc.com/weather"
"""The neutral public page the quick exit opens in place of the current one."""

BRAND_NAME = "Heartwork"
NEUTRAL_TITLE = gettext_noop("Notes")
"""The page title and header name in discreet mode (translated where shown)."""

SubjectKind = Literal["reminder", "account", "update"]


def neutral_subject(kind: SubjectKind = "update") -> str:
    """A generic subject for a notification or email, in the active language.

    Pure: it takes no user, text or name, so nothing personal can reach the subject.
    ``"reminder"`` for scheduled nudges (a re-check, a journal prompt), ``"account"``
    for sign-in and password mail, ``"update"`` for anything else.
    """
    subjects = {
        "reminder": _("A reminder"),
        "account": _("About your account"),
        "update": _("You have an update"),
    }
    return subjects[kind]


def is_discreet(user: object) -> bool:
    """Whether neutral wording applies: a logged-in person who turned discreet mode on."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "discreet_mode", False))


def site_name(user: object) -> str:
    """The name to show for the site, e.g. as an email's sender name."""
    return _(NEUTRAL_TITLE) if is_discreet(user) else BRAND_NAME


def discreet_context(request: HttpRequest) -> dict[str, str]:
    """Template context processor: ``discreet_title`` and ``site_name``.

    ``discreet_title`` is the neutral title when discreet mode is on, else empty, so a
    template writes ``{% if discreet_title %}{{ discreet_title }}{% else %}…{% endif %}``.
    Logged-out pages use the normal title: there is no one to read the setting from.
    """
    user = getattr(request, "user", None)
    return {
        "discreet_title": _(NEUTRAL_TITLE) if is_discreet(user) else "",
        "site_name": site_name(user),
    }
