"""The account's settings: country, time zone and discreet mode. Never the password.

The id, email and date joined are exported so an import into a fresh instance can
recreate the same account (heartwork.privacy.services.import_archive); restoring this
section into an existing account changes only the settings.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from heartwork.accounts.models import User
from heartwork.core.timezones import is_zone
from heartwork.privacy.rows import ArchiveError
from heartwork.privacy.sections import Section

KEYS = {"id", "email", "date_joined", "country", "time_zone", "discreet_mode"}


def export(user: User) -> dict[str, Any]:
    return {
        "id": str(user.id),
        "email": user.email,
        "date_joined": user.date_joined.isoformat(),
        "country": user.country,
        "time_zone": user.time_zone,
        "discreet_mode": user.discreet_mode,
    }


def restore(user: User, data: Any) -> None:
    if not isinstance(data, dict) or set(data) != KEYS:
        raise ArchiveError(f"account: expected the keys {sorted(KEYS)}")
    country, zone, discreet = data["country"], data["time_zone"], data["discreet_mode"]
    if not isinstance(country, str) or not (
        country == "" or (len(country) == 2 and country.isalpha())
    ):
        raise ArchiveError("account: country must be two letters or empty")
    if not isinstance(zone, str) or (zone and not is_zone(zone)):
        raise ArchiveError("account: time_zone is not a time zone this machine knows")
    if not isinstance(discreet, bool):
        raise ArchiveError("account: discreet_mode must be true or false")
    values = {"country": country.upper(), "time_zone": zone, "discreet_mode": discreet}
    # update(), not save(): a saved time zone makes other apps react (reminders move to the
    # new zone), but an import puts back every row exactly as it was exported.
    User.objects.filter(pk=user.pk).update(**values)
    for name, value in values.items():
        setattr(user, name, value)


SECTION = Section(
    name="account", title=_("Account settings"), models=(User,), export=export, restore=restore
)
