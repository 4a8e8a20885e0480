"""Rituals (and the days they were done), time together, and reflections."""

from django.utils.translation import gettext_lazy as _

from heartwork.privacy.rows import Table, model_section
from heartwork.rituals.models import Reflection, Ritual, RitualDone, TimeTogether

SECTION = model_section(
    "rituals",
    _("Rituals and time together"),
    [
        Table("rituals", Ritual),
        Table("done", RitualDone),
        Table("time_together", TimeTogether),
        Table("reflections", Reflection),
    ],
)
